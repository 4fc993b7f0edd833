import graphene
from core.utils import ExtendedConnection
from graphene_django import DjangoObjectType
from location.gql_queries import LocationGQLType

from . import selectors
from .filters import EventFilter
from .models import Event, EventStatus, EventType, ParticipationMode
from .timeutils import from_storage, zone_or_none


def enum_of(name: str, choices) -> type[graphene.Enum]:
    """A GraphQL enum whose values are the upper-case codes of a TextChoices."""
    return graphene.Enum(name, [(value, value) for value in choices.values])


MeetingEventTypeEnum = enum_of("MeetingEventTypeEnum", EventType)
MeetingEventStatusEnum = enum_of("MeetingEventStatusEnum", EventStatus)
MeetingParticipationModeEnum = enum_of("MeetingParticipationModeEnum", ParticipationMode)


def _in_event_zone(field_name: str):
    def resolve(event, info):
        return from_storage(getattr(event, field_name), zone_or_none(event.timezone))

    return resolve


class MeetingEventGQLType(DjangoObjectType):
    """An event; its instants are given with the offset of the event's own time zone."""

    uuid = graphene.String()
    event_type = graphene.Field(MeetingEventTypeEnum)
    status = graphene.Field(MeetingEventStatusEnum)
    participation_mode = graphene.Field(MeetingParticipationModeEnum)
    starts_at = graphene.DateTime(resolver=_in_event_zone("starts_at"))
    ends_at = graphene.DateTime(resolver=_in_event_zone("ends_at"))
    registration_opens_at = graphene.DateTime(resolver=_in_event_zone("registration_opens_at"))
    registration_closes_at = graphene.DateTime(resolver=_in_event_zone("registration_closes_at"))
    location = graphene.Field(LocationGQLType)

    class Meta:
        model = Event
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "code",
            "name",
            "description",
            "timezone",
            "venue",
            "city",
            "country",
            "online_url",
            "capacity",
            "requires_approval",
            "organisers",
            "version",
            "date_created",
            "date_updated",
        )
        filterset_class = EventFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(event, info):
        return str(event.id)

    @classmethod
    def get_queryset(cls, queryset, info):
        return selectors.events_for(user=info.context.user, queryset=queryset)
