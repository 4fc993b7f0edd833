import graphene
from core.utils import ExtendedConnection
from location.gql_queries import LocationGQLType

from . import selectors
from .filters import AttendanceFilter, EventFilter, OrganisationFilter, ParticipantFilter
from .gql_rights import GuardedObjectType
from .models import (
    Attendance,
    AttendanceMode,
    CheckInMethod,
    Event,
    EventStatus,
    EventType,
    Gender,
    Organisation,
    OrganisationType,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    ParticipationMode,
)
from .permissions import Action, can
from .timeutils import from_storage, zone_or_none


def enum_of(name: str, choices) -> type[graphene.Enum]:
    """A GraphQL enum whose values are the upper-case codes of a TextChoices."""
    return graphene.Enum(name, [(value, value) for value in choices.values])


MeetingEventTypeEnum = enum_of("MeetingEventTypeEnum", EventType)
MeetingEventStatusEnum = enum_of("MeetingEventStatusEnum", EventStatus)
MeetingParticipationModeEnum = enum_of("MeetingParticipationModeEnum", ParticipationMode)
MeetingOrganisationTypeEnum = enum_of("MeetingOrganisationTypeEnum", OrganisationType)
MeetingParticipantStatusEnum = enum_of("MeetingParticipantStatusEnum", ParticipantStatus)
MeetingParticipantRoleEnum = enum_of("MeetingParticipantRoleEnum", ParticipantRole)
MeetingGenderEnum = enum_of("MeetingGenderEnum", Gender)
MeetingAttendanceModeEnum = enum_of("MeetingAttendanceModeEnum", AttendanceMode)
MeetingCheckInMethodEnum = enum_of("MeetingCheckInMethodEnum", CheckInMethod)


def _in_event_zone(field_name: str):
    def resolve(event, info):
        return from_storage(getattr(event, field_name), zone_or_none(event.timezone))

    return resolve


class MeetingEventGQLType(GuardedObjectType):
    """An event; its instants are given with the offset of the event's own time zone."""

    reader = staticmethod(selectors.events_for)

    uuid = graphene.String()
    event_type = graphene.Field(MeetingEventTypeEnum)
    status = graphene.Field(MeetingEventStatusEnum)
    participation_mode = graphene.Field(MeetingParticipationModeEnum)
    starts_at = graphene.DateTime(resolver=_in_event_zone("starts_at"))
    ends_at = graphene.DateTime(resolver=_in_event_zone("ends_at"))
    registration_opens_at = graphene.DateTime(resolver=_in_event_zone("registration_opens_at"))
    registration_closes_at = graphene.DateTime(resolver=_in_event_zone("registration_closes_at"))
    location = graphene.Field(LocationGQLType)

    class Meta:
        model = Event
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "code",
            "name",
            "description",
            "timezone",
            "venue",
            "city",
            "country",
            "online_url",
            "capacity",
            "requires_approval",
            "organisers",
            "version",
            "date_created",
            "date_updated",
        )
        filterset_class = EventFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(event, info):
        return str(event.id)


class MeetingOrganisationGQLType(GuardedObjectType):
    reader = staticmethod(selectors.organisations_for)

    uuid = graphene.String()
    organisation_type = graphene.Field(MeetingOrganisationTypeEnum)

    class Meta:
        model = Organisation
        interfaces = (graphene.relay.Node,)
        fields = ("id", "name", "acronym", "country", "website", "version", "date_created", "date_updated")
        filterset_class = OrganisationFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(organisation, info):
        return str(organisation.id)


def _personal(field_name: str):
    """A resolver giving the value only to callers with the personal-data right, null to everyone else."""
    if field_name not in selectors.PARTICIPANT_PERSONAL_FIELDS:  # the one list of personal fields names them all
        raise ValueError(f"{field_name} is not in selectors.PARTICIPANT_PERSONAL_FIELDS")

    def resolve(participant, info):
        if not can(info.context.user, Action.VIEW_PERSONAL_DATA):
            return None
        return getattr(participant, field_name) or None

    return resolve


class MeetingParticipantGQLType(GuardedObjectType):
    """One registration; email, phone, gender, needs and the check-in token need the personal-data right."""

    reader = staticmethod(selectors.participants_for)

    uuid = graphene.String()
    event = graphene.Field(MeetingEventGQLType)
    organisation = graphene.Field(MeetingOrganisationGQLType)
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
            "version",
        )
        filterset_class = ParticipantFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(participant, info):
        return str(participant.id)


class MeetingAttendanceGQLType(GuardedObjectType):
    """One participant present on one day (in the event's time zone), with who checked them in, when and how."""

    reader = staticmethod(selectors.attendances_for)

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
