"""The module's models, one file per area; everything is importable from here as Django expects."""

from .events import Event, EventMutation, EventStatus, EventType, LiveQuerySet, ParticipationMode
from .participants import (
    ACTIVE_PARTICIPANT_STATUSES,
    Attendance,
    AttendanceMode,
    CheckInMethod,
    Gender,
    Organisation,
    OrganisationMutation,
    OrganisationType,
    Participant,
    ParticipantMutation,
    ParticipantRole,
    ParticipantStatus,
)

__all__ = [
    "ACTIVE_PARTICIPANT_STATUSES",
    "Attendance",
    "AttendanceMode",
    "CheckInMethod",
    "Event",
    "EventMutation",
    "EventStatus",
    "EventType",
    "Gender",
    "LiveQuerySet",
    "Organisation",
    "OrganisationMutation",
    "OrganisationType",
    "Participant",
    "ParticipantMutation",
    "ParticipantRole",
    "ParticipantStatus",
    "ParticipationMode",
]
