"""Capacity and the waiting list under real concurrency: separate PostgreSQL connections, one per thread."""

import threading

import pytest
from django.db import connection, connections

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import ParticipantService

from factories import open_event, person, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
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
