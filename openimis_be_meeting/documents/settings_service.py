"""An event's document settings: the certificate rule, the signatory, the letterhead and the letter prefix."""

from core.services import BaseService

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import CertificateRule, DocumentSettings
from ..permissions import Action
from ..services.base import service_method
from ..services.locks import locked_event
from .attendance import settings_of
from .problems import DocumentProblems

# name -> (the API field errors name, the longest value)
TEXT_FIELDS = {
    "signatory_name": ("signatoryName", 255),
    "signatory_title": ("signatoryTitle", 255),
    "letterhead": ("letterhead", 2000),
    "letter_prefix": ("letterPrefix", 32),
}


class DocumentSettingsService(BaseService):
    OBJECT_TYPE = DocumentSettings

    @service_method("meeting_document_settings_service.update", Action.UPDATE_EVENTS)
    def update(self, obj_data: dict) -> DocumentSettings:
        """Change the given settings of an event's documents (those not given keep their values)."""
        event = locked_event(obj_data.get("event_id"), field="eventId")
        document = settings_of(event)
        for name, (field, limit) in TEXT_FIELDS.items():
            if name in obj_data and obj_data[name] is not None:
                setattr(document, name, v.clean_text(obj_data[name], field=field, max_length=limit))
        rule = obj_data.get("certificate_rule")
        if rule is not None:
            if rule not in CertificateRule.values:
                raise MeetingError(Problems.INVALID_CHOICE, field="certificateRule", value=str(rule)[:32])
            document.certificate_rule = rule
        days = obj_data.get("certificate_min_days")
        if days is not None:
            if not isinstance(days, int) or not 1 <= days <= 366:
                raise MeetingError(Problems.TOO_LARGE, field="certificateMinDays", max=366)
            document.certificate_min_days = days
        percent = obj_data.get("certificate_min_session_percent")
        if percent is not None:
            if not isinstance(percent, int) or not 1 <= percent <= 100:
                raise MeetingError(DocumentProblems.INVALID_PERCENT, field="certificateMinSessionPercent")
            document.certificate_min_session_percent = percent
        document.save()
        return document
