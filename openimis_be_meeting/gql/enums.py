"""The GraphQL enums of the event, organisation and participant models, made from their TextChoices."""

import graphene

from ..models import (
    AttendanceMode,
    CheckInMethod,
    EventStatus,
    EventType,
    Gender,
    OrganisationType,
    ParticipantRole,
    ParticipantStatus,
    ParticipationMode,
)


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
