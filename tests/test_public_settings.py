"""The organisers' side of the public pages: publicRegistration, the privacy notice and publicUrl through GraphQL
over HTTP as the frontend sends them, and in the admin."""

import pytest

from openimis_be_meeting.models import Event

from factories import PASSWORD, make_event
from frontend import Enum, logged_in
from test_events_graphql import CREATE

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = "uuid status publicRegistration privacyNotice privacyNoticeEn privacyNoticeFr publicUrl"


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


def read(session, event_id, *, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    code = Event.objects.get(id=event_id).code
    query = f'{{ meetingEvents(code: "{code}", first: 1) {{ edges {{ node {{ {PUBLIC_FIELDS} }} }} }} }}'
    response = session.http.post(
        "/api/graphql",
        data={"query": query},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=session.csrf_token,
        **headers,
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["meetingEvents"]["edges"][0]["node"]


def test_public_registration_is_off_by_default_and_a_draft_has_no_public_url(session):
    log = session.mutate("createMeetingEvent", CREATE)
    assert log["status"] == 2, log
    event = Event.objects.get(code=CREATE["code"])

    node = read(session, event.id)

    assert node["publicRegistration"] is False
    assert node["privacyNoticeEn"] == "" and node["privacyNoticeFr"] == ""
    assert node["publicUrl"] is None


def test_organiser_turns_public_registration_on_with_a_notice_in_both_languages(session):
    fields = {
        **CREATE,
        "publicRegistration": True,
        "privacyNoticeEn": "We keep your data for the meeting only.",
        "privacyNoticeFr": "Nous gardons vos données pour la réunion seulement.",
    }
    assert session.mutate("createMeetingEvent", fields)["status"] == 2
    event = Event.objects.get(code=CREATE["code"])
    assert session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum("PUBLISHED")})["status"] == 2

    english, french = read(session, event.id), read(session, event.id, language="fr")

    assert english["publicRegistration"] is True
    assert english["privacyNotice"] == "We keep your data for the meeting only."
    assert french["privacyNotice"] == "Nous gardons vos données pour la réunion seulement."
    assert english["publicUrl"] == f"http://testserver/api/openimis_be_meeting/public/events/{event.id}/"


def test_a_notice_in_one_language_is_shown_in_the_other_too(session, admin):
    event = make_event(admin, public_registration=True, privacy_notice_en="English only.")
    assert read(session, event.id, language="fr")["privacyNotice"] == "English only."


def test_public_registration_without_any_privacy_notice_is_refused_and_nothing_changes(session, admin):
    event = make_event(admin)

    log = session.mutate("updateMeetingEvent", {"id": str(event.id), "publicRegistration": True})

    assert log["status"] == 1
    assert log["errors"][0]["code"] == "meeting.event.privacy_notice_required"
    assert log["errors"][0]["field"] == "privacyNoticeEn"
    event.refresh_from_db()
    assert event.public_registration is False


def test_a_non_boolean_public_registration_is_a_graphql_error_and_nothing_changes(session, admin):
    event = make_event(admin)
    _id, response = session.send_mutation("updateMeetingEvent", {"id": str(event.id), "publicRegistration": "yes"})
    assert "errors" in response
    event.refresh_from_db()
    assert event.public_registration is False


def test_too_long_a_privacy_notice_is_refused(session, admin):
    event = make_event(admin)
    log = session.mutate("updateMeetingEvent", {"id": str(event.id), "privacyNoticeFr": "x" * 10_001})
    assert log["status"] == 1 and log["errors"][0]["field"] == "privacyNoticeFr"


def test_admin_shows_and_saves_the_public_settings(admin, client):
    from django.test import Client

    event = make_event(admin)
    browser = Client()
    browser.force_login(admin)
    url = f"/api/admin/openimis_be_meeting/event/{event.id}/change/"
    page = browser.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("public_registration", "privacy_notice_en", "privacy_notice_fr"):
        assert f'name="{name}"' in html
