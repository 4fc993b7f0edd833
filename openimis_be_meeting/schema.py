import graphene
from core.schema import OrderedDjangoFilterConnectionField

from . import gql_mutations as m
from . import selectors, statistics
from .gql_queries import (
    MeetingAttendanceGQLType,
    MeetingEventGQLType,
    MeetingOrganisationGQLType,
    MeetingParticipantGQLType,
    MeetingParticipantStatusEnum,
)
from .gql_reports import MeetingEventStatisticsGQLType, MeetingListedParticipantGQLType
from .models import Attendance, Event, Organisation, Participant

# The Celery worker finds each mutation as openimis_be_meeting.schema.<ClassName>.
CreateMeetingEventMutation = m.CreateMeetingEventMutation
UpdateMeetingEventMutation = m.UpdateMeetingEventMutation
DeleteMeetingEventMutation = m.DeleteMeetingEventMutation
ChangeMeetingEventStatusMutation = m.ChangeMeetingEventStatusMutation
CreateMeetingOrganisationMutation = m.CreateMeetingOrganisationMutation
UpdateMeetingOrganisationMutation = m.UpdateMeetingOrganisationMutation
DeleteMeetingOrganisationMutation = m.DeleteMeetingOrganisationMutation
RegisterMeetingParticipantMutation = m.RegisterMeetingParticipantMutation
UpdateMeetingParticipantMutation = m.UpdateMeetingParticipantMutation
ApproveMeetingParticipantMutation = m.ApproveMeetingParticipantMutation
RejectMeetingParticipantMutation = m.RejectMeetingParticipantMutation
CancelMeetingParticipantMutation = m.CancelMeetingParticipantMutation
WithdrawMeetingParticipantMutation = m.WithdrawMeetingParticipantMutation
DeleteMeetingParticipantMutation = m.DeleteMeetingParticipantMutation
CheckInMeetingParticipantMutation = m.CheckInMeetingParticipantMutation


class MeetingConnectionField(OrderedDjangoFilterConnectionField):
    """core's ordered list, with `id` as the last sort key so that pages never repeat or skip rows that tie."""

    @classmethod
    def resolve_queryset(cls, connection, iterable, info, args, filtering_args, filterset_class):
        queryset = super().resolve_queryset(connection, iterable, info, args, filtering_args, filterset_class)
        ordering = list(queryset.query.order_by)
        if ordering and not {"id", "-id", "pk", "-pk"} & set(map(str, ordering)):
            queryset = queryset.order_by(*ordering, "id")
        return queryset


def _list_field(gql_type, *, by_mutation: bool = True):
    extra = {"client_mutation_id": graphene.String()} if by_mutation else {}
    return MeetingConnectionField(gql_type, orderBy=graphene.List(graphene.String), **extra)


def _ordered(queryset, kwargs, allowed):
    # Rights are applied by each type's get_queryset, for these lists and for node(id:) alike.
    selectors.check_order(kwargs.get("orderBy"), allowed=allowed)
    return selectors.changed_by(queryset, client_mutation_id=kwargs.get("client_mutation_id"))


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
    meeting_published_participants = graphene.List(
        MeetingListedParticipantGQLType,
        event_id=graphene.String(required=True),
        description="Confirmed participants who agreed to be listed, with only the fields they agreed to show.",
    )

    def resolve_meeting_events(self, info, **kwargs):
        events = Event.objects.order_by("-starts_at", "code", "id")
        return _ordered(events, kwargs, selectors.EVENT_ORDER_FIELDS)

    def resolve_meeting_organisations(self, info, **kwargs):
        organisations = Organisation.objects.order_by("name", "id")
        return _ordered(organisations, kwargs, selectors.ORGANISATION_ORDER_FIELDS)

    def resolve_meeting_participants(self, info, **kwargs):
        participants = Participant.objects.select_related("event", "organisation").order_by("registered_at", "id")
        return _ordered(participants, kwargs, selectors.PARTICIPANT_ORDER_FIELDS)

    def resolve_meeting_attendances(self, info, **kwargs):
        attendances = Attendance.objects.select_related(
            "participant__event", "participant__organisation", "checked_in_by"
        )
        selectors.check_order(kwargs.get("orderBy"), allowed=selectors.ATTENDANCE_ORDER_FIELDS)
        return attendances.order_by("day", "checked_in_at", "id")

    def resolve_meeting_event_statistics(self, info, event_id, statuses=None):
        return statistics.event_statistics(user=info.context.user, event_id=event_id, statuses=statuses)

    def resolve_meeting_published_participants(self, info, event_id):
        return selectors.published_participants(user=info.context.user, event_id=event_id)


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


def bind_signals():
    """The module reacts to no other module's signals yet; the assembly calls this hook for every module."""
