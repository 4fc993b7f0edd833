"""Celery tasks of the module; an instance's workers find them by autodiscovery (docs/retention.md, scheduling)."""

from celery import shared_task


@shared_task(name="openimis_be_meeting.erase_expired_personal_data")
def erase_expired_personal_data() -> dict:
    """Erase the personal data of the registrations of every event past its retention date (idempotent)."""
    from .services.retention import erase_expired

    return dict(erase_expired())
