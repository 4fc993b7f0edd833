"""Content written in English and in French (issue 17, item 6): an event's name and description, a session's title
and description, a showcase's title and abstract. GraphQL over HTTP as the frontend sends it, the public pages and
feed, the exports, the mail received by a real SMTP server and the certificate's PDF each show the reader's
language and fall back to the other; the migration keeps today's texts."""

import csv
import io
import uuid
from datetime import timedelta, timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from document_tools import content_of, needs_tools, pdf_text
from document_world import check_in, confirmed, event_under_way
from icalendar import Calendar
from mail_helpers import deliver, smtp, text_of  # noqa: F401 - smtp is a fixture
from public_helpers import BASE, public_event

from openimis_be_meeting.models import Event, Session, Showcase
from openimis_be_meeting.services import EventService, SessionService

from factories import PASSWORD, event_input, make_user, open_event, register
from frontend import Enum, logged_in
from showcase_setup import advance, build_world, make_showcase, ok

pytestmark = pytest.mark.django_db

REST = "/api/openimis_be_meeting/"
NAME_FR = "Réunion de la communauté openIMIS"
DESCRIPTION_FR = "Utilisateurs et développeurs d'openIMIS se retrouvent à Yaoundé."
EVENT_TEXTS = "name nameEn nameFr description descriptionEn descriptionFr"


def speaking(session, language: str):
    session.http.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return session


def events_read(session, language: str, **arguments) -> list[dict]:
    speaking(session, language)
    filters = "".join(f", {key}: {value!r}".replace("'", '"') for key, value in arguments.items())
    result = session.post(f"{{ meetingEvents(first: 20{filters}) {{ edges {{ node {{ uuid {EVENT_TEXTS} }} }} }} }}")
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingEvents"]["edges"]]


@pytest.fixture
def editor(admin):
    return logged_in("Admin", PASSWORD)


def bilingual_event(editor, **changes) -> Event:
    fields = {
        "code": "CM-YDE",
        "name": "openIMIS Community Meeting",
        "nameFr": NAME_FR,
        "description": "Users and developers of openIMIS meet in Yaoundé.",
        "descriptionFr": DESCRIPTION_FR,
        "eventType": Enum("COMMUNITY_MEETING"),
        "startsAt": "2031-10-24T09:00:00",
        "endsAt": "2031-10-26T17:30:00",
        "timezone": "Africa/Douala",
        **changes,
    }
    log = editor.mutate("createMeetingEvent", fields)
    assert log["status"] == 2, log
    return Event.objects.get(code=fields["code"])


def test_graphql_answers_in_the_callers_language_and_keeps_both_texts_as_written(editor):
    event = bilingual_event(editor)
    assert (event.name, event.name_fr, event.description_fr) == ("openIMIS Community Meeting", NAME_FR, DESCRIPTION_FR)
    assert event.history.count() == 1 and event.history.first().name_fr == NAME_FR

    as_written = {
        "uuid": str(event.id),
        "nameEn": "openIMIS Community Meeting",
        "nameFr": NAME_FR,
        "descriptionEn": "Users and developers of openIMIS meet in Yaoundé.",
        "descriptionFr": DESCRIPTION_FR,
    }
    [english] = events_read(editor, "en")
    [french] = events_read(editor, "fr-FR")
    assert english == {**as_written, "name": "openIMIS Community Meeting", "description": as_written["descriptionEn"]}
    assert french == {**as_written, "name": NAME_FR, "description": DESCRIPTION_FR}
    [portuguese] = events_read(editor, "pt")  # neither language: the English text
    assert portuguese["name"] == "openIMIS Community Meeting"

    # The name filter matches the text in either language, whatever the caller's.
    assert [node["uuid"] for node in events_read(editor, "en", name_Icontains="communauté")] == [str(event.id)]
    assert events_read(editor, "fr", name_Icontains="nowhere") == []


def test_a_text_written_in_one_language_is_shown_in_both(editor):
    english_only = bilingual_event(editor, code="EN-ONLY", nameFr="", descriptionFr="")
    log = editor.mutate(
        "updateMeetingEvent", {"id": str(english_only.id), "nameFr": "Seulement en français", "name": "Only English"}
    )
    assert log["status"] == 2, log
    log = editor.mutate("updateMeetingEvent", {"id": str(english_only.id), "nameFr": ""})  # the French text removed
    assert log["status"] == 2, log

    [node] = events_read(editor, "fr", code="EN-ONLY")
    assert (node["name"], node["nameFr"], node["description"]) == (
        "Only English",
        "",
        "Users and developers of openIMIS meet in Yaoundé.",
    )
    english_only.refresh_from_db()
    assert [row.name_fr for row in english_only.history.order_by("history_date")] == [
        "",
        "Seulement en français",
        "",
    ]


def test_a_french_text_too_long_is_refused_by_its_field_and_nothing_is_saved(editor):
    event = bilingual_event(editor)
    log = editor.mutate("updateMeetingEvent", {"id": str(event.id), "nameFr": "é" * 256, "city": "Douala"})

    assert log["status"] != 2
    [error] = log["errors"]
    assert (error["code"], error["field"]) == ("meeting.validation.too_long", "nameFr"), error
    event.refresh_from_db()
    assert (event.name_fr, event.city, event.version) == (NAME_FR, "", 1)


def test_sessions_and_showcases_answer_in_the_callers_language(admin, editor):
    event = bilingual_event(editor)
    log = editor.mutate(
        "createMeetingSession",
        {
            "eventId": str(event.id),
            "title": "Opening plenary",
            "titleFr": "Plénière d'ouverture",
            "descriptionFr": "Accueil par le ministère",
            "sessionType": Enum("PLENARY"),
            "startsAt": "2031-10-24T09:00:00",
            "endsAt": "2031-10-24T10:00:00",
        },
    )
    assert log["status"] == 2, log
    query = (
        f'{{ meetingSessions(eventId: "{event.id}", title_Icontains: "plénière") '
        "{ edges { node { title titleEn titleFr description descriptionEn descriptionFr } } } }"
    )
    [french] = speaking(editor, "fr").post(query)["data"]["meetingSessions"]["edges"]
    [english] = speaking(editor, "en").post(query)["data"]["meetingSessions"]["edges"]
    assert french["node"] == {
        "title": "Plénière d'ouverture",
        "titleEn": "Opening plenary",
        "titleFr": "Plénière d'ouverture",
        "description": "Accueil par le ministère",
        "descriptionEn": "",
        "descriptionFr": "Accueil par le ministère",
    }
    assert (english["node"]["title"], english["node"]["description"]) == ("Opening plenary", "Accueil par le ministère")


def test_a_showcase_is_proposed_in_both_languages_and_its_french_may_follow_the_acceptance(admin):
    world = build_world(admin)
    creator = logged_in("Admin", PASSWORD)
    fields = {
        "eventId": str(world.event.id),
        "title": "Claims feed the PBF platform",
        "titleFr": "Les demandes alimentent la plateforme FBP",
        "abstract": "Verified quantities each month.",
        "leadOrganisationId": world.organisations["GIZ"],
        "presenterIds": [world.presenters[0]],
        "integrations": [],
    }
    log = creator.mutate("createMeetingShowcase", fields)
    assert log["status"] == 2, log
    showcase = Showcase.objects.get(title="Claims feed the PBF platform")
    make_user("Reader", rights=["217001"])
    reader = logged_in("Reader", PASSWORD)
    query = (
        f'{{ meetingShowcases(eventId: "{world.event.id}") '
        "{ edges { node { title titleEn abstract abstractFr } } } }"
    )
    [french] = [edge["node"] for edge in speaking(reader, "fr").post(query)["data"]["meetingShowcases"]["edges"]]
    assert french == {
        "title": "Les demandes alimentent la plateforme FBP",
        "titleEn": "Claims feed the PBF platform",
        "abstract": "Verified quantities each month.",  # no French abstract yet: the English one
        "abstractFr": "",
    }

    accepted = make_showcase(admin, world, title="Accepted one")
    accepted = advance(admin, make_user("Reviewer", rights=["217005"]), accepted, "ACCEPTED")
    translated = creator.mutate(
        "updateMeetingShowcase", {"id": str(accepted.id), "titleFr": "Acceptée", "abstractFr": "Résumé"}
    )
    assert translated["status"] == 2, translated  # a translation of what was reviewed
    changed = creator.mutate("updateMeetingShowcase", {"id": str(accepted.id), "title": "Another claim"})
    assert [error["code"] for error in changed["errors"]] == ["meeting.showcase.reviewed"], changed
    accepted.refresh_from_db()
    assert (accepted.title, accepted.title_fr, accepted.abstract_fr) == ("Accepted one", "Acceptée", "Résumé")
    assert showcase.status == "DRAFT"


def _session(admin, event, title, title_fr="", **extra):
    start = event.starts_at.replace(tzinfo=timezone.utc) + timedelta(hours=1)
    data = {
        "event_id": str(event.id),
        "title": title,
        "title_fr": title_fr,
        "session_type": "PANEL",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "room": "Hall",
        **extra,
    }
    return ok(SessionService(admin).create(data))


@pytest.fixture
def programme(admin):
    event = public_event(admin, timezone="Africa/Douala", name="Community Meeting", name_fr="Réunion communautaire")
    _session(admin, event, "Opening plenary", "Plénière d'ouverture", description="Welcome.")
    _session(admin, event, "FHIR clinic", room="Room B")  # written in English only
    return event


def test_the_public_agenda_and_its_feed_speak_the_readers_language(programme):
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get(f"{BASE}events/{programme.id}/").content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"{BASE}events/{programme.id}/").content.decode()

    assert "<h1>Réunion communautaire</h1>" in french and escape("Plénière d'ouverture") in french
    assert "FHIR clinic" in french  # no French title: the English one
    assert "Opening plenary" not in french and "Community Meeting</h1>" not in french
    assert "<h1>Community Meeting</h1>" in english and "Opening plenary" in english
    assert "Plénière" not in english and "Réunion" not in english

    feed = Calendar.from_ical(Client(HTTP_ACCEPT_LANGUAGE="fr").get(f"{BASE}events/{programme.id}/agenda.ics").content)
    summaries = sorted(str(item["SUMMARY"]) for item in feed.walk("VEVENT"))
    assert "Plénière d'ouverture" in summaries and "FHIR clinic" in summaries
    assert str(feed["X-WR-CALNAME"]) == "Réunion communautaire"


def test_the_agenda_export_is_in_the_exports_language(admin, programme):
    session = logged_in("Admin", PASSWORD)
    for language, expected in (("fr", "Plénière d'ouverture"), ("en", "Opening plenary")):
        response = session.http.get(f"{REST}events/{programme.id}/agenda.csv", {"language": language})
        assert response.status_code == 200, response.content[:300]
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert sorted(row["Title"] for row in rows) == sorted([expected, "FHIR clinic"]), rows


def test_a_participant_is_mailed_the_event_name_in_their_language(admin, smtp):  # noqa: F811 - the fixture
    event = open_event(admin, name="Community Meeting", name_fr="Réunion communautaire", capacity=10)
    assert register(admin, event, 1, language="fr")["success"]
    assert register(admin, event, 2, language="en")["success"]

    assert deliver() == "sent 2, to retry 0, failed 0\n"
    received = {message["To"]: message for message in smtp.messages()}
    french, english = received["person1@example.cm"], received["person2@example.cm"]
    assert french["Subject"] == "Inscription confirmée : Réunion communautaire"
    assert french["From"] == "Réunion communautaire <meetings@openimis.example>"
    assert "Vous recevez ce message parce que vous vous êtes inscrit·e à Réunion communautaire." in text_of(french)
    assert english["Subject"] == "Registration confirmed: Community Meeting"
    assert "Réunion" not in text_of(english)


@needs_tools
def test_a_french_certificate_names_the_event_and_sessions_in_french(admin):
    event = event_under_way(admin, name="Community Meeting", name_fr="Réunion communautaire")
    plenary = _session(admin, event, "Opening plenary", "Plénière d'ouverture", room="")
    clinic = _session(admin, event, "FHIR clinic", room="Room B")
    person = confirmed(admin, event, 1, language="fr")
    check_in(admin, person, session_id=plenary)
    check_in(admin, person, session_id=clinic)
    make_user("Issuer", rights=["216009", "215001", "216001"])
    issuer = logged_in("Issuer", PASSWORD)

    log = issuer.mutate("issueMeetingCertificate", {"participantId": str(person.id)})
    assert log["status"] == 2, log
    pdf = content_of(issuer.http.get(f"{REST}participants/{person.id}/certificate.pdf"))
    text = " ".join(pdf_text(pdf).split())

    assert "Réunion communautaire" in text and "Community Meeting" not in text
    assert "Plénière d'ouverture" in text and "FHIR clinic" in text and "Opening plenary" not in text


def test_the_service_takes_the_french_texts_and_the_models_choose_by_the_active_language(admin):
    result = EventService(admin).create(event_input(code="SVC", name_fr="Par le service", description=""))
    assert result["success"], result
    event = Event.objects.get(code="SVC")
    with translation.override("fr"):
        assert (event.local_name, event.local_description) == ("Par le service", "")
    with translation.override("en-GB"):
        assert event.local_name == event.name != "Par le service"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_todays_texts_and_adds_empty_french_ones(admin):
    before = ("openimis_be_meeting", "0012_documents")
    executor = MigrationExecutor(connection)
    [after] = executor.loader.graph.leaf_nodes("openimis_be_meeting")  # 0013 adds the French texts; then the latest
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    old_event, old_session = (old.get_model("openimis_be_meeting", name) for name in ("Event", "Session"))
    authors = {"user_created_id": admin.id, "user_updated_id": admin.id}
    event = old_event.objects.create(
        id=uuid.uuid4(),
        **authors,
        code="OLD",
        name="Written before",
        description="Kept",
        event_type="WORKSHOP",
        starts_at="2031-01-01T08:00:00",
        ends_at="2031-01-01T17:00:00",
        timezone="UTC",
    )
    old_session.objects.create(
        id=uuid.uuid4(),
        **authors,
        event=event,
        title="Old session",
        session_type="PANEL",
        starts_at="2031-01-01T09:00:00",
        ends_at="2031-01-01T10:00:00",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([after])

    migrated = Event.objects.get(code="OLD")
    assert (migrated.name, migrated.name_fr, migrated.description, migrated.description_fr) == (
        "Written before",
        "",
        "Kept",
        "",
    )
    session = Session.objects.get(event=migrated)
    assert (session.title, session.title_fr, session.local_title) == ("Old session", "", "Old session")
