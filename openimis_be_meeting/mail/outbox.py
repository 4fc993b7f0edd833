"""The transactional outbox: a message is a row written in the transaction of the change that causes it, so a change
rolled back sends nothing and a committed one is never forgotten. Delivery happens after the commit (delivery.py).

The one way to queue a message (services call it; other parts of the module too):

    queue(kind, participant, *, context=None, attachments=(), user=None, once_key=None) -> Message | None
"""

import base64
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import core
from django.conf import settings
from django.db import IntegrityError, transaction

from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import Event, EventMailSettings, Message, Participant
from ..timeutils import now_for_storage
from .messages import KINDS, language_for

logger = logging.getLogger(__name__)


def queue(
    kind: str,
    participant: Participant,
    *,
    context: dict | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    user=None,
    once_key: str | None = None,
) -> Message | None:
    """Queue one message of `kind` to a participant, in the caller's transaction.

    `context` (JSON-serialisable) reaches the kind's templates as top-level variables; `attachments` are
    (filename, content, mimetype); `once_key` makes the call idempotent (a second call with the same key queues
    nothing). Returns the queued row, or None, queueing nothing, for an announcement to a person who did not agree
    to be contacted or a once_key already used. A kind the event switched off is not sent: its row is marked SKIPPED
    when it comes up for delivery (so that queueing costs one INSERT in the caller's transaction)."""
    if once_key is not None and Message.objects.filter(once_key=once_key).exists():
        return None
    rows = _rows(kind, [participant], context=context, attachments=attachments, user=user, switches=False)
    if not rows:
        return None
    if once_key is None:
        rows[0].save(force_insert=True)
    else:
        rows[0].once_key = once_key
        try:
            with transaction.atomic():  # a savepoint: a key taken meanwhile must not break the caller's transaction
                rows[0].save(force_insert=True)
        except IntegrityError:
            return None
    _deliver_after_commit()
    return rows[0]


def queue_many(
    kind: str,
    participants: Iterable[Participant],
    *,
    context: dict | None = None,
    user=None,
    once_key: Callable[[Participant], str] | None = None,
) -> int:
    """Queue the same kind of message to many participants of one event (its change, an announcement, reminders) in
    one insert; nothing when the event switched the kind off; with `once_key`, people whose key was used already are
    skipped. Returns how many were queued."""
    rows = _rows(kind, list(participants), context=context, attachments=(), user=user, switches=True)
    if once_key is not None:
        for row in rows:
            row.once_key = once_key(row.participant)
        taken = set(
            Message.objects.filter(once_key__in=[row.once_key for row in rows]).values_list("once_key", flat=True)
        )
        rows = [row for row in rows if row.once_key not in taken]
    Message.objects.bulk_create(rows, ignore_conflicts=once_key is not None)
    if rows:
        _deliver_after_commit()
    return len(rows)


def _rows(kind, participants, *, context, attachments, user, switches: bool) -> list[Message]:
    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    if not participants:
        return []
    event_id = participants[0].event_id
    if switches and kind in (mail_settings(participants[0].event).disabled_kinds or []):  # worth a query for many
        return []
    if KINDS[kind].announcement:
        participants = [person for person in participants if person.consent_contact]
    now = now_for_storage()
    stored = [_stored(item) for item in attachments]
    return [
        Message(
            id=(message_uuid := uuid.uuid4()),
            event_id=event_id,
            participant=person,
            kind=kind,
            language=language_for(person),
            recipient=person.email,
            context=dict(context or {}),
            attachments=stored,
            message_id=message_id(message_uuid),
            queued_at=now,
            next_attempt_at=now,
            queued_by=user if getattr(user, "pk", None) else None,
        )
        for person in participants
    ]


def _stored(attachment: tuple[str, bytes, str]) -> dict:
    filename, content, mimetype = attachment
    return {"filename": filename, "mimetype": mimetype, "content": base64.b64encode(content).decode("ascii")}


def message_id(message_uuid) -> str:
    """The Message-ID header of one row: the same on every attempt."""
    return f"<{message_uuid}@{message_id_domain()}>"


def message_id_domain() -> str:
    configured = MeetingConfig.config.get("mail_message_id_domain")
    if configured:
        return str(configured)
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "") or ""
    return sender.rsplit("@", 1)[-1].strip("> ") if "@" in sender else "openimis-be-meeting"


def mail_settings(event: Event) -> EventMailSettings:
    """The event's mail settings (unsaved defaults when it has none), read once per event object."""
    cached = getattr(event, "_meeting_mail_settings", None)
    if cached is None:
        cached = EventMailSettings.objects.filter(event_id=event.id).first() or EventMailSettings(event_id=event.id)
        event._meeting_mail_settings = cached
    return cached


def copy_for_resend(message: Message, *, user) -> Message:
    """A new row with the same kind, recipient's registration and context as `message` (the recipient's current
    address and language), queued now: an organiser's resend."""
    participant = message.participant
    if participant is None or participant.is_deleted:
        raise MeetingError(Problems.PARTICIPANT_NOT_FOUND, field="id", value=str(message.participant_id))
    now = now_for_storage()
    copy = Message(
        id=(message_uuid := uuid.uuid4()),
        event_id=message.event_id,
        participant=participant,
        kind=message.kind,
        language=language_for(participant),
        recipient=participant.email,
        context=message.context,
        attachments=message.attachments,
        message_id=message_id(message_uuid),
        queued_at=now,
        next_attempt_at=now,
        queued_by=user,
        resent_from=message,
    )
    copy.save(force_insert=True)
    _deliver_after_commit()
    return copy


def celery_delivers() -> bool:
    """Whether a Celery worker delivers the outbox (mail_delivery "celery", or "auto" where mutations run in
    workers); otherwise the send_meeting_mail command does."""
    mode = MeetingConfig.config.get("mail_delivery", "auto")
    return mode == "celery" or (mode == "auto" and bool(getattr(core, "async_mutations", False)))


def _deliver_after_commit() -> None:
    """Hand delivery to Celery once the transaction commits (once per transaction, however many rows)."""
    if not celery_delivers():
        return
    connection = transaction.get_connection()
    if any(entry[1] is _kick for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick)


def _kick() -> None:
    from .tasks import deliver_meeting_mail

    try:
        deliver_meeting_mail.delay()
    except Exception:  # the rows are committed: the next task or send_meeting_mail delivers them
        logger.warning("meeting mail: could not hand delivery to Celery", exc_info=True)


def due_now(now: datetime | None = None) -> int:
    """How many messages wait to be sent now."""
    return Message.objects.filter(status="PENDING", next_attempt_at__lte=now or now_for_storage()).count()


def erase_personal_data(participant_ids) -> int:
    """Blank what the outbox keeps about these participants (address, context, attachments, the server's answers,
    subject) and withdraw their unsent messages (SKIPPED): for erasing a person's data. Returns the rows changed."""
    rows = Message.objects.filter(participant_id__in=list(participant_ids))
    rows.filter(status__in=("PENDING", "SENDING")).update(status="SKIPPED", lease_until=None)
    return rows.update(recipient="", context={}, attachments=[], last_error="", subject="")
