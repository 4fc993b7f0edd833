"""The kinds of message and how one is rendered: Django templates per kind (subject, text, HTML), in the recipient's
language, with the event's local times and its time zone named.

Templates live at openimis_be_meeting/mail/<kind>_subject.txt, <kind>.txt and <kind>.html; an instance overrides any
of them from its own template directories, as for any Django template.
"""

import base64
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models import Event, Message, Participant
from ..timeutils import from_storage, zone_or_none

TEMPLATE_DIR = "openimis_be_meeting/mail"


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    # Announcements go only to people who agreed to be contacted; every other kind is about the person's own
    # registration and is always sent (unless the event switched the kind off).
    announcement: bool = False
    # Whether the event and the person's agenda travel along as an iCalendar attachment.
    calendar: bool = False


_KINDS = [
    Kind("RECEIVED", _("Registration received")),
    Kind("CONFIRMED", _("Registration confirmed")),
    Kind("WAITLISTED", _("On the waiting list")),
    Kind("MOVED_UP", _("Moved up from the waiting list")),
    Kind("APPROVED", _("Registration approved")),
    Kind("REJECTED", _("Registration rejected")),
    Kind("CANCELLED", _("Registration cancelled")),
    Kind("WITHDRAWN", _("Registration withdrawn")),
    Kind("EVENT_CHANGED", _("Event dates or venue changed")),
    Kind("EVENT_POSTPONED", _("Event postponed")),
    Kind("EVENT_CANCELLED", _("Event cancelled")),
    Kind("REMINDER", _("Reminder before the event"), calendar=True),
    Kind("ANNOUNCEMENT", _("Announcement from the organisers"), announcement=True),
    Kind("CERTIFICATE", _("Certificate of attendance")),
]
KINDS = {kind.code: kind for kind in _KINDS}


def register_kind(kind: Kind) -> None:
    """Add a kind (with its three templates) for another part of the module, e.g. a verification link."""
    KINDS[kind.code] = kind


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    attachments: list  # (filename, bytes, mimetype)


def language_for(participant: Participant | None) -> str:
    """The participant's language if the instance offers it, otherwise the instance's default."""
    offered = {code for code, _name in settings.LANGUAGES}
    code = getattr(participant, "language", "") or ""
    return code if code in offered else settings.LANGUAGE_CODE


def local_moment(value: datetime | None, event: Event) -> datetime | None:
    """A stored (UTC) instant as wall-clock time in the event's zone."""
    zone = zone_or_none(event.timezone)
    moment = from_storage(value, zone)
    return moment.replace(tzinfo=None) if moment is not None else None


def _previous(context: dict, event: Event) -> dict:
    previous = dict(context.get("previous") or {})
    for key in ("starts_at", "ends_at"):
        if previous.get(key):
            previous[key] = local_moment(datetime.fromisoformat(previous[key]), event)
    return previous


def template_context(message: Message, *, participant: Participant | None, event: Event, sender: str) -> dict:
    """What every template receives: the event (local times, zone), the recipient's own registration, the message's
    stored context, and the sender's name. Nothing about any other person."""
    context = dict(message.context or {})
    return {
        **context,
        "kind": message.kind,
        "event": event,
        "starts_at": local_moment(event.starts_at, event),
        "ends_at": local_moment(event.ends_at, event),
        "time_zone": event.timezone,
        "participant": participant,
        "first_name": participant.first_name if participant else context.get("first_name", ""),
        "sender": sender,
        "previous": _previous(context, event),
        "announcement": KINDS[message.kind].announcement if message.kind in KINDS else False,
    }


def render(message: Message, *, participant: Participant | None, event: Event, sender: str) -> Rendered:
    """The message as it is sent: subject, plain text and HTML in the message's language, with its attachments."""
    context = template_context(message, participant=participant, event=event, sender=sender)
    kind = message.kind.lower()
    with translation.override(message.language):
        subject = render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context)
        text = render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context)
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
        attachments = [_decoded(item) for item in message.attachments or []]
        if KINDS.get(message.kind) and KINDS[message.kind].calendar and participant is not None:
            attachments.append(_calendar(participant))
    return Rendered(" ".join(subject.split())[:255], text.strip() + "\n", html, attachments)


def _decoded(item: dict) -> tuple:
    return item["filename"], base64.b64decode(item["content"]), item.get("mimetype") or "application/octet-stream"


def _calendar(participant: Participant) -> tuple:
    from ..formats.agenda_calendars import personal_agenda  # the same calendar as the personal agenda feed

    calendar, filename = personal_agenda(participant)
    return filename, calendar.to_ical(), "text/calendar; method=PUBLISH"
