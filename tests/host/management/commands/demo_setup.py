"""Prepare the demo instance: languages, the openIMIS-style administrator, and the module's demo data."""

import os

from core.test_helpers import create_admin_role, create_test_interactive_user, create_test_language
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Create the demo administrator (DEMO_ADMIN_USER / DEMO_ADMIN_PASSWORD) and seed the meeting demo data."

    def handle(self, *args, **options):
        username = os.environ.get("DEMO_ADMIN_USER", "Admin")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "admin123")
        create_test_language("en", "English")
        create_test_language("fr", "Français", sort_order=2)
        role = create_admin_role()
        create_test_interactive_user(username=username, password=password, roles=[role.id])
        call_command("seed_meeting_demo", username=username)
        self.stdout.write(f"Demo ready: log in as {username} / {password}")
        self.stdout.write(mail_destination())


def mail_destination() -> str:
    """Where the demo's mail goes: the SMTP server of EMAIL_HOST/EMAIL_PORT, or files in a folder."""
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return f"Mail to participants is written to files in {settings.EMAIL_FILE_PATH}"
    return f"Mail to participants is sent to the SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
