import graphene
from core.schema import OrderedDjangoFilterConnectionField

from . import selectors
from .gql_mutations import (
    ChangeMeetingEventStatusMutation,
    CreateMeetingEventMutation,
    DeleteMeetingEventMutation,
    UpdateMeetingEventMutation,
)
from .gql_queries import MeetingEventGQLType
from .models import Event

__all__ = [
    "ChangeMeetingEventStatusMutation",
    "CreateMeetingEventMutation",
    "DeleteMeetingEventMutation",
    "UpdateMeetingEventMutation",
    "Mutation",
    "Query",
    "bind_signals",
]


class Query(graphene.ObjectType):
    meeting_events = OrderedDjangoFilterConnectionField(
        MeetingEventGQLType,
        orderBy=graphene.List(graphene.String),
        client_mutation_id=graphene.String(),
    )

    def resolve_meeting_events(self, info, **kwargs):
        # Rights are applied by MeetingEventGQLType.get_queryset, for this list and for node(id:) alike.
        selectors.check_order(kwargs.get("orderBy"), allowed=selectors.EVENT_ORDER_FIELDS)
        events = Event.objects.order_by("-starts_at", "code", "id")
        return selectors.events_changed_by(events, client_mutation_id=kwargs.get("client_mutation_id"))


class Mutation(graphene.ObjectType):
    create_meeting_event = CreateMeetingEventMutation.Field()
    update_meeting_event = UpdateMeetingEventMutation.Field()
    delete_meeting_event = DeleteMeetingEventMutation.Field()
    change_meeting_event_status = ChangeMeetingEventStatusMutation.Field()


def bind_signals():
    """The module reacts to no other module's signals yet; the assembly calls this hook for every module."""
