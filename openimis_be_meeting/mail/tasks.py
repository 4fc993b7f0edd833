"""The Celery tasks of the outbox; the instance's worker finds them through openimis_be_meeting/tasks.py."""

from celery import shared_task
from django.db import close_old_connections

from . import delivery, reminders


@shared_task(name="openimis_be_meeting.deliver_meeting_mail", ignore_result=True)
def deliver_meeting_mail():
    """Send what is due; come back when the next retry falls due, as long as this pass had work."""
    close_old_connections()
    outcome = delivery.deliver_pending()
    if outcome.claimed and outcome.retry_in is not None:
        deliver_meeting_mail.apply_async(countdown=outcome.retry_in)
    return outcome.sent


@shared_task(name="openimis_be_meeting.queue_meeting_reminders", ignore_result=True)
def queue_meeting_reminders():
    """Queue the reminders that are due (for a Celery beat schedule, e.g. hourly); the rows then go out as usual."""
    close_old_connections()
    from django.db import transaction

    with transaction.atomic():
        return reminders.queue_reminders()
