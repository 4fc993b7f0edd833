"""The public summaries of an event and an organisation, which other types name: a participant's or a showcase's
event, a showcase's lead and partner organisations, a system's owner, the matrix's progress by event, a programme
person's organisation.

Every path to a type applies that type's right (gql/base/rights.py): the full event (onlineUrl, organisers, ...)
needs 215001 wherever it is reached, the full organisation (website, ...) 216001. A reader of participants,
showcases or the matrix still needs to know which event and organisation a row belongs to, so these fields give a
summary instead, with only what the event's public page and a printed programme show: no online link, no
organisers, no capacity or approval rule, no website."""

import graphene

from ..timeutils import from_storage, zone_or_none
from .enums import MeetingEventStatusEnum, MeetingOrganisationTypeEnum


class MeetingEventSummaryGQLType(graphene.ObjectType):
    """Which event a row belongs to: its code, name, status, dates (with the offset of its time zone) and place."""

    uuid = graphene.String()
    code = graphene.String()
    name = graphene.String(description="The name in the caller's language, else in the other one.")
    status = graphene.Field(MeetingEventStatusEnum)
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    timezone = graphene.String()
    city = graphene.String()
    country = graphene.String()

    def resolve_uuid(event, info):
        return str(event.id)

    def resolve_name(event, info):
        return event.local_name

    def resolve_starts_at(event, info):
        return from_storage(event.starts_at, zone_or_none(event.timezone))

    def resolve_ends_at(event, info):
        return from_storage(event.ends_at, zone_or_none(event.timezone))


class MeetingOrganisationSummaryGQLType(graphene.ObjectType):
    """Which organisation a row names: its name, acronym, type and country."""

    uuid = graphene.String()
    name = graphene.String()
    acronym = graphene.String()
    organisation_type = graphene.Field(MeetingOrganisationTypeEnum)
    country = graphene.String()

    def resolve_uuid(organisation, info):
        return str(organisation.id)
