"""Delivery of the outbox: each due row is claimed (a lease, taken by a compare-and-set update that commits at once),
sent over one SMTP connection, then marked. A temporary refusal or an unreachable server is retried with exponential
backoff; a permanent refusal (5xx) is kept as FAILED with the server's answer.

The guarantee is SMTP's: at least once. A sender that dies after the server accepted a message and before the row is
marked leaves the row SENDING; when its lease runs out the row is sent again, with the same Message-ID, so the copy
is recognisable as the same message (docs/mail.md, "Delivery guarantee").
"""

import contextlib
import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.dispatch import Signal

from ..apps import MeetingConfig
from ..models import Message, MessageStatus
from ..models.content import in_language
from ..timeutils import now_for_storage
from .messages import render
from .outbox import mail_settings

logger = logging.getLogger(__name__)
S = MessageStatus

# How many rows a sender takes at a time (one update): all that a sender that dies can hold up until its lease ends.
CLAIM_SIZE = 20

# Sent after the mail server accepted a message and before its row is marked SENT (kwargs: message).
message_accepted = Signal()


class Unreachable(Exception):
    """The mail server could not be reached or dropped the connection: retry later, and stop this pass."""


@dataclass
class Outcome:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    claimed: int = 0
    # Seconds until the next row falls due (None: nothing waits), for the Celery task to come back.
    retry_in: float | None = None


def _config(key: str) -> float:
    return float(MeetingConfig.config[key])


def due(now: datetime):
    """Rows to send now: waiting and due, or held by a sender whose lease ran out."""
    return Message.objects.filter(
        Q(status=S.PENDING, next_attempt_at__lte=now) | Q(status=S.SENDING, lease_until__lt=now)
    )


def claim(message_ids, now: datetime) -> list[Message]:
    """Take the rows among `message_ids` no other sender holds, with one update that commits at once (outside a
    transaction); returns them, oldest first."""
    token = uuid.uuid4().hex
    lease = now + timedelta(seconds=_config("mail_lease_seconds"))
    due(now).filter(id__in=message_ids).update(
        status=S.SENDING, lease_until=lease, attempts=F("attempts") + 1, claimed_by=token
    )
    taken = Message.objects.filter(claimed_by=token, status=S.SENDING).select_related("event", "participant")
    return list(taken.order_by("next_attempt_at", "id"))


def deliver_pending(*, limit: int | None = None) -> Outcome:
    """One pass over the due rows (at most `limit`, else mail_batch_size), over one connection to the mail server,
    claimed CLAIM_SIZE at a time; a pass stops at the first sign that the server cannot be reached."""
    outcome = Outcome()
    now = now_for_storage()
    batch = int(limit or _config("mail_batch_size"))
    candidates = list(due(now).order_by("next_attempt_at", "id").values_list("id", flat=True)[:batch])
    connection, events = None, {}
    try:
        for start in range(0, len(candidates), CLAIM_SIZE):
            claimed = claim(candidates[start : start + CLAIM_SIZE], now)
            for index, message in enumerate(claimed):
                outcome.claimed += 1
                if message.kind in (_settings(message, events).disabled_kinds or []):
                    _skip(message)
                    continue
                connection = connection or get_connection(fail_silently=False)
                try:
                    _send(message, connection)
                except Unreachable as error:
                    _retry(message, str(error), outcome)
                    _release(claimed[index + 1 :])
                    raise _Stop from None
                except _Refused as refusal:
                    (_fail if refusal.permanent else _retry)(message, refusal.answer, outcome)
                    _close(connection)
                    connection = None
                else:
                    outcome.sent += 1
    except _Stop:
        pass
    finally:
        _close(connection)
    outcome.retry_in = _retry_in(outcome, len(candidates) == batch)
    return outcome


class _Stop(Exception):
    """The server is unreachable: the rest of the pass waits for the next one."""


def _settings(message: Message, events: dict):
    """The message's event settings, read once per event and pass."""
    if message.event_id not in events:
        events[message.event_id] = mail_settings(message.event)
    message.event._meeting_mail_settings = events[message.event_id]
    return events[message.event_id]


def _release(messages: list[Message]) -> None:
    """Hand back rows claimed but not tried (their attempt is not counted)."""
    ids = [message.id for message in messages]
    Message.objects.filter(id__in=ids, status=S.SENDING).update(
        status=S.PENDING, lease_until=None, attempts=F("attempts") - 1
    )


def _skip(message: Message) -> None:
    """A kind the event switched off (after the message was queued): kept, marked, not sent."""
    Message.objects.filter(id=message.id, status=S.SENDING).update(status=S.SKIPPED, lease_until=None)
    logger.info("meeting mail %s (%s) not sent: switched off for its event", message.id, message.kind)


def _retry_in(outcome: Outcome, more: bool) -> float | None:
    if more and outcome.claimed:
        return 0
    waiting = Message.objects.filter(status__in=(S.PENDING, S.SENDING)).order_by("next_attempt_at").first()
    if waiting is None:
        return None
    moment = waiting.lease_until if waiting.status == S.SENDING and waiting.lease_until else waiting.next_attempt_at
    return max((moment - now_for_storage()).total_seconds(), 1.0)


class _Refused(Exception):
    def __init__(self, answer: str, permanent: bool):
        super().__init__(answer)
        self.answer, self.permanent = answer, permanent


def _answer(code, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()[:2000]


def _send(message: Message, connection) -> None:
    try:
        email = build(message, connection)
    except Exception as error:  # a broken template or attachment: no attempt will do better
        logger.exception("meeting mail %s could not be rendered", message.id)
        raise _Refused(f"not rendered: {type(error).__name__}", permanent=True) from None
    try:
        if not getattr(connection, "meeting_opened", False):
            connection.open()  # one connection for the whole pass (send_messages would open and close one each)
            connection.meeting_opened = True
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        code, text = next(iter(error.recipients.values()))
        raise _Refused(_answer(code, text), permanent=code >= 500) from None
    except smtplib.SMTPResponseException as error:
        raise _Refused(_answer(error.smtp_code, error.smtp_error), permanent=error.smtp_code >= 500) from None
    except (smtplib.SMTPException, OSError) as error:
        raise Unreachable(f"{type(error).__name__}: {error}") from None
    message_accepted.send(sender=Message, message=message)
    Message.objects.filter(id=message.id).update(
        status=S.SENT, sent_at=now_for_storage(), lease_until=None, last_error="", subject=message.subject
    )
    logger.info("meeting mail %s (%s) sent", message.id, message.kind)


def build(message: Message, connection=None) -> EmailMultiAlternatives:
    """The email of one row, as it is sent: rendered now, with the row's stable Message-ID."""
    event = message.event
    options = mail_settings(event)
    sender_name = options.sender_name or in_language(event, "name", message.language)
    rendered = render(message, participant=message.participant, event=event, sender=sender_name)
    message.subject = rendered.subject
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    email = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=formataddr((sender_name, address or settings.DEFAULT_FROM_EMAIL)),
        to=[message.recipient],
        reply_to=[options.reply_to] if options.reply_to else None,
        headers={
            "Message-ID": message.message_id,
            "Content-Language": message.language,
            "Auto-Submitted": "auto-generated",
            "X-Meeting-Message-Kind": message.kind,
        },
        connection=connection,
    )
    email.attach_alternative(rendered.html, "text/html")
    for filename, content, mimetype in rendered.attachments:
        email.attach(filename, content, mimetype)
    return email


def _retry(message: Message, answer: str, outcome: Outcome) -> None:
    attempts = message.attempts
    if attempts >= int(_config("mail_max_attempts")):
        _fail(message, answer, outcome)
        return
    delay = min(_config("mail_retry_base_seconds") * 2 ** (attempts - 1), _config("mail_retry_max_seconds"))
    Message.objects.filter(id=message.id, status=S.SENDING).update(
        status=S.PENDING,
        lease_until=None,
        last_error=answer,
        next_attempt_at=now_for_storage() + timedelta(seconds=delay),
    )
    outcome.retried += 1
    logger.warning("meeting mail %s: attempt %s failed, retried in %s s", message.id, attempts, int(delay))


def _fail(message: Message, answer: str, outcome: Outcome) -> None:
    Message.objects.filter(id=message.id, status=S.SENDING).update(status=S.FAILED, lease_until=None, last_error=answer)
    outcome.failed += 1
    logger.warning("meeting mail %s: refused for good after %s attempt(s)", message.id, message.attempts)


def _close(connection) -> None:
    if connection is not None:
        with contextlib.suppress(Exception):  # a connection already broken has nothing left to close
            connection.close()
