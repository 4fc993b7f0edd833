"""Benchmark of the participants' mail (not a test), on PostgreSQL with a real SMTP server on loopback (aiosmtpd).

    .venv/bin/python bench/mail_bench.py [--registrations 300] [--messages 1000] [--db meeting_mail_bench]

Uses its own database (created and migrated when missing; never meeting_dev, postgres or test_*). Measures:

  registration cost   ParticipantService.register, one transaction each, with the outbox (the message row queued
                      in the same transaction) and without it (outbox.queue replaced by a no-op), alternating one
                      with, one without, in the same run and event: median and mean milliseconds, and the difference
  delivery            send_meeting_mail's pass (delivery.deliver_pending) over `--messages` queued rows to the local
                      SMTP server, one connection per pass: messages per second

Results go to docs/mail.md ("Benchmarks") by hand; the script prints a Markdown table.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import db_env, machine_info, setup_django  # noqa: E402

DEFAULT_DB = "meeting_mail_bench"


def prepare_database(name: str) -> None:
    import psycopg2

    db = db_env(name)
    admin = psycopg2.connect(host=db["DB_HOST"], port=db["DB_PORT"], user=db["DB_USER"], dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def admin_user():
    from core.models import User
    from core.test_helpers import create_admin_role, create_test_interactive_user, create_test_language

    user = User.objects.filter(username="BenchAdmin").first()
    if user is None:
        create_test_language("en", "English")
        role = create_admin_role()
        user = create_test_interactive_user(username="BenchAdmin", password="admin123", roles=[role.id])
    return user


def bench_event(user):
    from datetime import datetime, timedelta, timezone

    from openimis_be_meeting.services import EventService

    starts = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=60)
    code = f"MAIL-BENCH-{int(time.time())}"
    service = EventService(user)
    created = service.create({
        "code": code, "name": "Mail benchmark", "event_type": "WORKSHOP", "starts_at": starts,
        "ends_at": starts + timedelta(days=1), "timezone": "Africa/Douala", "venue": "Hilton", "city": "Yaoundé",
    })  # fmt: skip
    event_id = created["data"]["id"]
    for status in ("PUBLISHED", "REGISTRATION_OPEN"):
        assert service.change_status({"id": event_id, "status": status})["success"]
    return event_id


def registration_cost(user, event_id: str, count: int) -> tuple[list[float], list[float]]:
    from openimis_be_meeting.mail import outbox
    from openimis_be_meeting.services import ParticipantService, participants

    service = ParticipantService(user)
    real_queue = outbox.queue
    with_outbox, without = [], []
    for number in range(2 * count):
        queueing = number % 2 == 0
        participants.outbox.queue = real_queue if queueing else (lambda *args, **kwargs: None)
        data = {"event_id": event_id, "first_name": f"P{number}", "last_name": "Bench",
                "email": f"bench{number}.{event_id[:8]}@example.org"}  # fmt: skip
        started = time.perf_counter()
        result = service.register(data)
        elapsed = (time.perf_counter() - started) * 1000
        assert result["success"], result
        (with_outbox if queueing else without).append(elapsed)
    participants.outbox.queue = real_queue
    return with_outbox, without


def delivery_rate(event_id: str, messages: int) -> tuple[int, float]:
    from django.db import transaction

    from openimis_be_meeting.mail import outbox
    from openimis_be_meeting.models import Participant

    drain()  # the registrations' own messages first, untimed
    Participant.objects.filter(event_id=event_id).update(consent_contact=True)
    people = list(Participant.objects.filter(event_id=event_id).select_related("event"))
    with transaction.atomic():
        queued = 0
        while queued < messages:
            context = {"subject": "Shuttle", "body": "The shuttle leaves at 8."}
            queued += outbox.queue_many("ANNOUNCEMENT", people[: messages - queued], context=context)
    started = time.perf_counter()
    sent = drain()
    return sent, time.perf_counter() - started


def drain() -> int:
    from openimis_be_meeting.mail import delivery

    sent = 0
    while True:
        outcome = delivery.deliver_pending()
        sent += outcome.sent
        if not outcome.claimed:
            return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=300)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--port", type=int, default=8580)
    args = parser.parse_args()
    prepare_database(args.db)
    setup_django(args.db)
    from django.conf import settings
    from django.core.management import call_command
    from smtp_server import SmtpServer

    call_command("migrate", run_syncdb=True, verbosity=0)
    server = SmtpServer(args.port).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    user = admin_user()
    event_id = bench_event(user)
    try:
        with_outbox, without = registration_cost(user, event_id, args.registrations)
        sent, seconds = delivery_rate(event_id, args.messages)
    finally:
        server.stop()
    info = machine_info()
    added = statistics.median(with_outbox) - statistics.median(without)
    print(f"machine: {info}")
    print("| measure | value |\n|---|---|")
    print(f"| registration without the outbox, median / mean | {statistics.median(without):.2f} / "
          f"{statistics.mean(without):.2f} ms |")  # fmt: skip
    print(f"| registration with the outbox, median / mean | {statistics.median(with_outbox):.2f} / "
          f"{statistics.mean(with_outbox):.2f} ms |")  # fmt: skip
    print(f"| added by the outbox (medians) | {added:.2f} ms ({100 * added / statistics.median(without):.1f} %) |")
    print(f"| delivery to the local SMTP server | {sent} messages in {seconds:.2f} s: {sent / seconds:.0f} /s |")
    print(f"| SMTP server received | {len(server.raw())} |")


if __name__ == "__main__":
    main()
