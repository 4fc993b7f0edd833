"""The scheduled erasure (erase_meeting_personal_data, and the Celery task) and the event's retention date: events
past their retention date lose their participants' personal data everywhere, deleted events too; events before it
keep everything; a dry run changes nothing; a second run finds nothing to do; the numbers stay the same."""

from datetime import datetime, timedelta, timezone
from io import StringIO

import pytest
from django.core.management import call_command
from retention_helpers import database_hits, numbers

from openimis_be_meeting.models import Event, Participant
from openimis_be_meeting.services import AttendanceService, EventService, ParticipantService
from openimis_be_meeting.tasks import erase_expired_personal_data

from factories import PASSWORD, make_user, open_event, register, running_event
from frontend import Enum, logged_in
from rights_world import ALL_CODES, secret_person
from showcase_setup import ok

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def _values(event) -> list[str]:
    fields = ("first_name", "email", "phone", "accessibility_needs", "dietary_needs", "checkin_token")
    rows = [*Participant.history.filter(event_id=event.id).values(), *Participant.objects.filter(event=event).values()]
    return sorted({str(row[name]) for row in rows for name in fields if row[name]})


def _ended(event, *, days_ago: int) -> Event:
    """Time passes: the event ended `days_ago` days ago (its dates move; nothing else changes)."""
    ends = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0) - days_ago * DAY
    Event.objects.filter(id=event.id).update(starts_at=ends - 2 * DAY, ends_at=ends)
    return Event.objects.get(id=event.id)


def _people(admin, event, first: int, count: int = 3) -> list[str]:
    ids = []
    for number in range(first, first + count):
        details = {**secret_person(number), "first_name": f"Retained{number}x"}
        ids.append(ok(register(admin, event, number, **details)))
    return ids


def _run(*args) -> str:
    out = StringIO()
    call_command("erase_meeting_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def events(admin):
    """Three events: one ended 400 days ago (past the default 365), one under way, one ended 400 days ago whose
    organisers keep the data ten years; each with people carrying personal data, the first with check-ins."""
    past = running_event(admin, code="PAST", capacity=2)
    past_ids = _people(admin, past, 10)  # two seats: the third waits
    for pid in past_ids[:2]:
        ok(AttendanceService(admin).check_in({"id": pid}))
    ok(EventService(admin).change_status({"id": str(past.id), "status": "REGISTRATION_CLOSED"}))
    ok(EventService(admin).change_status({"id": str(past.id), "status": "ONGOING"}))
    ok(EventService(admin).change_status({"id": str(past.id), "status": "COMPLETED"}))
    now = open_event(admin, code="NOW")
    _people(admin, now, 20)
    kept = open_event(admin, code="KEPT")
    _people(admin, kept, 30)
    kept = _ended(kept, days_ago=400)
    ok(
        EventService(admin).update(
            {"id": str(kept.id), "retention_date": (kept.ends_at + 3650 * DAY).date().isoformat()}
        )
    )
    return _ended(past, days_ago=400), Event.objects.get(id=now.id), Event.objects.get(id=kept.id)


def test_the_command_erases_what_is_past_its_date_and_nothing_else(events, admin):
    past, now, kept = events
    make_user("Reader", rights=ALL_CODES)
    reader = logged_in("Reader", PASSWORD)
    before = numbers(reader, [past.id, now.id, kept.id])
    values = {event.code: _values(event) for event in events}
    assert all(database_hits(found) for found in values.values())

    dry = _run("--dry-run")
    assert "events past their retention date: 1" in dry and "participants would be erased: 3" in dry
    assert all(len(database_hits(found)) >= len(found) for found in values.values())  # nothing changed

    done = _run()

    assert "events past their retention date: 1" in done and "participants erased: 3" in done
    assert database_hits(values["PAST"]) == []
    for code in ("NOW", "KEPT"):
        assert {value for _table, value in database_hits(values[code])} == {value.lower() for value in values[code]}
    assert numbers(reader, [past.id, now.id, kept.id]) == before
    assert sorted(Participant.objects.filter(event=past).values_list("status", flat=True)) == [
        "CONFIRMED",
        "CONFIRMED",
        "WAITLISTED",
    ]
    again = _run()
    assert "events past their retention date: 0" in again and "participants erased: 0" in again


def test_the_default_period_and_the_event_date_decide(admin):
    event = _ended(running_event(admin, code="EDGE"), days_ago=365)
    _people(admin, event, 40, count=1)
    assert "participants erased: 0" in _run()  # its last day plus 365 days is today: still kept
    Event.objects.filter(id=event.id).update(ends_at=event.ends_at - DAY)
    assert "participants erased: 1" in _run()


def test_deleted_events_and_registrations_are_erased_too_and_the_celery_task_does_it(admin):
    event = _ended(running_event(admin, code="GONE"), days_ago=500)
    first, _second = _people(admin, event, 50, count=2)
    assert ParticipantService(admin).delete({"id": first})["success"]
    values = _values(event)
    ok_result = EventService(admin).delete({"ids": [str(event.id)]})
    assert ok_result["success"], ok_result

    counts = erase_expired_personal_data.apply().get()

    assert (counts["events"], counts["participants"]) == (1, 2)
    assert database_hits(values) == []
    assert erase_expired_personal_data.apply().get().get("participants", 0) == 0


EVENT = """query ($code: String) { meetingEvents(code: $code) { edges { node { code endsAt retentionDate } } } }"""


def test_an_organiser_sets_the_retention_date_through_graphql(admin):
    make_user("Planner", rights=["215001", "215002", "215003"])
    planner = logged_in("Planner", PASSWORD)
    starts = datetime(2030, 3, 2, 9, tzinfo=timezone.utc)
    fields = {
        "code": "RET-1",
        "name": "Retention",
        "eventType": Enum("WORKSHOP"),
        "startsAt": starts.isoformat(),
        "endsAt": (starts + DAY + timedelta(hours=2)).isoformat(),  # 11:00 UTC
        "timezone": "Pacific/Kiritimati",  # UTC+14: the event's last day is 4 March there
        "participationMode": Enum("IN_PERSON"),
    }
    assert planner.mutate("createMeetingEvent", fields)["status"] == 2
    node = planner.post(EVENT, variables={"code": "RET-1"})["data"]["meetingEvents"]["edges"][0]["node"]
    assert node["retentionDate"] == "2031-03-04"  # 365 days after its last day, in its own zone
    event_id = str(Event.objects.get(code="RET-1").id)

    refused = {"2030-03-03": "meeting.event.retention_before_end", "2030-02-30": "meeting.validation.invalid_date"}
    for value, code in refused.items():
        log = planner.mutate("updateMeetingEvent", {"id": event_id, "retentionDate": value})
        assert [(error["code"], error["field"]) for error in log["errors"]] == [(code, "retentionDate")]
    assert planner.mutate("updateMeetingEvent", {"id": event_id, "retentionDate": "2030-03-04"})["status"] == 2
    node = planner.post(EVENT, variables={"code": "RET-1"})["data"]["meetingEvents"]["edges"][0]["node"]
    assert node["retentionDate"] == "2030-03-04"

    ok(EventService(admin).change_status({"id": event_id, "status": "CANCELLED"}))
    assert planner.mutate("updateMeetingEvent", {"id": event_id, "retentionDate": "2032-01-01"})["status"] == 2
    log = planner.mutate("updateMeetingEvent", {"id": event_id, "retentionDate": "2033-01-01", "name": "Renamed"})
    assert [error["code"] for error in log["errors"]] == ["meeting.event.finished"]
    assert str(Event.objects.get(id=event_id).retention_date) == "2032-01-01"
    assert planner.mutate("updateMeetingEvent", {"id": event_id, "retentionDate": ""})["status"] == 2
    assert Event.objects.get(id=event_id).retention_date is None


def test_the_documented_schedules_name_what_exists():
    """docs/retention.md: the Celery beat entry's task is found by the workers' autodiscovery, and the method of
    openIMIS's own scheduler (SCHEDULER_JOBS) resolves to the erasure."""
    from core import get_scheduler_method_ref

    from openimis_be_meeting.services.retention import erase_expired

    from host.celery import app

    app.loader.import_default_modules()
    assert "openimis_be_meeting.erase_expired_personal_data" in app.tasks
    assert get_scheduler_method_ref("openimis_be_meeting.services.retention.erase_expired") is erase_expired


@pytest.mark.parametrize(
    "value", ["2030-01-0\x00", "2030-01-01" + "0" * 5000, "２０３０-01-01", "2030-1-1", "20300101", "0001-01-01", "x"]
)
def test_a_retention_date_that_is_not_a_plain_date_is_refused(admin, value):
    make_user("Planner", rights=["215001", "215003"])
    planner = logged_in("Planner", PASSWORD)
    event = open_event(admin, code="RET-BAD")
    log = planner.mutate(
        "updateMeetingEvent",
        {"id": str(event.id), "retentionDate": value},
        input_type="UpdateMeetingEventMutationInput",
    )
    assert [(error["code"], error["field"]) for error in log["errors"]] == [
        ("meeting.validation.invalid_date", "retentionDate")
    ]
    assert Event.objects.get(id=event.id).retention_date is None
