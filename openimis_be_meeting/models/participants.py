import secrets
import string

from core import models as core_models
from core.models.history_model import HistoryModelManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .events import Event
from .reading import LiveQuerySet, ReadableMixin

# The first character of a check-in token: never one a spreadsheet reads as the start of a formula (- in a URL-safe
# token, once in 64), so the code on a badge printed from an export is the code itself.
_TOKEN_FIRST = string.ascii_letters + string.digits


def new_checkin_token() -> str:
    """A fresh check-in token: 32 URL-safe characters (about 192 random bits), the first a letter or a digit. Tokens
    issued before keep working as they are: they are looked up, never parsed."""
    return secrets.choice(_TOKEN_FIRST) + secrets.token_urlsafe(24)[1:]


class OrganisationType(models.TextChoices):
    MINISTRY = "MINISTRY", _("Ministry")
    SCHEME_OPERATOR = "SCHEME_OPERATOR", _("Scheme operator")
    IMPLEMENTER = "IMPLEMENTER", _("Implementer")
    SOFTWARE_DEVELOPER = "SOFTWARE_DEVELOPER", _("Software developer")
    KNOWLEDGE_HUB = "KNOWLEDGE_HUB", _("Knowledge hub")
    DONOR = "DONOR", _("Donor")
    MULTILATERAL = "MULTILATERAL", _("Multilateral")
    NGO = "NGO", _("NGO")
    ACADEMIA = "ACADEMIA", _("Academia")
    OTHER = "OTHER", _("Other")


class Organisation(ReadableMixin, core_models.HistoryModel):
    """An organisation people come from, reused across events."""

    USE_CACHE = False

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True, default="")
    organisation_type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    country = models.CharField(_("country"), max_length=2, blank=True, default="")
    website = models.URLField(_("website"), max_length=500, blank=True, default="")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"], condition=Q(is_deleted=False), name="meeting_org_live_name_uniq"
            )
        ]

    def __str__(self):
        return f"{self.acronym} {self.name}".strip()


class ParticipantStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending approval")
    CONFIRMED = "CONFIRMED", _("Confirmed")
    WAITLISTED = "WAITLISTED", _("Waiting list")
    REJECTED = "REJECTED", _("Rejected")
    CANCELLED = "CANCELLED", _("Cancelled")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")
    NO_SHOW = "NO_SHOW", _("No show")


# Registrations that hold a seat, a place in line or a pending request: one per email and event.
ACTIVE_PARTICIPANT_STATUSES = (ParticipantStatus.PENDING, ParticipantStatus.CONFIRMED, ParticipantStatus.WAITLISTED)


class ParticipantRole(models.TextChoices):
    ATTENDEE = "ATTENDEE", _("Attendee")
    SPEAKER = "SPEAKER", _("Speaker")
    SHOWCASE_PRESENTER = "SHOWCASE_PRESENTER", _("Showcase presenter")
    ORGANISER = "ORGANISER", _("Organiser")
    DONOR_REPRESENTATIVE = "DONOR_REPRESENTATIVE", _("Donor representative")
    KNOWLEDGE_HUB_REPRESENTATIVE = "KNOWLEDGE_HUB_REPRESENTATIVE", _("Knowledge hub representative")
    OBSERVER = "OBSERVER", _("Observer")
    PRESS = "PRESS", _("Press")


class Gender(models.TextChoices):
    FEMALE = "FEMALE", _("Female")
    MALE = "MALE", _("Male")
    OTHER = "OTHER", _("Other")
    UNDISCLOSED = "UNDISCLOSED", _("Prefers not to say")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "IN_PERSON", _("In person")
    ONLINE = "ONLINE", _("Online")


class Participant(ReadableMixin, core_models.HistoryModel):
    """One person's registration for one event."""

    USE_CACHE = False

    event = models.ForeignKey(Event, models.DO_NOTHING, related_name="participants", verbose_name=_("event"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=32, blank=True, default="")
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True, default="")
    organisation = models.ForeignKey(
        Organisation,
        models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True, default="")
    country = models.CharField(_("country"), max_length=2, blank=True, default="")
    role = models.CharField(_("role"), max_length=32, choices=ParticipantRole.choices, default=ParticipantRole.ATTENDEE)
    attendance_mode = models.CharField(
        _("participation mode"), max_length=16, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    user = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("openIMIS user")
    )
    location = models.ForeignKey(
        "location.Location", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("location")
    )
    consent_listed = models.BooleanField(_("agrees to appear in the participant list"), default=False)
    consent_photos = models.BooleanField(_("agrees to photos"), default=False)
    consent_contact = models.BooleanField(_("agrees to be contacted later"), default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, default="")
    dietary_needs = models.TextField(_("dietary needs"), blank=True, default="")
    status = models.CharField(_("status"), max_length=16, choices=ParticipantStatus.choices)
    # 1..n among the event's WAITLISTED participants, kept contiguous under the event's row lock. No unique index:
    # closing a gap shifts many rows in one UPDATE, which a non-deferrable (partial) unique index would refuse.
    waitlist_position = models.PositiveIntegerField(_("waiting-list position"), null=True, blank=True)
    rejection_reason = models.TextField(_("rejection reason"), blank=True, default="")
    registered_at = models.DateTimeField(_("registered at"))
    status_changed_at = models.DateTimeField(_("status changed at"))
    checkin_token = models.CharField(_("check-in token"), max_length=64, unique=True)
    # When the personal data was erased (services/retention.py): the row then only counts, and no longer changes.
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    # The language of the mail the person receives (a code of settings.LANGUAGES); the instance's default when empty.
    language = models.CharField(_("language"), max_length=16, blank=True, default="")

    objects = HistoryModelManager.from_queryset(LiveQuerySet)()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(is_deleted=False, status__in=ACTIVE_PARTICIPANT_STATUSES),
                name="meeting_participant_active_email_uniq",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="meeting_participant_status_idx"),
            # The lists' default order, over live rows only (docs/benchmarks.md: a 100-row page 310 -> 65 ms).
            models.Index(
                fields=["registered_at", "id"], condition=Q(is_deleted=False), name="meeting_particip_live_order"
            ),
            models.Index(
                fields=["event", "registered_at", "id"],
                condition=Q(is_deleted=False),
                name="meeting_particip_event_order",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class OrganisationMutation(core_models.UUIDModel, core_models.ObjectMutation):
    organisation = models.ForeignKey(Organisation, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_organisations")


class ParticipantMutation(core_models.UUIDModel, core_models.ObjectMutation):
    participant = models.ForeignKey(Participant, models.DO_NOTHING, related_name="mutations")
    mutation = models.ForeignKey(core_models.MutationLog, models.DO_NOTHING, related_name="meeting_participants")


class CheckInMethod(models.TextChoices):
    MANUAL = "MANUAL", _("Manual")
    QR = "QR", _("QR code scan")
    SELF = "SELF", _("Self check-in")


class Attendance(core_models.UUIDModel):
    """One participant present on one day of the event: recorded once, however often the badge is scanned."""

    participant = models.ForeignKey(
        Participant, models.DO_NOTHING, related_name="attendances", verbose_name=_("participant")
    )
    # The calendar day in the event's own time zone.
    day = models.DateField(_("day"))
    # A check-in at one session's door; none for the day's check-in at the venue.
    session = models.ForeignKey(
        "openimis_be_meeting.Session",
        models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("session"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        "core.User", models.DO_NOTHING, null=True, blank=True, related_name="+", verbose_name=_("checked in by")
    )
    method = models.CharField(_("method"), max_length=16, choices=CheckInMethod.choices)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "day"], condition=Q(session__isnull=True), name="meeting_attendance_day_uniq"
            ),
            models.UniqueConstraint(
                fields=["participant", "session"],
                condition=Q(session__isnull=False),
                name="meeting_attendance_session_uniq",
            ),
        ]
        indexes = [models.Index(fields=["day"], name="meeting_attendance_day_idx")]

    def __str__(self):
        return f"{self.participant} {self.day}"


class CheckInScan(core_models.UUIDModel):
    """A check-in request that succeeded, by its clientMutationId: a device replaying it gets the same answer,
    whether the scan recorded the attendance or found it already there."""

    client_id = models.CharField(_("client id"), max_length=255, unique=True)
    participant = models.ForeignKey(Participant, models.DO_NOTHING, related_name="+", verbose_name=_("participant"))
    attendance = models.ForeignKey(Attendance, models.DO_NOTHING, related_name="scans", verbose_name=_("attendance"))
    scanned_at = models.DateTimeField(_("scanned at"))

    class Meta:
        verbose_name = _("check-in scan")
        verbose_name_plural = _("check-in scans")
