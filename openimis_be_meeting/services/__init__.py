from .attendance import AttendanceService
from .events import EventService
from .organisations import OrganisationService
from .participants import ParticipantService

__all__ = ["AttendanceService", "EventService", "OrganisationService", "ParticipantService"]
