"""Prepare the demo instance: languages, the openIMIS-style administrator, and the module's demo data; then say
where to go."""

import os

from core.test_helpers import create_admin_role, create_test_interactive_user, create_test_language
from django.core.management import BaseCommand, call_command

from openimis_be_meeting.demo import YAOUNDE
from openimis_be_meeting.demo.showcase_data import REVIEWER_LOGIN
from openimis_be_meeting.models import Participant

# The demo reviewer's password when a fresh demo creates that user (documented in the README; demo only).
REVIEWER_PASSWORD = "reviewer123"


class Command(BaseCommand):
    help = (
        "Create the demo administrator (DEMO_ADMIN_USER / DEMO_ADMIN_PASSWORD), seed the meeting demo data (the "
        "reviewer's password: DEMO_REVIEWER_PASSWORD) and print the addresses to try (DEMO_URL)."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DEMO_ADMIN_USER", "Admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "admin123")
        reviewer_password = os.environ.get("DEMO_REVIEWER_PASSWORD", REVIEWER_PASSWORD)
        create_test_language("en", "English")
        create_test_language("fr", "Français", sort_order=2)
        role = create_admin_role()
        create_test_interactive_user(username=username, password=password, roles=[role.id])
        call_command("seed_meeting_demo", username=username, reviewer_password=reviewer_password)
        self._where_to_go(username, password, reviewer_password)

    def _where_to_go(self, username: str, password: str, reviewer_password: str) -> None:
        url = os.environ.get("DEMO_URL", "http://127.0.0.1:8000").rstrip("/")
        lines = [
            f"Demo ready at {url} (offline: every page is served by this instance)",
            f"  GraphiQL:      {url}/api/graphql",
            f"  Django admin:  {url}/api/admin/",
            f"  Users:         {username} / {password} (every right)",
            f"                 {REVIEWER_LOGIN} / {reviewer_password} (searches and reviews showcases; "
            "the password is set when a fresh demo creates this user)",
        ]
        speaker = (
            Participant.objects.live()
            .filter(event__code=YAOUNDE, status="CONFIRMED", speaking_sessions__is_deleted=False)
            .order_by("registered_at", "id")
            .first()
        )
        if speaker is not None:
            lines.append(
                f"  A feed:        {url}/api/openimis_be_meeting/feeds/{speaker.checkin_token}/agenda.ics "
                f"({speaker.first_name} {speaker.last_name}'s agenda, no login)"
            )
        lines.append("  " + mail_destination())
        self.stdout.write("\n".join(lines))


def mail_destination() -> str:
    """Where the demo's mail goes: the SMTP server of EMAIL_HOST/EMAIL_PORT, or files in a folder."""
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return f"Mail to participants is written to files in {settings.EMAIL_FILE_PATH}"
    return f"Mail to participants is sent to the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
