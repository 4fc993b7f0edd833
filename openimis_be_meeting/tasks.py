"""Celery tasks, where the instance's worker looks for them (autodiscovery of <module>.tasks)."""

from .mail.tasks import deliver_meeting_mail, queue_meeting_reminders

__all__ = ["deliver_meeting_mail", "queue_meeting_reminders"]
