"""What the documents keep: an event's document settings, the certificates of attendance issued, the visa
invitation letters asked for, and the counter that numbers the letters (docs/documents.md)."""

from core import models as core_models
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .events import Event
from .participants import Participant


class CertificateRule(models.TextChoices):
    DAYS = "DAYS", _("At least a number of days")
    SESSION_SHARE = "SESSION_SHARE", _("At least a share of the sessions")


class DocumentSettings(core_models.UUIDModel):
    """An event's choices for its documents: the attendance a certificate needs, who signs, the letterhead."""

    event = models.OneToOneField(Event, models.DO_NOTHING, related_name="document_settings", verbose_name=_("event"))
    certificate_rule = models.CharField(
        _("certificate rule"), max_length=16, choices=CertificateRule.choices, default=CertificateRule.DAYS
    )
    certificate_min_days = models.PositiveIntegerField(_("days needed for a certificate"), default=1)
    certificate_min_session_percent = models.PositiveIntegerField(
        _("share of the sessions needed for a certificate (%)"), default=75
    )
    signatory_name = models.CharField(_("signatory"), max_length=255, blank=True, default="")
    signatory_title = models.CharField(_("signatory's title"), max_length=255, blank=True, default="")
    letterhead = models.TextField(_("letterhead (organiser's name and address)"), blank=True, default="")
    letter_prefix = models.CharField(_("letter number prefix"), max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")


class Certificate(core_models.UUIDModel):
    """A certificate of attendance: the days (and sessions) it names, frozen when issued, and its public code."""

    participant = models.ForeignKey(
        Participant, models.DO_NOTHING, related_name="certificates", verbose_name=_("participant")
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    language = models.CharField(_("language"), max_length=8)
    days = models.JSONField(_("days attended"), default=list)
    sessions = models.JSONField(_("sessions attended"), default=list)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey("core.User", models.DO_NOTHING, related_name="+", verbose_name=_("issued by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True, default="")

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(revoked_at__isnull=True), name="meeting_certificate_live_uniq"
            )
        ]


class LetterStatus(models.TextChoices):
    REQUESTED = "REQUESTED", _("Requested")
    APPROVED = "APPROVED", _("Approved")
    REFUSED = "REFUSED", _("Refused")


class VisaLetter(core_models.UUIDModel):
    """A visa invitation letter asked for by (or for) a participant; passport details are personal data (216006),
    erased on the event's retention date. An approved letter has its number, never reused."""

    participant = models.ForeignKey(
        Participant, models.DO_NOTHING, related_name="visa_letters", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=16, choices=LetterStatus.choices)
    passport_number = models.CharField(_("passport number"), max_length=32, blank=True, default="")
    nationality = models.CharField(_("nationality"), max_length=2, blank=True, default="")
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    passport_expiry = models.DateField(_("passport expiry"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("requested by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True, default="")
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=64, null=True, blank=True, unique=True)
    # Printed on the letter and in its QR code: the public page checks a letter by it, not by its guessable number.
    code = models.CharField(_("verification code"), max_length=32, null=True, blank=True, unique=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("visa invitation letter")
        verbose_name_plural = _("visa invitation letters")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(status="REQUESTED"), name="meeting_visa_letter_open_uniq"
            )
        ]


class LetterCounter(models.Model):
    """The last letter number given for an event and year; locked (select_for_update) by each approval."""

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="+", verbose_name=_("event"))
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")
        constraints = [models.UniqueConstraint(fields=["event", "year"], name="meeting_letter_counter_uniq")]

    def __str__(self):
        return f"{self.event_id} {self.year}: {self.last}"
