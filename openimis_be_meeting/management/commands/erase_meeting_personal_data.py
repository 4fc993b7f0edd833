"""Erase the personal data of every event past its retention date (docs/retention.md); safe to run again."""

from django.core.management.base import BaseCommand

from ...services.erasers import ERASERS
from ...services.retention import erase_expired


class Command(BaseCommand):
    help = (
        "Erase the personal data of the participants of every event whose retention date has passed (names become a "
        "pseudonym; email, phone, gender, needs, check-in code and openIMIS links are emptied, in their history and "
        "mutation logs too). Running it again erases nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = erase_expired(dry_run=dry_run)
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"events past their retention date: {counts['events']}")
        self.stdout.write(f"participants {verb}: {counts['participants']}")
        if not dry_run:
            for name in ERASERS:
                self.stdout.write(f"rows changed in {name}: {counts.get(name, 0)}")
