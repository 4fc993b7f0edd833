"""GraphQL of participants and their attendance: the types (personal fields only with the personal-data right) and
the registration, lifecycle and check-in mutations."""

import graphene
from core.schema import OpenIMISMutation
from core.utils import ExtendedConnection

from ..documents import urls as document_urls
from ..models import (
    Attendance,
    Participant,
    ParticipantMutation,
)
from ..permissions import Action, can
from ..selectors import lists
from ..selectors.filters import AttendanceFilter, ParticipantFilter
from ..services import AttendanceService, ParticipantService
from ..timeutils import from_storage, zone_or_none
from .base.mutation import MeetingMutation
from .base.rights import GuardedObjectType
from .enums import (
    MeetingAttendanceModeEnum,
    MeetingCheckInMethodEnum,
    MeetingGenderEnum,
    MeetingParticipantRoleEnum,
    MeetingParticipantStatusEnum,
)
from .summaries import MeetingEventSummaryGQLType, MeetingOrganisationSummaryGQLType


def _personal(field_name: str):
    """A resolver giving the value only to callers with the personal-data right, null to everyone else."""
    if field_name not in lists.PARTICIPANT_PERSONAL_FIELDS:  # the one list of personal fields names them all
        raise ValueError(f"{field_name} is not in lists.PARTICIPANT_PERSONAL_FIELDS")

    def resolve(participant, info):
        if not can(info.context.user, Action.VIEW_PERSONAL_DATA):
            return None
        return getattr(participant, field_name) or None

    return resolve


class MeetingParticipantGQLType(GuardedObjectType):
    """One registration; email, phone, gender, needs and the check-in token need the personal-data right."""

    reader = staticmethod(lists.participants_for)

    uuid = graphene.String()
    event = graphene.Field(MeetingEventSummaryGQLType, description="The full event needs 215001 (meetingEvents).")
    organisation = graphene.Field(MeetingOrganisationSummaryGQLType)
    status = graphene.Field(MeetingParticipantStatusEnum)
    role = graphene.Field(MeetingParticipantRoleEnum)
    attendance_mode = graphene.Field(MeetingAttendanceModeEnum)
    email = graphene.String(resolver=_personal("email"))
    phone = graphene.String(resolver=_personal("phone"))
    gender = graphene.Field(MeetingGenderEnum, resolver=_personal("gender"))
    accessibility_needs = graphene.String(resolver=_personal("accessibility_needs"))
    dietary_needs = graphene.String(resolver=_personal("dietary_needs"))
    checkin_token = graphene.String(resolver=_personal("checkin_token"))
    registered_at = graphene.DateTime(resolver=lambda p, info: from_storage(p.registered_at))
    status_changed_at = graphene.DateTime(resolver=lambda p, info: from_storage(p.status_changed_at))
    badge_url = graphene.String(
        description="Address of the participant's badge (PDF); null without the badge right or for someone who "
        "gets no badge (only confirmed participants do)."
    )

    certificate_url = graphene.String(
        description="Address of the participant's valid certificate of attendance (PDF); null without the "
        "certificate right or when they have none."
    )

    class Meta:
        model = Participant
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "first_name",
            "last_name",
            "job_title",
            "country",
            "waitlist_position",
            "consent_listed",
            "consent_photos",
            "consent_contact",
            "rejection_reason",
            "language",
            "version",
        )
        filterset_class = ParticipantFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(participant, info):
        return str(participant.id)

    def resolve_badge_url(participant, info):
        return document_urls.badge_url(participant, user=info.context.user)

    def resolve_certificate_url(participant, info):
        return document_urls.certificate_url(participant, user=info.context.user)


class MeetingAttendanceGQLType(GuardedObjectType):
    """One participant present on one day (in the event's time zone), with who checked them in, when and how."""

    reader = staticmethod(lists.attendances_for)

    uuid = graphene.String()
    participant = graphene.Field(MeetingParticipantGQLType)
    method = graphene.Field(MeetingCheckInMethodEnum)
    checked_in_at = graphene.DateTime()
    checked_in_by = graphene.String(description="Username of the openIMIS user who recorded the check-in.")
    session_id = graphene.String(description="UUID of the session, for a check-in at a session's door.")

    class Meta:
        model = Attendance
        interfaces = (graphene.relay.Node,)
        fields = ("id", "day")
        filterset_class = AttendanceFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(attendance, info):
        return str(attendance.id)

    def resolve_checked_in_at(attendance, info):
        return from_storage(attendance.checked_in_at, zone_or_none(attendance.participant.event.timezone))

    def resolve_session_id(attendance, info):
        return str(attendance.session_id) if attendance.session_id else None

    def resolve_checked_in_by(attendance, info):
        return attendance.checked_in_by.username if attendance.checked_in_by else None


class MeetingProgrammePersonGQLType(graphene.ObjectType):
    """A showcase's presenter or a session's speaker or chair, as a printed programme names them (README, "People on
    the programme"): name, organisation, job title, country, role and registration status, and the registration's
    uuid (to name them in presenterIds, speakerIds, chairIds); nothing personal, no consent, time or place."""

    uuid = graphene.String()
    first_name = graphene.String()
    last_name = graphene.String()
    job_title = graphene.String()
    country = graphene.String()
    role = graphene.Field(MeetingParticipantRoleEnum)
    status = graphene.Field(MeetingParticipantStatusEnum)
    organisation = graphene.Field(MeetingOrganisationSummaryGQLType)

    def resolve_uuid(person, info):
        return str(person.id)


class ParticipantFields:
    first_name = graphene.String()
    last_name = graphene.String()
    email = graphene.String()
    phone = graphene.String()
    gender = MeetingGenderEnum()
    organisation_id = graphene.String(description="UUID of a meeting organisation.")
    job_title = graphene.String()
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    role = MeetingParticipantRoleEnum()
    attendance_mode = MeetingAttendanceModeEnum()
    user_id = graphene.String(description="UUID of an openIMIS user.")
    location_id = graphene.String(description="UUID of an openIMIS location.")
    consent_listed = graphene.Boolean(description="Agrees to appear in the published participant list.")
    consent_photos = graphene.Boolean()
    consent_contact = graphene.Boolean()
    accessibility_needs = graphene.String()
    dietary_needs = graphene.String()
    language = graphene.String(
        description="The language of the person's mail (en, fr, ...); the instance's default when empty."
    )


class ParticipantMutationBase(MeetingMutation):
    """A mutation on one participant, named by `id`, that calls one ParticipantService method."""

    link_model, link_field = ParticipantMutation, "participant"
    service_class = ParticipantService

    class Meta:
        abstract = True


class RegisterMeetingParticipantMutation(ParticipantMutationBase):
    """Register a person for an event (PENDING, CONFIRMED or WAITLISTED as the event's rules say)."""

    _mutation_class = "RegisterMeetingParticipantMutation"
    service_method = "register"

    class Input(ParticipantFields, OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")


class UpdateMeetingParticipantMutation(ParticipantMutationBase):
    """Change a participant's details."""

    _mutation_class = "UpdateMeetingParticipantMutation"
    service_method = "update"

    class Input(ParticipantFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the participant.")


class _ParticipantIdInput(OpenIMISMutation.Input):
    id = graphene.String(description="UUID of the participant.")


class ApproveMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "ApproveMeetingParticipantMutation"
    service_method = "approve"

    class Input(_ParticipantIdInput):
        pass


class RejectMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "RejectMeetingParticipantMutation"
    service_method = "reject"

    class Input(_ParticipantIdInput):
        reason = graphene.String()


class CancelMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "CancelMeetingParticipantMutation"
    service_method = "cancel"

    class Input(_ParticipantIdInput):
        pass


class WithdrawMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "WithdrawMeetingParticipantMutation"
    service_method = "withdraw"

    class Input(_ParticipantIdInput):
        pass


class DeleteMeetingParticipantMutation(ParticipantMutationBase):
    _mutation_class = "DeleteMeetingParticipantMutation"
    service_method = "delete"
    link_model = None

    class Input(_ParticipantIdInput):
        pass


class CheckInMeetingParticipantMutation(ParticipantMutationBase):
    """Record a confirmed participant as present on a day of the event; repeating it, or replaying it with the
    same clientMutationId, records nothing new and succeeds."""

    _mutation_class = "CheckInMeetingParticipantMutation"
    service_class, service_method = AttendanceService, "check_in"
    passes_client_id = True

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the participant (MANUAL check-in).")
        token = graphene.String(description="The check-in code on the participant's badge (required for QR, SELF).")
        event_id = graphene.String(
            description="UUID of the door's event (required for QR, SELF): another event's badge is refused."
        )
        method = MeetingCheckInMethodEnum(description="MANUAL when not given.")
        checked_in_at = graphene.String(
            description="When the person arrived, as an offline device saw it (ISO 8601); now when not given."
        )
        session_id = graphene.String(description="UUID of a session: a check-in at that session's door.")
