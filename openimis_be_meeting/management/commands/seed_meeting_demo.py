from core.models import User
from django.core.management import BaseCommand, CommandError

from ...demo import seed_demo


class Command(BaseCommand):
    help = "Seed demo meeting data (the Yaoundé community meeting and other events); existing codes are kept."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="Admin", help="openIMIS user recorded as author (needs the rights)")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No openIMIS user named {username}")
        created, participants, showcases = seed_demo(user)
        self.stdout.write(f"Created {len(created)} demo events: {', '.join(created) or 'none (already seeded)'}")
        self.stdout.write(f"Registered {participants} demo participants for the Yaoundé meeting")
        statuses = showcases.get("showcases")
        if not statuses:
            self.stdout.write("Created 0 demo showcases for the Yaoundé meeting: none (already seeded)")
            return
        detail = ", ".join(f"{count} {status}" for status, count in statuses.items())
        self.stdout.write(
            f"Created {sum(statuses.values())} demo showcases for the Yaoundé meeting ({detail}), "
            f"{showcases['systems']} digital systems and {showcases['standards']} standards"
        )
