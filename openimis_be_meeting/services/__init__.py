from .events import EventService
from .organisations import OrganisationService
from .participants import ParticipantService

__all__ = ["EventService", "OrganisationService", "ParticipantService"]
