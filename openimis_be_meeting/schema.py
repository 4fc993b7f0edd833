import graphene

from .gql import agenda as ag
from .gql import documents as gd
from .gql import events, participants
from .gql import history as gh
from .gql import mail as gm
from .gql import retention as gr
from .gql.base.connection import MeetingConnectionField, PagedListField
from .gql.base.rights import resolved_by
from .gql.enums import MeetingParticipantStatusEnum
from .gql.events import MeetingEventGQLType, MeetingOrganisationGQLType
from .gql.participants import MeetingAttendanceGQLType, MeetingParticipantGQLType
from .gql.reports import MeetingEventStatisticsGQLType, MeetingListedParticipantConnection
from .gql.showcases import mutations as sm
from .gql.showcases.types import (
    MeetingDigitalSystemGQLType,
    MeetingInteroperabilityMatrixGQLType,
    MeetingShowcaseGQLType,
    MeetingShowcaseStatusEnum,
    MeetingStandardGQLType,
    MeetingUseCaseEnum,
)
from .models import (
    Attendance,
    DigitalSystem,
    Event,
    Message,
    Organisation,
    Participant,
    Session,
    Showcase,
    Standard,
    VisaLetter,
)
from .selectors import lists, matrix, statistics
from .selectors import mail as mail_reads

# The Celery worker finds each mutation as openimis_be_meeting.schema.<ClassName>.
CreateMeetingEventMutation = events.CreateMeetingEventMutation
UpdateMeetingEventMutation = events.UpdateMeetingEventMutation
DeleteMeetingEventMutation = events.DeleteMeetingEventMutation
ChangeMeetingEventStatusMutation = events.ChangeMeetingEventStatusMutation
CreateMeetingOrganisationMutation = events.CreateMeetingOrganisationMutation
UpdateMeetingOrganisationMutation = events.UpdateMeetingOrganisationMutation
DeleteMeetingOrganisationMutation = events.DeleteMeetingOrganisationMutation
RegisterMeetingParticipantMutation = participants.RegisterMeetingParticipantMutation
UpdateMeetingParticipantMutation = participants.UpdateMeetingParticipantMutation
ApproveMeetingParticipantMutation = participants.ApproveMeetingParticipantMutation
RejectMeetingParticipantMutation = participants.RejectMeetingParticipantMutation
CancelMeetingParticipantMutation = participants.CancelMeetingParticipantMutation
WithdrawMeetingParticipantMutation = participants.WithdrawMeetingParticipantMutation
DeleteMeetingParticipantMutation = participants.DeleteMeetingParticipantMutation
CheckInMeetingParticipantMutation = participants.CheckInMeetingParticipantMutation
CreateMeetingSessionMutation = ag.CreateMeetingSessionMutation
UpdateMeetingSessionMutation = ag.UpdateMeetingSessionMutation
DeleteMeetingSessionMutation = ag.DeleteMeetingSessionMutation
CreateMeetingDigitalSystemMutation = sm.CreateMeetingDigitalSystemMutation
UpdateMeetingDigitalSystemMutation = sm.UpdateMeetingDigitalSystemMutation
DeleteMeetingDigitalSystemMutation = sm.DeleteMeetingDigitalSystemMutation
CreateMeetingStandardMutation = sm.CreateMeetingStandardMutation
UpdateMeetingStandardMutation = sm.UpdateMeetingStandardMutation
DeleteMeetingStandardMutation = sm.DeleteMeetingStandardMutation
CreateMeetingShowcaseMutation = sm.CreateMeetingShowcaseMutation
UpdateMeetingShowcaseMutation = sm.UpdateMeetingShowcaseMutation
DeleteMeetingShowcaseMutation = sm.DeleteMeetingShowcaseMutation
SubmitMeetingShowcaseMutation = sm.SubmitMeetingShowcaseMutation
WithdrawMeetingShowcaseMutation = sm.WithdrawMeetingShowcaseMutation
ReviewMeetingShowcaseMutation = sm.ReviewMeetingShowcaseMutation
DecideMeetingShowcaseMutation = sm.DecideMeetingShowcaseMutation
ScheduleMeetingShowcaseMutation = sm.ScheduleMeetingShowcaseMutation
MarkMeetingShowcasePresentedMutation = sm.MarkMeetingShowcasePresentedMutation
EraseMeetingParticipantMutation = gr.EraseMeetingParticipantMutation
ResendMeetingMessageMutation = gm.ResendMeetingMessageMutation
SendMeetingAnnouncementMutation = gm.SendMeetingAnnouncementMutation
SetMeetingEventMailSettingsMutation = gm.SetMeetingEventMailSettingsMutation


MESSAGE_ORDER_FIELDS = frozenset({"queuedAt", "sentAt", "status", "kind"})
UpdateMeetingDocumentSettingsMutation = gd.UpdateMeetingDocumentSettingsMutation
IssueMeetingCertificateMutation = gd.IssueMeetingCertificateMutation
IssueMeetingCertificatesMutation = gd.IssueMeetingCertificatesMutation
RevokeMeetingCertificateMutation = gd.RevokeMeetingCertificateMutation
RequestMeetingVisaLetterMutation = gd.RequestMeetingVisaLetterMutation
ApproveMeetingVisaLetterMutation = gd.ApproveMeetingVisaLetterMutation
RefuseMeetingVisaLetterMutation = gd.RefuseMeetingVisaLetterMutation


def _list_field(gql_type, *, by_mutation: bool = True):
    extra = {"client_mutation_id": graphene.String()} if by_mutation else {}
    return MeetingConnectionField(gql_type, orderBy=graphene.List(graphene.String), **extra)


def _ordered(queryset, kwargs, allowed):
    # Rights are applied by each type's get_queryset, for these lists and for node(id:) alike.
    lists.check_order(kwargs.get("orderBy"), allowed=allowed)
    return lists.changed_by(queryset, client_mutation_id=kwargs.get("client_mutation_id"))


class Query(graphene.ObjectType):
    meeting_events = _list_field(MeetingEventGQLType)
    meeting_organisations = _list_field(MeetingOrganisationGQLType)
    meeting_participants = _list_field(MeetingParticipantGQLType)
    meeting_attendances = _list_field(MeetingAttendanceGQLType, by_mutation=False)
    meeting_event_statistics = graphene.Field(
        MeetingEventStatisticsGQLType,
        event_id=graphene.String(required=True),
        statuses=graphene.List(
            MeetingParticipantStatusEnum, description="Registrations counted in the breakdowns; CONFIRMED if not given."
        ),
    )
    meeting_sessions = _list_field(ag.MeetingSessionGQLType)
    meeting_showcases = _list_field(MeetingShowcaseGQLType)
    meeting_digital_systems = _list_field(MeetingDigitalSystemGQLType)
    meeting_standards = _list_field(MeetingStandardGQLType)
    meeting_interoperability_matrix = graphene.Field(
        MeetingInteroperabilityMatrixGQLType,
        event_id=graphene.String(description="One event; all events when not given."),
        country=graphene.String(description="Showcases naming this country (ISO 3166-1 alpha-2)."),
        standard_id=graphene.String(),
        use_case=MeetingUseCaseEnum(),
        statuses=graphene.List(
            MeetingShowcaseStatusEnum, description="Showcases counted; ACCEPTED, SCHEDULED and PRESENTED if not given."
        ),
    )
    meeting_published_participants = PagedListField(
        MeetingListedParticipantConnection,
        event_id=graphene.String(required=True),
        description="Confirmed participants who agreed to be listed, with only the fields they agreed to show.",
    )
    meeting_history = gh.meeting_history_field()
    meeting_messages = _list_field(gm.MeetingMessageGQLType, by_mutation=False)
    meeting_announcement_preview = gm.announcement_preview_field()
    meeting_event_mail_settings = gm.event_mail_settings_field()
    meeting_visa_letters = _list_field(gd.MeetingVisaLetterGQLType, by_mutation=False)

    def resolve_meeting_events(self, info, **kwargs):
        events = Event.objects.for_reading().select_related("location").order_by("-starts_at", "code", "id")
        return _ordered(events, kwargs, lists.EVENT_ORDER_FIELDS)

    def resolve_meeting_organisations(self, info, **kwargs):
        organisations = Organisation.objects.for_reading().order_by("name", "id")
        return _ordered(organisations, kwargs, lists.ORGANISATION_ORDER_FIELDS)

    def resolve_meeting_participants(self, info, **kwargs):
        participants = (
            Participant.objects.for_reading().select_related("event", "organisation").order_by("registered_at", "id")
        )
        return _ordered(participants, kwargs, lists.PARTICIPANT_ORDER_FIELDS)

    def resolve_meeting_attendances(self, info, **kwargs):
        attendances = Attendance.objects.select_related(
            "participant__event", "participant__organisation", "checked_in_by"
        )
        lists.check_order(kwargs.get("orderBy"), allowed=lists.ATTENDANCE_ORDER_FIELDS)
        return attendances.order_by("day", "checked_in_at", "id")

    def resolve_meeting_sessions(self, info, **kwargs):
        sessions = (
            Session.objects.for_reading()
            .select_related("event")
            .prefetch_related("speakers__organisation", "chairs__organisation", "showcases__event")
            .order_by("starts_at", "room", "id")
        )
        return _ordered(sessions, kwargs, lists.SESSION_ORDER_FIELDS)

    def resolve_meeting_showcases(self, info, **kwargs):
        showcases = (
            Showcase.objects.for_reading()
            .select_related("event", "lead_organisation")
            .prefetch_related(
                "partner_organisations",
                "presenters__organisation",
                "reviews__reviewer",
                "integrations__source_system",
                "integrations__target_system",
                "integrations__standard",
            )
        )
        return _ordered(showcases.order_by("event__starts_at", "title", "id"), kwargs, lists.SHOWCASE_ORDER_FIELDS)

    def resolve_meeting_digital_systems(self, info, **kwargs):
        systems = DigitalSystem.objects.for_reading().select_related("owner").order_by("name", "id")
        return _ordered(systems, kwargs, lists.SYSTEM_ORDER_FIELDS)

    def resolve_meeting_visa_letters(self, info, **kwargs):
        letters = VisaLetter.objects.select_related("participant__event", "participant__organisation")
        lists.check_order(kwargs.get("orderBy"), allowed=frozenset({"requestedAt", "number", "status"}))
        return letters.order_by("requested_at", "id")

    def resolve_meeting_standards(self, info, **kwargs):
        return _ordered(Standard.objects.for_reading().order_by("code", "id"), kwargs, lists.STANDARD_ORDER_FIELDS)

    resolve_meeting_interoperability_matrix = resolved_by(matrix.interoperability_matrix)
    resolve_meeting_event_statistics = resolved_by(statistics.event_statistics)
    resolve_meeting_published_participants = resolved_by(lists.published_participants)

    resolve_meeting_history = gh.resolve_meeting_history

    def resolve_meeting_messages(self, info, **kwargs):
        messages = Message.objects.select_related("event", "participant__event", "participant__organisation")
        lists.check_order(kwargs.get("orderBy"), allowed=MESSAGE_ORDER_FIELDS)
        return messages.order_by("-queued_at", "id")

    resolve_meeting_announcement_preview = resolved_by(mail_reads.announcement_preview)
    resolve_meeting_event_mail_settings = resolved_by(mail_reads.event_mail_settings)


class Mutation(graphene.ObjectType):
    create_meeting_event = CreateMeetingEventMutation.Field()
    update_meeting_event = UpdateMeetingEventMutation.Field()
    delete_meeting_event = DeleteMeetingEventMutation.Field()
    change_meeting_event_status = ChangeMeetingEventStatusMutation.Field()
    create_meeting_organisation = CreateMeetingOrganisationMutation.Field()
    update_meeting_organisation = UpdateMeetingOrganisationMutation.Field()
    delete_meeting_organisation = DeleteMeetingOrganisationMutation.Field()
    register_meeting_participant = RegisterMeetingParticipantMutation.Field()
    update_meeting_participant = UpdateMeetingParticipantMutation.Field()
    approve_meeting_participant = ApproveMeetingParticipantMutation.Field()
    reject_meeting_participant = RejectMeetingParticipantMutation.Field()
    cancel_meeting_participant = CancelMeetingParticipantMutation.Field()
    withdraw_meeting_participant = WithdrawMeetingParticipantMutation.Field()
    delete_meeting_participant = DeleteMeetingParticipantMutation.Field()
    check_in_meeting_participant = CheckInMeetingParticipantMutation.Field()
    create_meeting_session = CreateMeetingSessionMutation.Field()
    update_meeting_session = UpdateMeetingSessionMutation.Field()
    delete_meeting_session = DeleteMeetingSessionMutation.Field()
    create_meeting_digital_system = CreateMeetingDigitalSystemMutation.Field()
    update_meeting_digital_system = UpdateMeetingDigitalSystemMutation.Field()
    delete_meeting_digital_system = DeleteMeetingDigitalSystemMutation.Field()
    create_meeting_standard = CreateMeetingStandardMutation.Field()
    update_meeting_standard = UpdateMeetingStandardMutation.Field()
    delete_meeting_standard = DeleteMeetingStandardMutation.Field()
    create_meeting_showcase = CreateMeetingShowcaseMutation.Field()
    update_meeting_showcase = UpdateMeetingShowcaseMutation.Field()
    delete_meeting_showcase = DeleteMeetingShowcaseMutation.Field()
    submit_meeting_showcase = SubmitMeetingShowcaseMutation.Field()
    withdraw_meeting_showcase = WithdrawMeetingShowcaseMutation.Field()
    review_meeting_showcase = ReviewMeetingShowcaseMutation.Field()
    decide_meeting_showcase = DecideMeetingShowcaseMutation.Field()
    schedule_meeting_showcase = ScheduleMeetingShowcaseMutation.Field()
    mark_meeting_showcase_presented = MarkMeetingShowcasePresentedMutation.Field()
    erase_meeting_participant = EraseMeetingParticipantMutation.Field()
    resend_meeting_message = ResendMeetingMessageMutation.Field()
    send_meeting_announcement = SendMeetingAnnouncementMutation.Field()
    set_meeting_event_mail_settings = SetMeetingEventMailSettingsMutation.Field()
    update_meeting_document_settings = UpdateMeetingDocumentSettingsMutation.Field()
    issue_meeting_certificate = IssueMeetingCertificateMutation.Field()
    issue_meeting_certificates = IssueMeetingCertificatesMutation.Field()
    revoke_meeting_certificate = RevokeMeetingCertificateMutation.Field()
    request_meeting_visa_letter = RequestMeetingVisaLetterMutation.Field()
    approve_meeting_visa_letter = ApproveMeetingVisaLetterMutation.Field()
    refuse_meeting_visa_letter = RefuseMeetingVisaLetterMutation.Field()


def bind_signals():
    """The module reacts to no other module's signals yet; the assembly calls this hook for every module."""
