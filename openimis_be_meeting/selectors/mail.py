"""Reads of the outbox: the messages organisers may see, an announcement's recipients and its preview, and an event's
mail settings."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .. import validation as v
from ..errors import Problems
from ..mail.messages import language_for, render
from ..mail.outbox import mail_settings
from ..mail.reminders import days_before
from ..models import Event, Message, Participant, ParticipantRole, ParticipantStatus
from ..permissions import Action, guarded
from ..services.locks import live_row


@guarded(Action.SEARCH_MESSAGES)
def messages_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The messages of live events, for holders of the message search right (addresses need the personal-data
    right, in the types that show them)."""
    queryset = Message.objects.all() if queryset is None else queryset
    return queryset.filter(event__is_deleted=False)


def announcement_recipients(event: Event, *, statuses=None, roles=None) -> QuerySet:
    """The live registrations an announcement reaches: those in `statuses` (CONFIRMED if none given) and `roles`
    (all if none given); only those who agreed to be contacted receive it."""
    statuses = [v.clean_choice(s, field="statuses", choices=ParticipantStatus) for s in statuses or []]
    roles = [v.clean_choice(r, field="roles", choices=ParticipantRole) for r in roles or []]
    people = Participant.objects.live().filter(event=event, status__in=statuses or [ParticipantStatus.CONFIRMED])
    return people.filter(role__in=roles) if roles else people


def announcement_text(data: dict) -> tuple[str, str]:
    subject = v.clean_text(data.get("subject"), field="subject", max_length=200, required=True)
    body = v.clean_text(data.get("body"), field="body", max_length=10_000, required=True)
    return subject, body


def live_event(event_id) -> Event:
    return live_row(Event, v.clean_uuid(event_id, field="eventId"), field="eventId", problem=Problems.EVENT_NOT_FOUND)


@guarded(Action.SEND_ANNOUNCEMENTS)
def announcement_preview(*, user, event_id, subject=None, body=None, statuses=None, roles=None, language=None) -> dict:
    """How many people an announcement would reach (and how many it leaves out for want of consent), and the message
    as they would read it, for a sample recipient, before anything is sent."""
    event = live_event(event_id)
    text_subject, text_body = announcement_text({"subject": subject, "body": body})
    people = announcement_recipients(event, statuses=statuses, roles=roles)
    sample = Message(
        kind="ANNOUNCEMENT",
        language=v.clean_language(language) or language_for(None),
        context={"subject": text_subject, "body": text_body, "first_name": _("Participant")},
    )
    rendered = render(
        sample, participant=None, event=event, sender=mail_settings(event).sender_name or event.local_name
    )
    return {
        "count": people.filter(consent_contact=True).count(),
        "without_consent": people.filter(consent_contact=False).count(),
        "subject": rendered.subject,
        "text": rendered.text,
        "html": rendered.html,
    }


@guarded(Action.SEARCH_EVENTS)
def event_mail_settings(*, user, event_id) -> dict:
    """An event's mail settings, with the module's defaults where it set none."""
    event = live_event(event_id)
    options = mail_settings(event)
    return {
        "event_id": str(event.id),
        "sender_name": options.sender_name or event.local_name,
        "reply_to": options.reply_to,
        "disabled_kinds": list(options.disabled_kinds or []),
        "reminder_days_before": days_before(event),
    }
