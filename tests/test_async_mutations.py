"""Mutations as production openIMIS runs them: MODE=PROD, each one handed to a Celery worker through RabbitMQ.

`make test-async` runs this file on PostgreSQL with MODE=PROD (`.ci/run` does too); it starts and kills real worker
processes. Elsewhere (inline mutations, or SQLite's in-memory database a worker cannot see) it is skipped.
"""

import os
import time
import uuid

import core
import pytest
from celery_worker import Worker
from core.models import MutationLog
from core.tasks import openimis_mutation_async
from django.conf import settings
from django.db import connection

from openimis_be_meeting.models import Event, Participant

from factories import PASSWORD, make_user, open_event
from frontend import Enum, logged_in

ASYNC_HERE = core.async_mutations and "postgresql" in settings.DATABASES["default"]["ENGINE"]
if os.environ.get("MEETING_ASYNC_TESTS") == "required" and not ASYNC_HERE:
    raise RuntimeError("make test-async must run with MODE=PROD on PostgreSQL; these tests would only be skipped")

pytestmark = [
    pytest.mark.skipif(not core.async_mutations, reason="mutations run inline here; `make test-async` runs MODE=PROD"),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="a worker process needs a database it can share (PostgreSQL): `make test-async` runs it",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def empty_queue():
    """Nothing left over from an earlier run reaches this test's workers."""
    from host.celery import app

    app.control.purge()
    yield
    app.control.purge()


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(**extra_env):
        worker = Worker(tmp_path, **extra_env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def finished_log(session, client_mutation_id: str, internal_id: str, timeout: float = 60) -> dict:
    """Poll mutationLogs as the frontend does until the worker has finished this request."""
    deadline = time.monotonic() + timeout
    while True:
        log = session.mutation_log(client_mutation_id, internal_id=internal_id)
        if log["status"] != MutationLog.RECEIVED or time.monotonic() > deadline:
            return log
        time.sleep(0.3)


def send(session, name: str, fields: dict, client_id: str = "") -> tuple[str, str]:
    client_mutation_id, response = session.send_mutation(name, fields, client_id=client_id)
    assert "errors" not in response, response
    return client_mutation_id, response["data"][name]["internalId"]


def registration(event, email: str = "async@example.cm") -> dict:
    return {"eventId": str(event.id), "firstName": "Nadine", "lastName": "Async", "email": email}


def test_a_mutation_sent_over_http_is_done_by_the_worker_and_its_result_is_in_mutation_logs(workers):
    admin = make_user("Admin", admin=True)
    session = logged_in("Admin", PASSWORD)
    workers().start()

    created = send(session, "createMeetingEvent", {
        "code": "CM-ASYNC", "name": "Async meeting", "eventType": Enum("WORKSHOP"),
        "startsAt": "2031-03-02T09:00:00", "endsAt": "2031-03-03T17:00:00", "timezone": "Africa/Douala",
    })  # fmt: skip
    refused = send(session, "createMeetingEvent", {
        "code": "CM-ASYNC-BAD", "name": "Ends before it starts", "eventType": Enum("WORKSHOP"),
        "startsAt": "2031-03-03T09:00:00", "endsAt": "2031-03-02T17:00:00", "timezone": "Africa/Douala",
    })  # fmt: skip

    assert finished_log(session, *created)["status"] == MutationLog.SUCCESS
    log = finished_log(session, *refused)
    assert log["status"] == MutationLog.ERROR
    assert log["errors"][0]["code"] != "meeting.unexpected", log
    event = Event.objects.get(code="CM-ASYNC", is_deleted=False)
    assert event.user_created_id == admin.id  # the worker acted as the user who sent the mutation
    assert not Event.objects.filter(code="CM-ASYNC-BAD").exists()


def test_a_mutation_sent_while_no_worker_runs_is_done_once_a_worker_starts_exactly_once(workers):
    admin = make_user("Admin", admin=True)
    event = open_event(admin, capacity=10)
    session = logged_in("Admin", PASSWORD)

    first = send(session, "registerMeetingParticipant", registration(event))
    double_click = send(session, "registerMeetingParticipant", registration(event), client_id=first[0])
    time.sleep(2)
    assert MutationLog.objects.get(id=first[1]).status == MutationLog.RECEIVED  # waiting in RabbitMQ
    assert not Participant.objects.filter(event=event).exists()

    worker = workers().start()
    assert finished_log(session, *first)["status"] == MutationLog.SUCCESS
    assert finished_log(session, *double_click)["status"] == MutationLog.SUCCESS
    worker.wait_for("succeeded in", count=2)
    assert Participant.objects.filter(event=event, is_deleted=False).count() == 1

    # The broker delivers the first message again (a redelivery after the commit): still one registration.
    openimis_mutation_async.delay(first[1], "openimis_be_meeting", "RegisterMeetingParticipantMutation")
    worker.wait_for("succeeded in", count=3)
    assert Participant.objects.filter(event=event, is_deleted=False).count() == 1
    participant = Participant.objects.get(event=event)
    assert participant.status == "CONFIRMED" and participant.history.count() == 1


def wait_until_paused(worker, marker):
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline, worker.output()[-3000:]
        time.sleep(0.1)


def test_a_worker_killed_mid_way_leaves_no_half_written_registration(workers, tmp_path):
    admin = make_user("Admin", admin=True)
    event = open_event(admin, capacity=1)
    session = logged_in("Admin", PASSWORD)
    paused = tmp_path / "paused"
    doomed = workers(MEETING_TEST_PAUSE_FILE=str(paused)).start()

    sent = send(session, "registerMeetingParticipant", registration(event))
    wait_until_paused(doomed, paused)  # the worker has written the row inside its transaction and waits
    assert not Participant.objects.filter(event=event).exists()  # not committed: invisible to others
    doomed.kill()

    time.sleep(1)
    assert not Participant.objects.filter(event=event).exists()
    assert MutationLog.objects.get(id=sent[1]).status == MutationLog.RECEIVED
    connection.close()

    # RabbitMQ hands the unacknowledged message to the next worker, which does the whole registration.
    workers().start()
    assert finished_log(session, *sent)["status"] == MutationLog.SUCCESS
    participant = Participant.objects.get(event=event, is_deleted=False)
    assert participant.status == "CONFIRMED" and participant.history.count() == 1
    late = send(session, "registerMeetingParticipant", registration(event, email=f"{uuid.uuid4().hex}@example.cm"))
    assert finished_log(session, *late)["status"] == MutationLog.SUCCESS
    waiting = Participant.objects.get(event=event, is_deleted=False, status="WAITLISTED")
    assert waiting.waitlist_position == 1


def test_a_worker_killed_after_its_commit_does_not_register_twice_when_the_message_comes_back(workers, tmp_path):
    admin = make_user("Admin", admin=True)
    event = open_event(admin, capacity=5)
    session = logged_in("Admin", PASSWORD)
    paused = tmp_path / "paused"
    doomed = workers(MEETING_TEST_PAUSE_FILE=str(paused), MEETING_TEST_PAUSE_AFTER_COMMIT="1").start()

    sent = send(session, "registerMeetingParticipant", registration(event))
    wait_until_paused(doomed, paused)  # committed; core has not marked its log and the message is not acknowledged
    doomed.kill()
    assert Participant.objects.filter(event=event, is_deleted=False).count() == 1
    # The log was marked in the same transaction as the registration, so the redelivery is known as done.
    assert MutationLog.objects.get(id=sent[1]).status == MutationLog.SUCCESS
    connection.close()

    worker = workers().start()
    worker.wait_for("succeeded in")  # the redelivered message
    assert finished_log(session, *sent)["status"] == MutationLog.SUCCESS
    assert Participant.objects.filter(event=event, is_deleted=False).count() == 1
