from core.models import User
from django.core.management import BaseCommand, CommandError

from ...demo import YAOUNDE, seed_demo
from ...models import Participant


class Command(BaseCommand):
    help = "Seed demo meeting data (the Yaoundé community meeting and other events); existing codes are kept."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="Admin", help="openIMIS user recorded as author (needs the rights)")
        parser.add_argument(
            "--reviewer-password",
            default=None,
            help="password of the demo showcase reviewer created by this run (default: one nobody knows)",
        )

    def handle(self, *args, username, reviewer_password=None, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No openIMIS user named {username}")
        created, participants, showcases, agenda = seed_demo(user, reviewer_password=reviewer_password)
        self.stdout.write(f"Created {len(created)} demo events: {', '.join(created) or 'none (already seeded)'}")
        self.stdout.write(f"Registered {participants} demo participants for the Yaoundé meeting")
        self._showcases(showcases)
        self._agenda(agenda)

    def _showcases(self, showcases: dict) -> None:
        statuses = showcases.get("showcases")
        if not statuses:
            self.stdout.write("Created 0 demo showcases for the Yaoundé meeting: none (already seeded)")
            return
        detail = ", ".join(f"{count} {status}" for status, count in statuses.items())
        self.stdout.write(
            f"Created {sum(statuses.values())} demo showcases for the Yaoundé meeting ({detail}), "
            f"{showcases['systems']} digital systems and {showcases['standards']} standards"
        )

    def _agenda(self, agenda: dict) -> None:
        if not agenda:
            self.stdout.write("Created 0 agenda sessions for the Yaoundé meeting: none (already seeded)")
            return
        detail = ", ".join(f"{count} {kind}" for kind, count in sorted(agenda.items()))
        self.stdout.write(f"Created {sum(agenda.values())} agenda sessions for the Yaoundé meeting ({detail})")
        # A speaker's personal feed, to try the calendar without logging in (the token is the demo badge's code).
        speaker = (
            Participant.objects.live()
            .filter(
                event__code=YAOUNDE, event__is_deleted=False, status="CONFIRMED", speaking_sessions__is_deleted=False
            )
            .order_by("registered_at", "id")
            .first()
        )
        if speaker is not None:
            self.stdout.write(
                f"Personal agenda feed of {speaker.first_name} {speaker.last_name}: "
                f"/api/openimis_be_meeting/feeds/{speaker.checkin_token}/agenda.ics"
            )
