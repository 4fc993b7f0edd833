"""The programme of an event: sessions in rooms and languages, with speakers, chairs and linked showcases."""

from core import models as core_models
from core.models.history_model import HistoryModelManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import InLanguage
from .events import Event
from .participants import Participant
from .reading import LiveQuerySet, ReadableMixin
from .showcases import CodeListField, Showcase


class SessionType(models.TextChoices):
    PLENARY = "PLENARY", _("Plenary")
    PANEL = "PANEL", _("Panel")
    SHOWCASE_SLOT = "SHOWCASE_SLOT", _("Showcase slot")
    WORKSHOP = "WORKSHOP", _("Workshop")
    BREAK = "BREAK", _("Break")
    NETWORKING = "NETWORKING", _("Networking")
    SIDE_MEETING = "SIDE_MEETING", _("Side meeting")


class Session(ReadableMixin, core_models.HistoryModel):
    """One item of an event's agenda."""

    USE_CACHE = False

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="sessions", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True, default="")
    session_type = models.CharField(_("type"), max_length=16, choices=SessionType.choices)
    description = models.TextField(_("description"), blank=True, default="")
    description_fr = models.TextField(_("description (French)"), blank=True, default="")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=128, blank=True, default="")
    # ISO 639-1 codes: the languages spoken, and those interpreted into.
    languages = CodeListField(_("languages"), max_length=64, blank=True, default="")
    interpretation = CodeListField(_("interpretation into"), max_length=64, blank=True, default="")
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    speakers = models.ManyToManyField(
        Participant, related_name="speaking_sessions", blank=True, verbose_name=_("speakers")
    )
    chairs = models.ManyToManyField(Participant, related_name="chaired_sessions", blank=True, verbose_name=_("chairs"))
    showcases = models.ManyToManyField(Showcase, related_name="sessions", blank=True, verbose_name=_("showcases"))

    local_title = InLanguage("title")
    local_description = InLanguage("description")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["event", "starts_at"], name="meeting_session_start_idx")]

    def __str__(self):
        return self.title


class SessionMutation(core_models.UUIDModel, core_models.ObjectMutation):
    session = models.ForeignKey(Session, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_sessions")
