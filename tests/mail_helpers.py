"""What the mail tests share: a real SMTP server on loopback as the instance's mail server, and delivery through the
send_meeting_mail command, as an instance without Celery workers runs it."""

import io

import pytest
from django.core.management import call_command
from smtp_server import SmtpServer

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.models import Message


@pytest.fixture
def smtp(settings):
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 10
    settings.DEFAULT_FROM_EMAIL = "meetings@openimis.example"
    yield server
    server.stop()


@pytest.fixture
def mail_config(monkeypatch):
    """Change the module's mail configuration for one test (as an instance's ModuleConfiguration would)."""

    def change(**values):
        monkeypatch.setattr(MeetingConfig, "config", {**MeetingConfig.config, **values})

    return change


def deliver() -> str:
    """One run of send_meeting_mail; its output."""
    out = io.StringIO()
    call_command("send_meeting_mail", stdout=out)
    return out.getvalue()


def kinds(**filters) -> list[str]:
    return list(Message.objects.filter(**filters).order_by("queued_at", "id").values_list("kind", flat=True))


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
