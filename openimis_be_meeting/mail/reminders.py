"""Reminders: each confirmed registration of an event that starts within its reminder window gets one reminder,
however often this runs (its once key is the registration's)."""

from datetime import datetime, timedelta

from ..apps import MeetingConfig
from ..models import Event, EventStatus, Participant, ParticipantStatus
from ..timeutils import now_for_storage
from .outbox import mail_settings, queue_many

# Events whose participants are reminded: still to come, neither postponed nor cancelled.
REMINDED_STATUSES = (EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED)


def reminder_key(participant: Participant) -> str:
    return f"REMINDER:{participant.id}"


def days_before(event: Event) -> int:
    configured = mail_settings(event).reminder_days_before
    return int(MeetingConfig.config["mail_reminder_days_before"] if configured is None else configured)


def queue_reminders(*, now: datetime | None = None) -> int:
    """Queue the reminders that are due (an event starting within its window, not started yet); returns how many."""
    now = now or now_for_storage()
    longest = max(int(MeetingConfig.config["mail_reminder_days_before"]), 30)
    events = Event.objects.live().filter(status__in=REMINDED_STATUSES, starts_at__gt=now)
    queued = 0
    for event in events.filter(starts_at__lte=now + timedelta(days=longest)):
        if event.starts_at > now + timedelta(days=days_before(event)):
            continue
        people = (
            Participant.objects.live().filter(event=event, status=ParticipantStatus.CONFIRMED).select_related("event")
        )
        queued += queue_many("REMINDER", people, once_key=reminder_key)
    return queued
