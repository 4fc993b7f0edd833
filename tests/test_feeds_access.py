"""Calendar feeds: escaping, login and the module rights, French, and a fixed number of queries (split from
test_feeds.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.services import EventService

from factories import PASSWORD, make_user
from frontend import REST, logged_in, rest_get
from test_feeds import (  # noqa: F401 (pytest fixtures)
    add_session,
    admin_session,
    events_of,
    get,
    parse,
    refusal,
    uid,
    world,
)


@pytest.mark.django_db
def test_commas_semicolons_backslashes_and_new_lines_survive(admin_session, admin, world):
    title = "Claims, payments; and C:\\openIMIS — a title long enough to be folded: éèàçô ŒÆ ✓✓✓ Ñandú über"
    description = "First line, with a comma; a semicolon\nSecond line \\ with a backslash\r\nThird line"
    session_id = add_session(admin, world.event, title=title, description=description, room="Room A, 1st floor")

    response = rest_get(admin_session, f"events/{world.event.id}/agenda.ics")

    vevent = events_of(parse(response))[uid(session_id)]
    assert vevent["SUMMARY"] == title
    assert vevent["DESCRIPTION"].startswith(description.replace("\r\n", "\n") + "\n\n")
    assert vevent["LOCATION"] == "Room A, 1st floor"
    unfolded = response.content.replace(b"\r\n ", b"")
    assert b"SUMMARY:Claims\\, payments\\; and C:\\\\openIMIS" in unfolded
    assert b"LOCATION:Room A\\, 1st floor" in unfolded
    assert b"\\nSecond line \\\\ with a backslash\\nThird line" in unfolded
    # A backslash before an n stays a backslash and an n on the wire (the icalendar parser, which handles \n before
    # \\, would read it back as a line break, so this one is checked on the wire only).
    add_session(admin, world.event, hours=(10, 11), title="Path C:\\new")
    wire = rest_get(admin_session, f"events/{world.event.id}/agenda.ics").content.replace(b"\r\n ", b"")
    assert b"SUMMARY:Path C:\\\\new\r\n" in wire


@pytest.mark.django_db
def test_feeds_need_login_and_the_module_rights(admin, world):
    event_url, agenda_url = f"events/{world.event.id}/calendar.ics", f"events/{world.event.id}/agenda.ics"
    anonymous = Client()
    for url in (event_url, agenda_url):
        body = refusal(anonymous.get(REST + url), 401)
        assert body["code"] == "meeting.auth.authentication_required"
        # A browser asking for HTML, or a calendar admin_session for a calendar, still gets the JSON refusal.
        refusal(anonymous.get(REST + url, HTTP_ACCEPT="text/html"), 401)
        refusal(anonymous.get(REST + url, HTTP_ACCEPT="text/calendar"), 401)
        assert refusal(anonymous.get(REST + url, HTTP_AUTHORIZATION="Bearer not-a-token"), 401)["code"] == (
            "meeting.auth.authentication_required"
        )

    make_user("Nobody", rights=[])
    nobody = logged_in("Nobody", PASSWORD)
    for url in (event_url, agenda_url):
        assert refusal(rest_get(nobody, url), 403)["code"] == "meeting.auth.permission_denied"

    # Whoever holds the event search right (which also reads the agenda by default) gets both, with a JWT header too.
    make_user("Viewer", rights=["215001"])
    viewer = logged_in("Viewer", PASSWORD)
    parse(rest_get(viewer, event_url))
    parse(get(viewer, agenda_url, HTTP_ACCEPT="text/calendar"))
    token = viewer.post(
        'mutation ($password: String!) { tokenAuth(username: "Viewer", password: $password) { token } }',
        variables={"password": PASSWORD},
    )
    bearer = f"Bearer {token['data']['tokenAuth']['token']}"
    parse(Client().get(REST + event_url, HTTP_AUTHORIZATION=bearer))

    # Unknown, deleted or malformed events: JSON refusals, after the rights check.
    unknown = "0f0f0f0f-0000-4000-8000-000000000000"
    assert refusal(rest_get(nobody, f"events/{unknown}/calendar.ics"), 403)["code"] == "meeting.auth.permission_denied"
    body = refusal(rest_get(viewer, f"events/{unknown}/calendar.ics"), 404)
    assert (body["code"], body["field"]) == ("meeting.event.not_found", "eventId")
    assert refusal(rest_get(viewer, "events/not-an-id/agenda.ics"), 400)["code"] == "meeting.validation.invalid_id"
    assert EventService(admin).delete({"ids": [str(world.event.id)]})["success"]
    assert refusal(rest_get(viewer, agenda_url), 404)["code"] == "meeting.event.not_found"


@pytest.mark.django_db
def test_each_feed_asks_for_its_own_right_through_the_module_configuration(admin, world, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "gql_query_meeting_sessions_perms", ["217001"])
    make_user("Events", rights=["215001"])
    make_user("Programme", rights=["217001"])
    events, programme = logged_in("Events", PASSWORD), logged_in("Programme", PASSWORD)
    event_url, agenda_url = f"events/{world.event.id}/calendar.ics", f"events/{world.event.id}/agenda.ics"

    parse(rest_get(events, event_url))
    assert refusal(rest_get(events, agenda_url), 403)["code"] == "meeting.auth.permission_denied"
    parse(rest_get(programme, agenda_url))
    assert refusal(rest_get(programme, event_url), 403)["code"] == "meeting.auth.permission_denied"


@pytest.mark.django_db
def test_a_french_speaking_user_reads_the_agenda_in_french(admin, world):
    add_session(admin, world.event, languages=["fr"], interpretation=["en"])
    make_user("Amina", rights=["215001"], language="fr")

    calendar = parse(rest_get(logged_in("Amina", PASSWORD), f"events/{world.event.id}/agenda.ics"))

    [vevent] = calendar.walk("VEVENT")
    assert vevent["CATEGORIES"].cats == ["Plénière"]
    assert vevent["DESCRIPTION"] == "Type: Plénière\nLangues: Français\nInterprétation vers: Anglais"


@pytest.mark.django_db
def test_the_agenda_reads_a_fixed_number_of_queries(admin_session, admin, world):
    url = f"events/{world.event.id}/agenda.ics"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            parse(rest_get(admin_session, url))
        return len(captured)

    add_session(admin, world.event, speaker_ids=[world.presenters[0]])
    queries()  # the first call fills core's rights cache
    few = queries()
    for hour in range(10, 16):
        add_session(
            admin, world.event, hours=(hour, hour + 1), room=f"R{hour}", speaker_ids=[world.presenters[hour % 3]]
        )
    assert queries() == few
