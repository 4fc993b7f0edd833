"""GraphQL of events and organisations: their types and mutations; each mutation names its service call and the
base class (gql/base/mutation.py) does the rest the openIMIS way."""

import graphene
from core.schema import OpenIMISMutation
from core.utils import ExtendedConnection
from location.gql_queries import LocationGQLType

from ..documents import urls as document_urls
from ..models import (
    Event,
    EventMutation,
    Organisation,
    OrganisationMutation,
)
from ..public import links as public_links
from ..selectors import lists
from ..selectors.filters import EventFilter, OrganisationFilter
from ..services import EventService, OrganisationService, retention
from ..timeutils import from_storage, zone_or_none
from .base.content import as_written_in_english, in_caller_language
from .base.mutation import INSTANT, MeetingMutation
from .base.rights import GuardedObjectType
from .enums import (
    MeetingEventStatusEnum,
    MeetingEventTypeEnum,
    MeetingOrganisationTypeEnum,
    MeetingParticipationModeEnum,
)


def _in_event_zone(field_name: str):
    def resolve(event, info):
        return from_storage(getattr(event, field_name), zone_or_none(event.timezone))

    return resolve


class MeetingEventGQLType(GuardedObjectType):
    """An event; its instants are given with the offset of the event's own time zone."""

    reader = staticmethod(lists.events_for)

    uuid = graphene.String()
    event_type = graphene.Field(MeetingEventTypeEnum)
    status = graphene.Field(MeetingEventStatusEnum)
    participation_mode = graphene.Field(MeetingParticipationModeEnum)
    starts_at = graphene.DateTime(resolver=_in_event_zone("starts_at"))
    ends_at = graphene.DateTime(resolver=_in_event_zone("ends_at"))
    registration_opens_at = graphene.DateTime(resolver=_in_event_zone("registration_opens_at"))
    registration_closes_at = graphene.DateTime(resolver=_in_event_zone("registration_closes_at"))
    location = graphene.Field(LocationGQLType)
    retention_date = graphene.Date(
        description="The last day its participants' personal data is kept (set on the event, or the configured "
        "number of days after its end); it is erased after that day."
    )
    name = in_caller_language("name", "name")
    name_en = as_written_in_english("name", "name")
    description = in_caller_language("description", "description")
    description_en = as_written_in_english("description", "description")
    waiting_list = graphene.Boolean(
        required=True,
        description="Whether people beyond capacity join a waiting list; false: a full event refuses them.",
        resolver=lambda event, info: not event.no_waiting_list,
    )
    public_registration = graphene.Boolean(description="Whether people register themselves on the public pages.")
    privacy_notice = graphene.String(description="The privacy notice in the caller's language (else the other).")
    privacy_notice_en = graphene.String()
    privacy_notice_fr = graphene.String()
    public_url = graphene.String(description="The event's public page (agenda, registration); null for a draft.")
    badges_url = graphene.String(
        description="Address of the PDF of the event's badges (A4 sheets; role, status, organisationId filters); "
        "null without the badge right."
    )

    class Meta:
        model = Event
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "code",
            "name",
            "name_fr",
            "description",
            "description_fr",
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

    def resolve_retention_date(event, info):
        return retention.retention_date(event)

    def resolve_privacy_notice(event, info):
        return public_links.privacy_notice(event)

    def resolve_public_url(event, info):
        return public_links.event_url(event, request=info.context)

    def resolve_badges_url(event, info):
        return document_urls.event_badges_url(event, user=info.context.user)


class MeetingOrganisationGQLType(GuardedObjectType):
    reader = staticmethod(lists.organisations_for)

    uuid = graphene.String()
    organisation_type = graphene.Field(MeetingOrganisationTypeEnum)

    class Meta:
        model = Organisation
        interfaces = (graphene.relay.Node,)
        fields = ("id", "name", "acronym", "country", "website", "version", "date_created", "date_updated")
        filterset_class = OrganisationFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(organisation, info):
        return str(organisation.id)


class EventFields:
    """The event fields a caller may set; all optional here, the service says what is required."""

    code = graphene.String()
    name = graphene.String(description="The name in English, or the only one written.")
    name_fr = graphene.String(description="The name in French.")
    description = graphene.String(description="The description in English, or the only one written.")
    description_fr = graphene.String(description="The description in French.")
    event_type = MeetingEventTypeEnum()
    starts_at = graphene.String(description=INSTANT)
    ends_at = graphene.String(description=INSTANT)
    timezone = graphene.String(description="IANA time zone, e.g. Africa/Douala.")
    venue = graphene.String()
    city = graphene.String()
    country = graphene.String(description="ISO 3166-1 alpha-2 code, e.g. CM.")
    location_id = graphene.String(description="UUID of an openIMIS location.")
    participation_mode = MeetingParticipationModeEnum()
    online_url = graphene.String()
    capacity = graphene.Int(description="Seats; null for no limit.")
    registration_opens_at = graphene.String(description=INSTANT)
    registration_closes_at = graphene.String(description=INSTANT)
    requires_approval = graphene.Boolean()
    waiting_list = graphene.Boolean(
        description="People beyond capacity join a waiting list (the default); false: a full event refuses them."
    )
    organisers = graphene.String()
    retention_date = graphene.String(
        description="YYYY-MM-DD: the last day participants' personal data is kept, not before the event's last day; "
        "empty for the default (retention_days_after_end). Also settable once the event is finished."
    )
    public_registration = graphene.Boolean(description="Let people register themselves on the public pages.")
    privacy_notice_en = graphene.String(description="The privacy notice people accept there, in English.")
    privacy_notice_fr = graphene.String(description="The same notice in French.")


class CreateMeetingEventMutation(MeetingMutation):
    """Create an event (status DRAFT)."""

    _mutation_class = "CreateMeetingEventMutation"
    service_class, service_method = EventService, "create"
    link_model, link_field = EventMutation, "event"

    class Input(EventFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingEventMutation(MeetingMutation):
    """Change the given fields of an event."""

    _mutation_class = "UpdateMeetingEventMutation"
    service_class, service_method = EventService, "update"
    link_model, link_field = EventMutation, "event"

    class Input(EventFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the event.")


class DeleteMeetingEventMutation(MeetingMutation):
    """Soft-delete events: all of the named ones, or none."""

    _mutation_class = "DeleteMeetingEventMutation"
    service_class, service_method = EventService, "delete"

    class Input(OpenIMISMutation.Input):
        ids = graphene.List(graphene.String, description="UUIDs of the events.")


class ChangeMeetingEventStatusMutation(MeetingMutation):
    """Move an event along its lifecycle."""

    _mutation_class = "ChangeMeetingEventStatusMutation"
    service_class, service_method = EventService, "change_status"
    link_model, link_field = EventMutation, "event"

    class Input(OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the event.")
        status = MeetingEventStatusEnum()


class OrganisationFields:
    name = graphene.String()
    acronym = graphene.String()
    organisation_type = MeetingOrganisationTypeEnum()
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    website = graphene.String()


class CreateMeetingOrganisationMutation(MeetingMutation):
    """Create an organisation."""

    _mutation_class = "CreateMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "create"
    link_model, link_field = OrganisationMutation, "organisation"

    class Input(OrganisationFields, OpenIMISMutation.Input):
        pass


class UpdateMeetingOrganisationMutation(MeetingMutation):
    """Change the given fields of an organisation."""

    _mutation_class = "UpdateMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "update"
    link_model, link_field = OrganisationMutation, "organisation"

    class Input(OrganisationFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the organisation.")


class DeleteMeetingOrganisationMutation(MeetingMutation):
    """Soft-delete organisations no active registration refers to: all of the named ones, or none."""

    _mutation_class = "DeleteMeetingOrganisationMutation"
    service_class, service_method = OrganisationService, "delete"

    class Input(OpenIMISMutation.Input):
        ids = graphene.List(graphene.String, description="UUIDs of the organisations.")
