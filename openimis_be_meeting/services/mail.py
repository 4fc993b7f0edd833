"""Organisers' writes to the mail: resending one message, an announcement to an event's participants, and an event's
mail settings. Each queues rows in its own transaction; delivery follows the commit (mail/delivery.py)."""

from core.services import BaseService

from .. import validation as v
from ..errors import MeetingError, Problems
from ..mail import outbox
from ..mail.messages import KINDS
from ..models import EventMailSettings, Message
from ..permissions import Action
from ..selectors.mail import announcement_recipients, announcement_text
from .base import service_method
from .locks import locked_event


class MailService(BaseService):
    """Every organiser's write to the outbox; each method checks the caller's right and returns core's result."""

    OBJECT_TYPE = Message

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_mail_service.resend", Action.RESEND_MESSAGES)
    def resend(self, obj_data: dict) -> Message:
        """Queue a message again, as a new message (its own Message-ID) to the person's current address."""
        uuid = v.clean_uuid(obj_data.get("id"), field="id")
        message = Message.objects.filter(id=uuid, event__is_deleted=False).select_related("participant").first()
        if message is None:
            raise MeetingError(Problems.MESSAGE_NOT_FOUND, field="id", value=str(uuid))
        locked_event(message.event_id)
        return outbox.copy_for_resend(message, user=self.user)

    @service_method("meeting_mail_service.announce", Action.SEND_ANNOUNCEMENTS)
    def announce(self, obj_data: dict) -> None:
        """Send the organisers' text to an event's participants of the given statuses and roles who agreed to be
        contacted; refused unless `expected_count` is the number of recipients (as the preview showed)."""
        subject, body = announcement_text(obj_data)
        event = locked_event(obj_data.get("event_id"), field="eventId")
        people = announcement_recipients(event, statuses=obj_data.get("statuses"), roles=obj_data.get("roles"))
        people = list(people.filter(consent_contact=True).select_related("event").order_by("registered_at", "id"))
        expected = obj_data.get("expected_count")
        if not isinstance(expected, int) or isinstance(expected, bool):
            raise MeetingError(Problems.REQUIRED, field="expectedCount")
        if not people:
            raise MeetingError(Problems.MESSAGE_NO_RECIPIENT, field="eventId")
        if expected != len(people):
            raise MeetingError(
                Problems.MESSAGE_RECIPIENTS_CHANGED, field="expectedCount", count=len(people), expected=expected
            )
        outbox.queue_many("ANNOUNCEMENT", people, context={"subject": subject, "body": body}, user=self.user)

    @service_method("meeting_mail_service.settings", Action.UPDATE_EVENTS)
    def update_settings(self, obj_data: dict) -> EventMailSettings:
        """Set an event's sender name, reply-to address, the kinds switched off and the reminder's days before."""
        event = locked_event(obj_data.get("event_id"), field="eventId")
        options = EventMailSettings.objects.filter(event=event).first() or EventMailSettings(event=event)
        if "sender_name" in obj_data:
            options.sender_name = v.clean_text(obj_data["sender_name"], field="senderName", max_length=128)
        if "reply_to" in obj_data:
            reply_to = obj_data["reply_to"]
            options.reply_to = v.clean_email(reply_to, field="replyTo") if reply_to else ""
        if "disabled_kinds" in obj_data:
            options.disabled_kinds = _kinds(obj_data["disabled_kinds"])
        if "reminder_days_before" in obj_data:
            days = obj_data["reminder_days_before"]
            options.reminder_days_before = None if days is None else _days(days)
        options.save()
        return options


def _kinds(values) -> list[str]:
    kinds = []
    for value in values or []:
        if value not in KINDS:
            raise MeetingError(Problems.MESSAGE_UNKNOWN_KIND, field="disabledKinds", value=str(value)[:32])
        kinds.append(value)
    return sorted(set(kinds))


def _days(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MeetingError(Problems.INVALID_CHOICE, field="reminderDaysBefore", value=str(value)[:16])
    if value > 365:
        raise MeetingError(Problems.TOO_LARGE, field="reminderDaysBefore", max=365)
    return value
