"""GraphQL of the documents: an event's document settings, certificates of attendance (one, all, revoke)."""

import graphene
from core.schema import OpenIMISMutation

from ..documents.certificates import CertificateService
from ..documents.settings_service import DocumentSettingsService
from .base.mutation import MeetingMutation


class MeetingCertificateRuleEnum(graphene.Enum):
    DAYS = "DAYS"
    SESSION_SHARE = "SESSION_SHARE"


class UpdateMeetingDocumentSettingsMutation(MeetingMutation):
    """Set an event's certificate rule, signatory, letterhead and letter number prefix (those given)."""

    _mutation_class = "UpdateMeetingDocumentSettingsMutation"
    service_class, service_method = DocumentSettingsService, "update"

    class Input(OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")
        certificate_rule = MeetingCertificateRuleEnum()
        certificate_min_days = graphene.Int(description="Days a certificate needs (rule DAYS).")
        certificate_min_session_percent = graphene.Int(description="Share of sessions, 1-100 (rule SESSION_SHARE).")
        signatory_name = graphene.String()
        signatory_title = graphene.String()
        letterhead = graphene.String(description="The organiser's name and address, one line each.")
        letter_prefix = graphene.String(description="Letter numbers begin with it, e.g. OIM-CM-YDE.")


class IssueMeetingCertificateMutation(MeetingMutation):
    """Issue a participant's certificate of attendance (or keep the valid one) if their attendance meets the
    event's rule."""

    _mutation_class = "IssueMeetingCertificateMutation"
    service_class, service_method = CertificateService, "issue"

    class Input(OpenIMISMutation.Input):
        participant_id = graphene.String(description="UUID of the participant.")
        language = graphene.String(
            description="For a participant without an openIMIS account; the instance's own " "language when not given."
        )


class IssueMeetingCertificatesMutation(MeetingMutation):
    """Issue, once the event is completed, a certificate to everyone whose attendance meets the rule, and mail it."""

    _mutation_class = "IssueMeetingCertificatesMutation"
    service_class, service_method = CertificateService, "issue_all"

    class Input(OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")


class RevokeMeetingCertificateMutation(MeetingMutation):
    """Revoke a participant's certificate; the verification page then says so."""

    _mutation_class = "RevokeMeetingCertificateMutation"
    service_class, service_method = CertificateService, "revoke"

    class Input(OpenIMISMutation.Input):
        participant_id = graphene.String(description="UUID of the participant.")
        reason = graphene.String()
