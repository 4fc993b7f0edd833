from .agenda import SessionService
from .attendance import AttendanceService
from .catalogue import DigitalSystemService, StandardService
from .events import EventService
from .mail import MailService
from .organisations import OrganisationService
from .participants import ParticipantService
from .retention import RetentionService
from .showcases import ShowcaseService

__all__ = [
    "AttendanceService",
    "DigitalSystemService",
    "EventService",
    "MailService",
    "OrganisationService",
    "ParticipantService",
    "RetentionService",
    "SessionService",
    "ShowcaseService",
    "StandardService",
]
