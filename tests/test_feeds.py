"""Calendar feeds over HTTP, each parsed with a real iCalendar parser (the icalendar library): the event, its agenda
and a participant's personal agenda; times in the event's zone, stable UIDs, escaping, rights and the token."""

import json
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from openimis_be_meeting.services import EventService, SessionService, ShowcaseService
from openimis_be_meeting.timeutils import from_storage

from factories import PASSWORD, future, make_event, make_user
from frontend import REST, logged_in, rest_get
from showcase_setup import advance, build_world, make_showcase, ok

DOUALA = ZoneInfo("Africa/Douala")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = timezone.utc


@pytest.fixture
def world(admin):
    return build_world(admin)


@pytest.fixture
def admin_session(admin):
    return logged_in("Admin", PASSWORD)


def get(session, path: str, **headers):
    """GET a module REST endpoint with the session's JWT cookie and the given HTTP_* headers."""
    return session.http.get(REST + path, **headers)


def add_session(admin, event, day=30, hours=(9, 10), **overrides):
    data = {
        "event_id": str(event.id),
        "title": "Opening plenary",
        "session_type": "PLENARY",
        "starts_at": future(day, hours[0]),
        "ends_at": future(day, hours[1]),
        **overrides,
    }
    return ok(SessionService(admin).create(data))


def wire_format(body: bytes) -> None:
    """RFC 5545 §3.1: CRLF line endings, lines of at most 75 octets, no character cut by a fold."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    wire_format(response.content)
    calendar = Calendar.from_ical(response.content)
    assert [component.errors for component in calendar.walk() if component.errors] == []
    assert (calendar["VERSION"], calendar["PRODID"]) == ("2.0", "-//openIMIS//openimis-be-meeting//EN")
    return calendar


def events_of(calendar: Calendar) -> dict:
    return {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}


def refusal(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"code", "message", "field"} and body["message"]
    return body


def uid(pk) -> str:
    return f"{pk}@openimis-be-meeting"


def assert_in_zone(vevent, name: str, stored, zone: ZoneInfo) -> None:
    """The time read back is the stored instant, written as a wall-clock time of the event's zone."""
    value = vevent.decoded(name)
    assert value == from_storage(stored, zone)
    assert value.tzinfo.key == zone.key
    assert (value.hour, value.minute) == (from_storage(stored, zone).hour, from_storage(stored, zone).minute)


def vtimezone_offsets_agree(calendar: Calendar, zone: ZoneInfo, instants) -> None:
    """The VTIMEZONE itself (not the parser's own copy of the zone) gives each instant its UTC offset."""
    [component] = calendar.walk("VTIMEZONE")
    assert component["TZID"] == zone.key
    described = component.to_tz(lookup_tzid=False)
    for instant in instants:
        local = from_storage(instant, zone)
        assert local.replace(tzinfo=None).replace(tzinfo=described).utcoffset() == local.utcoffset(), local


@pytest.mark.django_db
def test_the_event_calendar_is_one_vevent_in_the_event_zone(admin_session, world):
    event = world.event

    response = rest_get(admin_session, f"events/{event.id}/calendar.ics")

    calendar = parse(response)
    assert response["Content-Disposition"] == 'attachment; filename="YDE-SHOW-event.ics"'
    assert calendar["X-WR-TIMEZONE"] == "Africa/Douala"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["UID"] == uid(event.id)
    assert (vevent["SUMMARY"], vevent["STATUS"], vevent["TRANSP"]) == (event.name, "CONFIRMED", "OPAQUE")
    assert vevent["LOCATION"] == "Hilton Yaoundé, Yaoundé, CM"
    assert vevent["X-OPENIMIS-EVENT-CODE"] == "YDE-SHOW"
    assert_in_zone(vevent, "DTSTART", event.starts_at, DOUALA)
    assert_in_zone(vevent, "DTEND", event.ends_at, DOUALA)
    assert b"DTSTART;TZID=Africa/Douala:" in response.content
    vtimezone_offsets_agree(calendar, DOUALA, [event.starts_at, event.ends_at])
    [observance] = calendar.walk("VTIMEZONE")[0].subcomponents
    assert (observance.name, observance["TZOFFSETTO"].td) == ("STANDARD", timedelta(hours=1))


@pytest.mark.django_db
def test_the_agenda_has_every_live_session_with_room_type_languages_and_people(admin_session, admin, world):
    reviewer = make_user("Reviewer", rights=["217001", "217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, world), "SCHEDULED")
    # Accepted and linked to the slot, then withdrawn: it leaves the feed.
    draft = advance(admin, reviewer, make_showcase(admin, world, title="Not on the programme yet"), "ACCEPTED")
    plenary = add_session(
        admin,
        world.event,
        room="Salle des Fêtes",
        languages=["fr", "en"],
        interpretation=["en"],
        description="Welcome by the Ministry.",
        speaker_ids=[world.presenters[0]],
        chair_ids=[world.presenters[1]],
    )
    slot = add_session(
        admin,
        world.event,
        hours=(10, 11),
        title="Showcase slot",
        session_type="SHOWCASE_SLOT",
        room="Demo corner",
        showcase_ids=[str(showcase.id), str(draft.id)],
    )
    ok(ShowcaseService(admin).withdraw({"id": str(draft.id)}))
    gone = add_session(admin, world.event, day=31, title="Cancelled side meeting", session_type="SIDE_MEETING")
    assert SessionService(admin).delete({"ids": [gone]})["success"]

    calendar = parse(rest_get(admin_session, f"events/{world.event.id}/agenda.ics"))

    assert calendar["X-WR-CALNAME"] == f"{world.event.name} – Sessions"
    entries = events_of(calendar)
    assert list(entries) == [uid(plenary), uid(slot)]  # in time order; the deleted one is gone
    first = entries[uid(plenary)]
    assert (first["SUMMARY"], first["LOCATION"], first["STATUS"]) == ("Opening plenary", "Salle des Fêtes", "CONFIRMED")
    assert first["CATEGORIES"].cats == ["Plenary"]
    assert first["X-OPENIMIS-SESSION-TYPE"] == "PLENARY"
    assert (first["X-OPENIMIS-LANGUAGES"], first["X-OPENIMIS-INTERPRETATION"]) == ("fr,en", "en")
    assert first["RELATED-TO"] == uid(world.event.id)
    assert first["DESCRIPTION"] == (
        "Welcome by the Ministry.\n\nType: Plenary\nLanguages: French, English\nInterpretation into: English\n"
        "Speakers: Person100 Presenter0\nChairs: Person101 Presenter1"
    )
    second = entries[uid(slot)]
    assert "Showcases: openIMIS and the PBF platform" in second["DESCRIPTION"]
    assert "Not on the programme yet" not in second["DESCRIPTION"]
    for vevent in entries.values():
        assert vevent["TRANSP"] == "TRANSPARENT"  # parallel sessions do not all block the day
    assert b"@example" not in rest_get(admin_session, f"events/{world.event.id}/agenda.ics").content  # names, no emails
    sessions = {str(row.id): row for row in world.event.sessions.all()}
    for key in (plenary, slot):
        assert_in_zone(entries[uid(key)], "DTSTART", sessions[key].starts_at, DOUALA)
        assert_in_zone(entries[uid(key)], "DTEND", sessions[key].ends_at, DOUALA)


@pytest.mark.django_db
def test_uids_stay_and_sequence_grows_when_rows_change(admin_session, admin, world):
    session_id = add_session(admin, world.event)
    url = f"events/{world.event.id}/agenda.ics"

    first, again = rest_get(admin_session, url), rest_get(admin_session, url)
    assert first.content == again.content  # nothing changed: the same bytes, so the same UIDs
    assert get(admin_session, url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    before = events_of(parse(first))[uid(session_id)]

    log = admin_session.mutate(
        "updateMeetingSession", {"id": session_id, "title": "Opening plenary, moved", "room": "B"}
    )
    assert log["status"] == 2, log
    after = events_of(parse(rest_get(admin_session, url)))[uid(session_id)]
    assert after["SUMMARY"] == "Opening plenary, moved"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt

    event_url = f"events/{world.event.id}/calendar.ics"
    event_before = parse(rest_get(admin_session, event_url)).walk("VEVENT")[0]
    ok(EventService(admin).update({"id": str(world.event.id), "name": "openIMIS Community Meeting 2"}))
    [event_after] = parse(rest_get(admin_session, event_url)).walk("VEVENT")
    assert (event_after["UID"], event_after["SUMMARY"]) == (uid(world.event.id), "openIMIS Community Meeting 2")
    assert event_after["SEQUENCE"] == event_before["SEQUENCE"] + 1


@pytest.mark.django_db
def test_a_cancelled_event_and_its_sessions_are_cancelled_in_the_calendars(admin_session, admin, world):
    session_id = add_session(admin, world.event)
    before = events_of(parse(rest_get(admin_session, f"events/{world.event.id}/agenda.ics")))[uid(session_id)]

    ok(EventService(admin).change_status({"id": str(world.event.id), "status": "CANCELLED"}))

    [event] = parse(rest_get(admin_session, f"events/{world.event.id}/calendar.ics")).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    session = events_of(parse(rest_get(admin_session, f"events/{world.event.id}/agenda.ics")))[uid(session_id)]
    assert session["STATUS"] == "CANCELLED"
    assert session["SEQUENCE"] > before["SEQUENCE"]  # the entry changed: clients must take the new one


@pytest.mark.django_db
def test_a_draft_is_tentative_for_those_who_may_see_it(admin_session, admin):
    draft = make_event(admin, code="DRAFT-1")

    [vevent] = parse(rest_get(admin_session, f"events/{draft.id}/calendar.ics")).walk("VEVENT")

    assert vevent["STATUS"] == "TENTATIVE"


def _last_sunday_of_october(year: int) -> date:
    return max(date(year, 10, day) for day in range(25, 32) if date(year, 10, day).weekday() == 6)


@pytest.mark.django_db
def test_times_round_trip_across_a_daylight_saving_change(admin_session, admin):
    sunday = _last_sunday_of_october(date.today().year + 1)
    event = make_event(
        admin,
        code="BER-DST",
        timezone="Europe/Berlin",
        starts_at=datetime.combine(sunday - timedelta(days=1), time(9), tzinfo=BERLIN),
        ends_at=datetime.combine(sunday + timedelta(days=1), time(17), tzinfo=BERLIN),
    )
    slots = {
        "Saturday, summer time": (sunday - timedelta(days=1), time(10), time(11), 0),
        # 02:15 happens twice that night: once in summer time, once an hour later in winter time.
        "First 02:15": (sunday, time(2, 15), time(2, 45), 0),
        "Second 02:15": (sunday, time(2, 15), time(2, 45), 1),
        "Monday, winter time": (sunday + timedelta(days=1), time(10), time(11), 0),
    }
    for title, (day, start, end, fold) in slots.items():
        starts = datetime.combine(day, start, tzinfo=BERLIN).replace(fold=fold)
        ends = datetime.combine(day, end, tzinfo=BERLIN).replace(fold=fold)
        ok(
            SessionService(admin).create(
                {
                    "event_id": str(event.id),
                    "title": title,
                    "session_type": "WORKSHOP",
                    "starts_at": starts,
                    "ends_at": ends,
                }
            )
        )

    response = rest_get(admin_session, f"events/{event.id}/agenda.ics")

    calendar = parse(response)
    stored = {row.title: row for row in event.sessions.all()}
    by_title = {str(vevent["SUMMARY"]): vevent for vevent in calendar.walk("VEVENT")}
    assert list(by_title) == list(slots)
    offsets = {title: vevent.decoded("DTSTART").utcoffset() for title, vevent in by_title.items()}
    assert offsets == {
        "Saturday, summer time": timedelta(hours=2),
        "First 02:15": timedelta(hours=2),
        "Second 02:15": timedelta(0),  # written in UTC: a wall-clock 02:15 with TZID means the first one
        "Monday, winter time": timedelta(hours=1),
    }
    for title, vevent in by_title.items():
        for name, value in (("DTSTART", stored[title].starts_at), ("DTEND", stored[title].ends_at)):
            # In UTC: Python never finds the second of two equal wall-clock times equal to a time of another zone.
            assert vevent.decoded(name).astimezone(UTC) == from_storage(value), (title, name)
    for title in ("Saturday, summer time", "First 02:15", "Monday, winter time"):
        assert_in_zone(by_title[title], "DTSTART", stored[title].starts_at, BERLIN)
    [component] = calendar.walk("VTIMEZONE")
    kinds = [(sub.name, sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td) for sub in component.subcomponents]
    assert ("STANDARD", timedelta(hours=2), timedelta(hours=1)) in kinds
    assert ("DAYLIGHT", timedelta(hours=1), timedelta(hours=2)) in kinds
    fall_back = [
        sub for sub in component.subcomponents if sub.name == "STANDARD" and sub["TZOFFSETFROM"].td.seconds == 7200
    ]
    assert any(sub.decoded("DTSTART") == datetime.combine(sunday, time(3)) for sub in fall_back)
    vtimezone_offsets_agree(
        calendar, BERLIN, [stored["Saturday, summer time"].starts_at, stored["Monday, winter time"].starts_at]
    )
