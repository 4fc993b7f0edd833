"""queue_meeting_reminders: queue one reminder per confirmed registration of each event within its reminder window."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ...mail.reminders import queue_reminders


class Command(BaseCommand):
    help = "Queue the reminders due now (once per registration, however often it runs); run it daily or hourly."

    def handle(self, *args, **options):
        with transaction.atomic():
            queued = queue_reminders()
        self.stdout.write(f"{queued} reminder(s) queued")
