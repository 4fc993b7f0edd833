"""Capacity and the waiting list under real concurrency: separate PostgreSQL connections, one per thread."""

import threading

import pytest
from django.db import connection, connections

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import AttendanceService, EventService, ParticipantService

from factories import open_event, person, register, running_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and real connections: `make test-postgres` runs it",
    ),
]


def run_at_once(calls):
    """Run each call in its own thread and database connection, all released together; return their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # a crash is a result the test must see, not a hung thread
            results[index] = {"success": False, "detail": {"code": "exception", "message": repr(exc)}}
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def snapshot(event):
    rows = Participant.objects.live().filter(event=event)
    confirmed = rows.filter(status="CONFIRMED").count()
    positions = sorted(rows.filter(status="WAITLISTED").values_list("waitlist_position", flat=True))
    return confirmed, positions


@pytest.mark.parametrize("attempt", range(10))
def test_fifty_simultaneous_registrations_for_ten_seats(admin, attempt):
    event = open_event(admin, capacity=10, code=f"RACE-{attempt}")
    service = ParticipantService(admin)
    calls = [(lambda n=n: service.register({"event_id": str(event.id), **person(n)})) for n in range(50)]

    results = run_at_once(calls)

    assert [r for r in results if not r["success"]] == []
    confirmed, positions = snapshot(event)
    assert confirmed == 10
    assert positions == list(range(1, 41))


@pytest.mark.parametrize("attempt", range(10))
def test_simultaneous_cancellations_promote_in_order_without_gaps(admin, attempt):
    event = open_event(admin, capacity=10, code=f"CANCEL-{attempt}")
    ids = [register(admin, event, n)["data"]["id"] for n in range(30)]  # 10 confirmed, 20 waiting
    leaving = ids[0:5] + ids[10:15]  # five seats freed, five leave the line
    service = ParticipantService(admin)

    results = run_at_once([(lambda pid=pid: service.cancel({"id": pid})) for pid in leaving])

    assert [r for r in results if not r["success"]] == []
    confirmed, positions = snapshot(event)
    assert confirmed == 10
    assert positions == list(range(1, 11))
    # The five at the head of the remaining line (registrations 15..19) took the freed seats, in order.
    promoted = set(Participant.objects.filter(id__in=ids[15:20]).values_list("status", flat=True))
    assert promoted == {"CONFIRMED"}
    line = Participant.objects.filter(status="WAITLISTED", event=event).order_by("waitlist_position")
    assert [str(p.id) for p in line] == ids[20:30]


@pytest.mark.parametrize("attempt", range(3))
def test_duplicate_simultaneous_registrations_of_one_email_keep_one(admin, attempt):
    event = open_event(admin, capacity=5, code=f"DUP-{attempt}")
    service = ParticipantService(admin)

    results = run_at_once([(lambda: service.register({"event_id": str(event.id), **person(1)})) for _ in range(8)])

    assert sum(1 for r in results if r["success"]) == 1
    assert {r["detail"]["code"] for r in results if not r["success"]} == {"meeting.participant.email_taken"}
    assert Participant.objects.filter(event=event).count() == 1


@pytest.mark.parametrize("attempt", range(10))
def test_simultaneous_scans_of_one_badge_record_one_attendance(admin, attempt):
    event = running_event(admin, code=f"SCAN-{attempt}")
    token = Participant.objects.get(id=register(admin, event, 1)["data"]["id"]).checkin_token
    service = AttendanceService(admin)
    # Four entrances scan the badge at once, and two devices replay one scan with the same client id.
    calls = [
        (
            lambda n=n: service.check_in(
                {"token": token, "method": "QR", "event_id": str(event.id), "client_id": f"gate-{n}"}
            )
        )
        for n in range(4)
    ]
    calls += [
        (lambda: service.check_in({"token": token, "method": "QR", "event_id": str(event.id), "client_id": "replayed"}))
        for _ in range(2)
    ]

    results = run_at_once(calls)

    assert [r for r in results if not r["success"]] == []
    assert Attendance.objects.filter(participant__event=event).count() == 1


@pytest.mark.parametrize("attempt", range(10))
def test_completion_racing_check_ins_leaves_no_attendee_marked_no_show(admin, attempt):
    event = running_event(admin, code=f"DONE-{attempt}")
    ids = [register(admin, event, n)["data"]["id"] for n in range(6)]
    for status in ("REGISTRATION_CLOSED", "ONGOING"):
        assert EventService(admin).change_status({"id": str(event.id), "status": status})["success"]
    checking_in = AttendanceService(admin)
    calls = [(lambda pid=pid: checking_in.check_in({"id": pid})) for pid in ids[:3]]
    calls.append(lambda: EventService(admin).change_status({"id": str(event.id), "status": "COMPLETED"}))

    results = run_at_once(calls)

    assert [r for r in results if not r["success"]] == []
    present = set(Attendance.objects.filter(participant__event=event).values_list("participant_id", flat=True))
    statuses = dict(Participant.objects.filter(event=event).values_list("id", "status"))
    assert {str(pid) for pid in present} == set(ids[:3])
    assert statuses == {pid: "CONFIRMED" if pid in present else "NO_SHOW" for pid in statuses}
