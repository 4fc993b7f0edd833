"""The outbox delivered by real Celery workers (MODE=PROD, RabbitMQ, PostgreSQL), as production runs it; among them a
worker killed after the mail server accepted a message and before its row was marked sent.

`make test-async` runs this file (and `.ci/run` runs that); elsewhere it is skipped."""

import os
import time
from datetime import timedelta

import core
import pytest
from celery_worker import Worker
from django.conf import settings
from django.db import connection
from smtp_server import SmtpServer
from test_async_mutations import finished_log, registration, send, wait_until_paused

from openimis_be_meeting.models import Message
from openimis_be_meeting.timeutils import now_for_storage

from factories import PASSWORD, make_user, open_event
from frontend import logged_in

ASYNC_HERE = core.async_mutations and "postgresql" in settings.DATABASES["default"]["ENGINE"]
if os.environ.get("MEETING_ASYNC_TESTS") == "required" and not ASYNC_HERE:
    raise RuntimeError("make test-async must run with MODE=PROD on PostgreSQL; these tests would only be skipped")

pytestmark = [
    pytest.mark.skipif(not ASYNC_HERE, reason="needs MODE=PROD, RabbitMQ and PostgreSQL (`make test-async`)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def empty_queue():
    from host.celery import app

    app.control.purge()
    yield
    app.control.purge()


@pytest.fixture
def server():
    started = SmtpServer().start()
    yield started
    started.stop()


@pytest.fixture
def workers(tmp_path, server):
    started = []

    def start(**extra_env):
        mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port), "DEFAULT_FROM_EMAIL": "mail@meeting.test"}
        worker = Worker(tmp_path, **mail, **extra_env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def received(server, count: int, timeout: float = 60) -> list:
    deadline = time.monotonic() + timeout
    while len(server.messages()) < count:
        assert time.monotonic() < deadline, f"{len(server.messages())} of {count} messages arrived"
        time.sleep(0.2)
    return server.messages()


def test_a_registration_done_by_a_worker_is_mailed_by_a_worker_once_it_is_committed(workers, server):
    make_user("Admin", admin=True)
    event = open_event(make_user("Organiser", admin=True), capacity=5)
    session = logged_in("Admin", PASSWORD)
    workers().start()

    sent = send(session, "registerMeetingParticipant", registration(event, email="first@example.cm"))
    assert finished_log(session, *sent)["status"] == 2
    [message] = received(server, 1)
    row = Message.objects.get()
    assert message["Message-ID"] == row.message_id and message["To"] == "first@example.cm"
    deadline = time.monotonic() + 30
    while Message.objects.get().status != "SENT":
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_a_worker_killed_after_sending_and_before_marking_leaves_a_copy_with_the_same_message_id(
    workers, server, tmp_path
):
    make_user("Admin", admin=True)
    event = open_event(make_user("Organiser", admin=True), capacity=5)
    session = logged_in("Admin", PASSWORD)
    paused = tmp_path / "mail-paused"
    doomed = workers(MEETING_TEST_MAIL_PAUSE_FILE=str(paused)).start()

    sent = send(session, "registerMeetingParticipant", registration(event, email="killed@example.cm"))
    assert finished_log(session, *sent)["status"] == 2
    wait_until_paused(doomed, paused)  # the server has the message; the row is not marked yet
    doomed.kill()
    [first] = received(server, 1)
    row = Message.objects.get()
    assert (row.status, row.attempts) == ("SENDING", 1)  # held by a sender that is gone

    # Nothing is sent again while the dead sender's lease runs; once it has run out (here: moved into the past),
    # the next worker, handed the unacknowledged task again by RabbitMQ, sends the row again and marks it.
    Message.objects.filter(id=row.id).update(lease_until=now_for_storage() - timedelta(seconds=1))
    connection.close()
    workers().start()
    first_copy, second_copy = received(server, 2)
    assert first_copy["Message-ID"] == second_copy["Message-ID"] == row.message_id  # the duplicate is recognisable
    assert first_copy.get_body(("plain",)).get_content() == second_copy.get_body(("plain",)).get_content()
    deadline = time.monotonic() + 30
    while Message.objects.get(id=row.id).status != "SENT":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert Message.objects.get(id=row.id).attempts == 2

    # Messages queued afterwards go once each.
    later = send(session, "registerMeetingParticipant", registration(event, email="later@example.cm"))
    assert finished_log(session, *later)["status"] == 2
    messages = received(server, 3)
    time.sleep(2)
    assert len(server.messages()) == 3 and messages[2]["To"] == "later@example.cm"
