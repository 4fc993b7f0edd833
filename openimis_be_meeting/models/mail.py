"""Mail to participants: the outbox (one row per message, written in the transaction of the change that causes it),
each participant's language, and each event's sender, reply-to and switches."""

from core import models as core_models
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .events import Event
from .participants import Participant


class MessageStatus(models.TextChoices):
    PENDING = "PENDING", _("Waiting to be sent")
    SENDING = "SENDING", _("Being sent")
    SENT = "SENT", _("Sent")
    FAILED = "FAILED", _("Failed")
    SKIPPED = "SKIPPED", _("Not sent: switched off for the event")


class Message(core_models.UUIDModel):
    """One message to one person: queued in the causing change's transaction, delivered later by a worker or the
    send_meeting_mail command. The body is rendered when it is sent, from the kind's templates and `context`."""

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="messages", verbose_name=_("event"))
    participant = models.ForeignKey(
        Participant, models.DO_NOTHING, null=True, blank=True, related_name="messages", verbose_name=_("participant")
    )
    # A kind of mail.messages.KINDS; not a choices field, so that a kind added with its templates needs no migration.
    kind = models.CharField(_("kind"), max_length=32)
    language = models.CharField(_("language"), max_length=16)
    recipient = models.EmailField(_("recipient"), max_length=254)
    # What the templates need beyond the event and the participant, as it was when the message was queued.
    context = models.JSONField(_("context"), default=dict, blank=True)
    # [{"filename", "mimetype", "content" (base64)}] given by the caller of outbox.queue.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING)
    subject = models.CharField(_("subject"), max_length=255, blank=True, default="")
    # The Message-ID header, the same on every attempt: a copy delivered twice is recognisable as one message.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    # At most one message per key (e.g. one reminder per registration); null for messages that may repeat.
    once_key = models.CharField(_("once key"), max_length=128, null=True, blank=True, unique=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    # A sender holds the row until then; past it, the row is taken again (its sender is presumed dead).
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)
    # The claim of the sender that holds (or last held) the row.
    claimed_by = models.CharField(_("claimed by"), max_length=32, blank=True, default="")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The mail server's answer to the last failed attempt.
    last_error = models.TextField(_("last error"), blank=True, default="")
    queued_by = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("queued by")
    )
    resent_from = models.ForeignKey(
        "self", models.DO_NOTHING, null=True, blank=True, related_name="resends", verbose_name=_("resent from")
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["PENDING", "SENDING"]),
                name="meeting_message_due_idx",
            ),
            models.Index(fields=["event", "kind"], name="meeting_message_kind_idx"),
            models.Index(fields=["participant", "queued_at"], name="meeting_message_person_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.message_id}"


class EventMailSettings(core_models.UUIDModel):
    """How one event's messages are sent: the sender's name, the address replies go to, the kinds switched off and
    how many days before the event reminders go out (the module's default when empty)."""

    event = models.OneToOneField(Event, models.DO_NOTHING, related_name="mail_settings", verbose_name=_("event"))
    sender_name = models.CharField(_("sender name"), max_length=128, blank=True, default="")
    reply_to = models.EmailField(_("reply-to address"), max_length=254, blank=True, default="")
    disabled_kinds = models.JSONField(_("kinds switched off"), default=list, blank=True)
    reminder_days_before = models.PositiveIntegerField(_("reminder days before"), null=True, blank=True)

    class Meta:
        verbose_name = _("event mail settings")
        verbose_name_plural = _("event mail settings")

    def __str__(self):
        return str(self.event)
