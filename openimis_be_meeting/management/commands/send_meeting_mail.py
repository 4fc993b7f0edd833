"""send_meeting_mail: deliver the outbox for instances without Celery workers: one pass, or --loop."""

import time

from django.core.management.base import BaseCommand

from ...mail import delivery, reminders


class Command(BaseCommand):
    help = "Send the participants' mail waiting in the outbox (one pass, or --loop); --reminders queues due ones first."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sending until interrupted.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between passes with --loop.")
        parser.add_argument("--reminders", action="store_true", help="Queue the reminders that are due, each pass.")

    def handle(self, *args, loop=False, interval=5.0, reminders=False, **options):
        while True:
            self.one_pass(with_reminders=reminders)
            if not loop:
                return
            time.sleep(interval)

    def one_pass(self, *, with_reminders: bool) -> None:
        from django.db import transaction

        if with_reminders:
            with transaction.atomic():
                queued = reminders.queue_reminders()
            if queued:
                self.stdout.write(f"{queued} reminder(s) queued")
        while True:
            outcome = delivery.deliver_pending()
            if outcome.claimed:
                self.stdout.write(f"sent {outcome.sent}, to retry {outcome.retried}, failed {outcome.failed}")
            if outcome.retry_in != 0:
                return
