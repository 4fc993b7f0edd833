"""Celery tasks of the module; an instance's workers find them by autodiscovery of <module>.tasks (docs/mail.md,
docs/retention.md: scheduling)."""

from celery import shared_task

from .mail.tasks import deliver_meeting_mail, queue_meeting_reminders

__all__ = ["deliver_meeting_mail", "erase_expired_personal_data", "queue_meeting_reminders"]


@shared_task(name="openimis_be_meeting.erase_expired_personal_data")
def erase_expired_personal_data() -> dict:
    """Erase the personal data of the registrations of every event past its retention date (idempotent)."""
    from .services.retention import erase_expired

    return dict(erase_expired())
