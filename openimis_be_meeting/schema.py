import graphene
from core.schema import OrderedDjangoFilterConnectionField

from . import gql_mutations as m
from . import selectors
from .gql_queries import MeetingEventGQLType, MeetingOrganisationGQLType, MeetingParticipantGQLType
from .models import Event, Organisation, Participant

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


def _list_field(gql_type):
    return OrderedDjangoFilterConnectionField(
        gql_type, orderBy=graphene.List(graphene.String), client_mutation_id=graphene.String()
    )


def _ordered(queryset, kwargs, allowed):
    # Rights are applied by each type's get_queryset, for these lists and for node(id:) alike.
    selectors.check_order(kwargs.get("orderBy"), allowed=allowed)
    return selectors.changed_by(queryset, client_mutation_id=kwargs.get("client_mutation_id"))


class Query(graphene.ObjectType):
    meeting_events = _list_field(MeetingEventGQLType)
    meeting_organisations = _list_field(MeetingOrganisationGQLType)
    meeting_participants = _list_field(MeetingParticipantGQLType)

    def resolve_meeting_events(self, info, **kwargs):
        events = Event.objects.order_by("-starts_at", "code", "id")
        return _ordered(events, kwargs, selectors.EVENT_ORDER_FIELDS)

    def resolve_meeting_organisations(self, info, **kwargs):
        organisations = Organisation.objects.order_by("name", "id")
        return _ordered(organisations, kwargs, selectors.ORGANISATION_ORDER_FIELDS)

    def resolve_meeting_participants(self, info, **kwargs):
        participants = Participant.objects.select_related("event", "organisation").order_by("registered_at", "id")
        return _ordered(participants, kwargs, selectors.PARTICIPANT_ORDER_FIELDS)


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


def bind_signals():
    """The module reacts to no other module's signals yet; the assembly calls this hook for every module."""
