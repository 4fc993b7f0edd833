"""GraphQL of the documents: an event's document settings, certificates of attendance (one, all, revoke), visa
invitation letters (the list, request, approve, refuse)."""

import django_filters
import graphene
from core.schema import OpenIMISMutation
from core.utils import ExtendedConnection

from ..documents import letters, rules
from ..documents import urls as document_urls
from ..documents.certificates import CertificateService
from ..documents.letters import VisaLetterService
from ..documents.settings_service import DocumentSettingsService
from ..models import VisaLetter
from ..permissions import Action, can
from ..timeutils import from_storage
from .base.mutation import MeetingMutation
from .base.rights import GuardedObjectType
from .participants import MeetingParticipantGQLType


class MeetingCertificateRuleEnum(graphene.Enum):
    DAYS = "DAYS"
    SESSION_SHARE = "SESSION_SHARE"


class MeetingVisaLetterStatusEnum(graphene.Enum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"


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


class VisaLetterFilter(django_filters.FilterSet):
    event_id = django_filters.UUIDFilter(field_name="participant__event_id")
    participant_id = django_filters.UUIDFilter(field_name="participant_id")

    class Meta:
        model = VisaLetter
        fields = {"status": ["exact"], "number": ["exact"]}


def _visa_data(field_name: str):
    """The passport detail for holders of the personal-data right; null for anyone else."""
    if field_name not in letters.PERSONAL_FIELDS:
        raise ValueError(field_name)

    def resolve(letter, info):
        if not can(info.context.user, Action.VIEW_PERSONAL_DATA):
            return None
        return getattr(letter, field_name) or None

    return resolve


class MeetingVisaLetterGQLType(GuardedObjectType):
    """A visa invitation letter asked for; the passport details need the personal-data right (216006)."""

    reader = staticmethod(rules.visa_letters_for)

    uuid = graphene.String()
    participant = graphene.Field(MeetingParticipantGQLType)
    status = graphene.Field(MeetingVisaLetterStatusEnum)
    passport_number = graphene.String(resolver=_visa_data("passport_number"))
    nationality = graphene.String(resolver=_visa_data("nationality"))
    date_of_birth = graphene.Date(resolver=_visa_data("date_of_birth"))
    passport_expiry = graphene.Date(resolver=_visa_data("passport_expiry"))
    requested_at = graphene.DateTime(resolver=lambda letter, info: from_storage(letter.requested_at))
    decided_at = graphene.DateTime(resolver=lambda letter, info: from_storage(letter.decided_at))
    pdf_url = graphene.String(
        description="Address of the approved letter's PDF, for holders of the personal-data right."
    )

    class Meta:
        model = VisaLetter
        interfaces = (graphene.relay.Node,)
        fields = ("id", "number", "refusal_reason", "personal_data_erased_at")
        filterset_class = VisaLetterFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(letter, info):
        return str(letter.id)

    def resolve_pdf_url(letter, info):
        return document_urls.letter_url(letter, user=info.context.user)


class _VisaData:
    passport_number = graphene.String()
    nationality = graphene.String(description="ISO 3166-1 alpha-2 code.")
    date_of_birth = graphene.String(description="YYYY-MM-DD.")
    passport_expiry = graphene.String(description="YYYY-MM-DD; on or after the event's last day.")


class RequestMeetingVisaLetterMutation(MeetingMutation):
    """Ask, on a confirmed participant's behalf, for a visa invitation letter."""

    _mutation_class = "RequestMeetingVisaLetterMutation"
    service_class, service_method = VisaLetterService, "request"

    class Input(_VisaData, OpenIMISMutation.Input):
        participant_id = graphene.String(description="UUID of the participant.")


class ApproveMeetingVisaLetterMutation(MeetingMutation):
    """Approve a requested letter: it gets the next number of its event and year."""

    _mutation_class = "ApproveMeetingVisaLetterMutation"
    service_class, service_method = VisaLetterService, "approve"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the letter.")


class RefuseMeetingVisaLetterMutation(MeetingMutation):
    """Refuse a requested letter, saying why."""

    _mutation_class = "RefuseMeetingVisaLetterMutation"
    service_class, service_method = VisaLetterService, "refuse"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the letter.")
        reason = graphene.String()
