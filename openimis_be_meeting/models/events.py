from core import models as core_models
from core.models.history_model import HistoryModelManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from .content import InLanguage
from .reading import LiveQuerySet, ReadableMixin


class EventType(models.TextChoices):
    COMMUNITY_MEETING = "COMMUNITY_MEETING", _("Community meeting")
    WORKSHOP = "WORKSHOP", _("Workshop")
    WEBINAR = "WEBINAR", _("Webinar")
    TRAINING = "TRAINING", _("Training")
    CONNECTATHON = "CONNECTATHON", _("Connectathon")
    OTHER = "OTHER", _("Other")


class EventStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    PUBLISHED = "PUBLISHED", _("Published")
    REGISTRATION_OPEN = "REGISTRATION_OPEN", _("Registration open")
    REGISTRATION_CLOSED = "REGISTRATION_CLOSED", _("Registration closed")
    ONGOING = "ONGOING", _("Ongoing")
    COMPLETED = "COMPLETED", _("Completed")
    CANCELLED = "CANCELLED", _("Cancelled")
    POSTPONED = "POSTPONED", _("Postponed")


class ParticipationMode(models.TextChoices):
    IN_PERSON = "IN_PERSON", _("In person")
    ONLINE = "ONLINE", _("Online")
    HYBRID = "HYBRID", _("Hybrid")


class Event(ReadableMixin, core_models.HistoryModel):
    """A meeting, workshop, webinar, training or connectathon of the openIMIS community."""

    # Never serve an event from core's object cache: status and capacity change under concurrency.
    USE_CACHE = False

    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    description_fr = models.TextField(_("description (French)"), blank=True, default="")
    event_type = models.CharField(_("type"), max_length=32, choices=EventType.choices)
    status = models.CharField(_("status"), max_length=32, choices=EventStatus.choices, default=EventStatus.DRAFT)
    # Stored as UTC (naive when the instance runs USE_TZ=False, as openIMIS does); shown in `timezone`.
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("time zone"), max_length=64)
    venue = models.CharField(_("venue"), max_length=255, blank=True, default="")
    city = models.CharField(_("city"), max_length=128, blank=True, default="")
    country = models.CharField(_("country"), max_length=2, blank=True, default="")
    location = models.ForeignKey(
        "location.Location",
        verbose_name=_("location"),
        on_delete=models.DO_NOTHING,
        related_name="+",
        null=True,
        blank=True,
    )
    participation_mode = models.CharField(
        _("participation mode"),
        max_length=16,
        choices=ParticipationMode.choices,
        default=ParticipationMode.IN_PERSON,
    )
    online_url = models.URLField(_("online address"), max_length=500, blank=True, default="")
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    # On: once every seat is taken, new registrations (and approvals) are refused instead of joining a waiting list
    # (GraphQL's waitingList is its opposite). Stored this way round because core's pre_save validator replaces a
    # false value with the field's default: a field defaulting to True could never be saved False.
    no_waiting_list = models.BooleanField(_("no waiting list: refuse registrations when full"), default=False)
    organisers = models.TextField(_("organisers"), blank=True, default="")
    # The last day (in the event's zone) its participants' personal data is kept; empty: the configured number of
    # days after the event's end (retention_days_after_end). services/retention.py erases it after that day.
    retention_date = models.DateField(_("personal data kept until"), null=True, blank=True)
    # The participants' side (public/): people register themselves only where the organisers turned it on, and
    # accept the event's privacy notice, written in each language the pages speak.
    public_registration = models.BooleanField(_("public registration"), default=False)
    privacy_notice_en = models.TextField(_("privacy notice (English)"), blank=True, default="")
    privacy_notice_fr = models.TextField(_("privacy notice (French)"), blank=True, default="")

    # The name and description in the active language, else the other (models/content.py).
    local_name = InLanguage("name")
    local_description = InLanguage("description")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            # Codes compare without regard to case, in the service's check and in this index alike.
            models.UniqueConstraint(Upper("code"), condition=Q(is_deleted=False), name="meeting_event_live_code_uniq")
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="meeting_event_starts_idx"),
            models.Index(fields=["status"], name="meeting_event_status_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class EventMutation(core_models.UUIDModel, core_models.ObjectMutation):
    """Links an event to the mutation log rows that changed it, so the frontend can re-read it by clientMutationId."""

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_events")
