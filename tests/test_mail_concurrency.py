"""The outbox under real concurrency (PostgreSQL, one connection per thread): the messages queued are exactly the
status changes committed, with the places in line the people really got."""

import pytest
from django.db import connection

from openimis_be_meeting.models import Message, Participant
from openimis_be_meeting.services import ParticipantService

from factories import open_event, person, register
from test_participants_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
]


@pytest.mark.parametrize("attempt", range(3))
def test_fifty_simultaneous_registrations_for_ten_seats_queue_ten_confirmations_and_forty_places_in_line(
    admin, attempt
):
    event = open_event(admin, capacity=10, code=f"MAIL-RACE-{attempt}")
    service = ParticipantService(admin)

    results = run_at_once([(lambda n=n: service.register({"event_id": str(event.id), **person(n)})) for n in range(50)])

    assert [r for r in results if not r["success"]] == []
    messages = Message.objects.filter(event=event)
    assert messages.filter(kind="CONFIRMED").count() == 10
    waitlisted = messages.filter(kind="WAITLISTED").select_related("participant")
    assert sorted(m.context["position"] for m in waitlisted) == list(range(1, 41))
    # Each message names the place its person really holds, and goes to that person.
    assert all(m.context["position"] == m.participant.waitlist_position for m in waitlisted)
    assert all(m.recipient == m.participant.email for m in messages.select_related("participant"))
    confirmed = set(Participant.objects.filter(event=event, status="CONFIRMED").values_list("id", flat=True))
    assert set(messages.filter(kind="CONFIRMED").values_list("participant_id", flat=True)) == confirmed
    assert messages.count() == 50

    seated = Participant.objects.filter(event=event, status="CONFIRMED").first()
    head = Participant.objects.get(event=event, status="WAITLISTED", waitlist_position=1)
    assert ParticipantService(admin).cancel({"id": str(seated.id)})["success"]
    moved = Message.objects.filter(event=event, kind="MOVED_UP")
    assert [m.participant_id for m in moved] == [head.id]


def test_simultaneous_cancellations_queue_one_moved_up_message_per_person_promoted(admin):
    event = open_event(admin, capacity=10, code="MAIL-CANCEL")
    ids = [register(admin, event, n)["data"]["id"] for n in range(20)]  # 10 confirmed, 10 waiting
    service = ParticipantService(admin)

    results = run_at_once([(lambda pid=pid: service.cancel({"id": pid})) for pid in ids[:5]])

    assert [r for r in results if not r["success"]] == []
    moved = Message.objects.filter(event=event, kind="MOVED_UP")
    assert sorted(str(pid) for pid in moved.values_list("participant_id", flat=True)) == sorted(ids[10:15])
    assert Message.objects.filter(event=event, kind="CANCELLED").count() == 5
