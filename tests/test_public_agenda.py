"""The public agenda of an announced event: days, rooms and sessions as a grid in the event's own time zone, with
names only of people who agreed to be listed, and a calendar feed anyone may subscribe to."""

from datetime import timedelta, timezone

import pytest
from django.test import Client
from icalendar import Calendar
from public_helpers import BASE, public_event

from openimis_be_meeting.services import SessionService

from factories import make_event, register
from showcase_setup import ok

pytestmark = pytest.mark.django_db


def session(admin, event, title, *, day, hour, room="", speakers=(), **extra):
    start = event.starts_at.replace(tzinfo=timezone.utc) + timedelta(days=day, hours=hour)  # stored as naive UTC
    data = {
        "event_id": str(event.id),
        "title": title,
        "session_type": "PANEL",
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "room": room,
        "speaker_ids": list(speakers),
        **extra,
    }
    return ok(SessionService(admin).create(data))


@pytest.fixture
def programme(admin):
    event = public_event(admin, timezone="Africa/Douala")  # UTC+1
    listed = register(admin, event, 1, first_name="Listed", last_name="Speaker", consent_listed=True)["data"]["id"]
    private = register(admin, event, 2, first_name="Private", last_name="Person", consent_listed=False)["data"]["id"]
    session(
        admin,
        event,
        "Opening",
        day=0,
        hour=0,
        room="Hall",
        speakers=[listed, private],
        languages=["en"],
        interpretation=["fr"],
    )
    session(admin, event, "Side track", day=0, hour=0, room="Room B", languages=["fr"])
    session(admin, event, "Closing", day=1, hour=5, room="Hall")
    return event


def test_the_grid_shows_days_rooms_and_times_in_the_event_zone(programme):
    page = Client().get(f"{BASE}events/{programme.id}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<table class="grid">') == 2  # two days
    assert '<th scope="col">Hall</th>' in html and '<th scope="col">Room B</th>' in html
    assert '<th scope="row">10:00</th>' in html  # 09:00 UTC is 10:00 in Douala
    assert "Africa/Douala" in html
    assert "Language: EN" in html and "Interpretation into: FR" in html
    assert "Listed Speaker" in html


def test_nothing_personal_beyond_consent(programme):
    html = Client().get(f"{BASE}events/{programme.id}/").content.decode()
    assert "Private" not in html and "Person" not in html
    assert "@example.cm" not in html


def test_the_page_speaks_french(programme):
    html = Client(HTTP_ACCEPT_LANGUAGE="fr").get(f"{BASE}events/{programme.id}/").content.decode()
    assert '<html lang="fr">' in html and "<h2>Programme</h2>" in html
    assert "Interprétation en: FR" in html


def test_the_calendar_feed_names_the_same_people(programme):
    page = Client().get(f"{BASE}events/{programme.id}/").content.decode()
    assert f"{BASE}events/{programme.id}/agenda.ics" in page

    feed = Client().get(f"{BASE}events/{programme.id}/agenda.ics")

    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    summaries = sorted(str(component["SUMMARY"]) for component in calendar.walk("VEVENT"))
    assert summaries == sorted(["Closing", "Opening", "Side track", programme.name])
    assert b"Private" not in feed.content and b"example.cm" not in feed.content
    assert b"Listed Speaker" in feed.content
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)  # a subscribed calendar is fetched again hourly


def test_a_draft_has_no_public_agenda_and_the_register_button_only_while_open(admin):
    draft = make_event(admin, code="DRAFT")
    assert Client().get(f"{BASE}events/{draft.id}/").status_code == 404
    assert Client().get(f"{BASE}events/{draft.id}/agenda.ics").status_code == 404
    closed = public_event(admin, code="NOTPUBLIC", public_registration=False)
    assert "/register/" not in Client().get(f"{BASE}events/{closed.id}/").content.decode()
    opened = public_event(admin, code="OPEN")
    assert f"{BASE}events/{opened.id}/register/" in Client().get(f"{BASE}events/{opened.id}/").content.decode()


def test_the_rendered_page_is_cached_briefly_and_an_event_change_shows_at_once(admin, programme, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openimis_be_meeting.apps import MeetingConfig

    url = f"{BASE}events/{programme.id}/"
    first = Client().get(url).content
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url).content
    assert again == first and len(queries) == 1  # only the event itself is read
    session(admin, programme, "Late addition", day=1, hour=7, room="Hall")
    assert b"Late addition" not in Client().get(url).content  # within the cache period
    programme.refresh_from_db()
    programme.venue = "Palais des Congrès"
    programme.save(user=admin)
    assert b"Late addition" in Client().get(url).content  # the event changed: rendered again
    monkeypatch.setitem(MeetingConfig.config, "public_agenda_cache_seconds", 0)
    session(admin, programme, "Later still", day=1, hour=8, room="Hall")
    assert b"Later still" in Client().get(url).content
