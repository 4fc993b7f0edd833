"""Who may get which document: the reads that decide it, shared by REST, GraphQL, the admin and the personal page."""

from django.db.models import QuerySet

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, MeetingNotFound, Problems
from ..models import Event, Participant, ParticipantRole, ParticipantStatus
from ..permissions import Action, guarded
from .problems import DocumentProblems

# A badge opens the door: only to people holding a seat. Pending, waitlisted, cancelled, withdrawn, rejected people
# and no-shows get none.
BADGE_STATUSES = frozenset({ParticipantStatus.CONFIRMED})
BADGE_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "country",
    "role",
    "status",
    "checkin_token",
    "organisation__name",
    "organisation__acronym",
)


def may_have_badge(participant: Participant) -> bool:
    """A live, confirmed registration of a live event."""
    return not participant.is_deleted and participant.status in BADGE_STATUSES


def badge_owner(participant_id) -> Participant:
    """The participant a single badge is for, with its event; refused (by status) when they may have none."""
    uuid = v.clean_uuid(participant_id, field="participantId")
    participant = (
        Participant.objects.select_related("event", "organisation")
        .filter(id=uuid, is_deleted=False, event__is_deleted=False)
        .first()
    )
    if participant is None:
        raise MeetingNotFound(DocumentProblems.PARTICIPANT_NOT_FOUND, field="participantId", value=str(uuid))
    if not may_have_badge(participant):
        status = ParticipantStatus(participant.status).label
        raise MeetingError(DocumentProblems.NO_BADGE, field="participantId", status=status)
    return participant


def _choice(value: str | None, choices, field: str):
    if not value:
        return None
    if value not in choices.values:
        raise MeetingError(Problems.INVALID_CHOICE, field=field, value=value[:32])
    return value


@guarded(Action.PRINT_BADGES)
def badge_holders(*, user, event: Event, role=None, status=None, organisation_id=None) -> QuerySet:
    """The event's participants who get a badge, by last and first name, optionally of one role, one (badge) status
    and one organisation; asking for a status that gets no badge is refused rather than answered with nothing."""
    queryset = Participant.objects.filter(event=event, is_deleted=False, status__in=BADGE_STATUSES)
    if _choice(status, ParticipantStatus, "status") and status not in BADGE_STATUSES:
        raise MeetingError(DocumentProblems.BADGE_STATUS, field="status")
    if status:
        queryset = queryset.filter(status=status)
    if _choice(role, ParticipantRole, "role"):
        queryset = queryset.filter(role=role)
    if organisation_id:
        queryset = queryset.filter(organisation_id=v.clean_uuid(organisation_id, field="organisationId"))
    return queryset.order_by("last_name", "first_name", "id")


def badge_limit() -> int:
    return int(MeetingConfig.config.get("max_badges_per_file") or 10_000)


@guarded(Action.PRINT_BADGES)
def selected_badge_holders(*, user, queryset: QuerySet) -> tuple[Event | None, QuerySet]:
    """Of a selection of participants (the admin's), the event when they are all of one, and those who get a badge."""
    event_ids = set(queryset.values_list("event_id", flat=True))
    if len(event_ids) != 1:
        return None, queryset.none()
    event = Event.objects.live().filter(id=event_ids.pop()).first()
    if event is None:
        return None, queryset.none()
    holders = queryset.filter(is_deleted=False, status__in=BADGE_STATUSES).order_by("last_name", "first_name", "id")
    return event, holders


def certificate_of(participant_id):
    """The participant's valid certificate, with its participant and event; a 404 when there is none."""
    from ..models import Certificate

    uuid = v.clean_uuid(participant_id, field="participantId")
    certificate = (
        Certificate.objects.select_related("participant__event")
        .filter(participant_id=uuid, revoked_at__isnull=True, participant__is_deleted=False)
        .first()
    )
    if certificate is None:
        raise MeetingNotFound(DocumentProblems.NO_LIVE_CERTIFICATE, field="participantId")
    return certificate


@guarded(Action.SEARCH_PARTICIPANTS)
def visa_letters_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The letters of live registrations of live events, for holders of the participant search right (their
    passport details only with the personal-data right: the GraphQL type's resolvers)."""
    from ..models import VisaLetter

    queryset = VisaLetter.objects.all() if queryset is None else queryset
    return queryset.filter(participant__is_deleted=False, participant__event__is_deleted=False)


def approved_letter(letter_id):
    """An approved letter whose passport details are still kept, for its PDF; a 404 or a refusal otherwise."""
    from ..models import LetterStatus, VisaLetter

    uuid = v.clean_uuid(letter_id, field="letterId")
    letter = (
        VisaLetter.objects.select_related("participant__event")
        .filter(id=uuid, participant__is_deleted=False, participant__event__is_deleted=False)
        .first()
    )
    if letter is None:
        raise MeetingNotFound(DocumentProblems.LETTER_NOT_FOUND, field="letterId")
    if letter.status != LetterStatus.APPROVED:
        raise MeetingError(DocumentProblems.LETTER_NOT_APPROVED, field="letterId")
    if letter.personal_data_erased_at is not None:
        raise MeetingError(DocumentProblems.LETTER_ERASED, field="letterId")
    return letter
