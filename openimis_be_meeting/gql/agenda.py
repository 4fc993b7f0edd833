"""GraphQL for the agenda: sessions, and the mutations that keep them."""

import graphene
from core.schema import OpenIMISMutation
from core.utils import ExtendedConnection

from ..models import Session, SessionMutation, SessionType
from ..selectors import lists
from ..selectors.filters import SessionFilter
from ..services import SessionService
from ..timeutils import from_storage, zone_or_none
from .base.content import as_written_in_english, in_caller_language
from .base.mutation import INSTANT, MeetingMutation
from .base.rights import GuardedObjectType
from .enums import enum_of
from .events import MeetingEventGQLType
from .participants import MeetingProgrammePersonGQLType
from .showcases.types import MeetingShowcaseGQLType

MeetingSessionTypeEnum = enum_of("MeetingSessionTypeEnum", SessionType)


class MeetingSessionGQLType(GuardedObjectType):
    """An agenda item; its times are given in the event's time zone."""

    reader = staticmethod(lists.sessions_for)

    uuid = graphene.String()
    event = graphene.Field(MeetingEventGQLType)
    title = in_caller_language("title", "title")
    title_en = as_written_in_english("title", "title")
    description = in_caller_language("description", "description")
    description_en = as_written_in_english("description", "description")
    session_type = graphene.Field(MeetingSessionTypeEnum)
    starts_at = graphene.DateTime()
    ends_at = graphene.DateTime()
    languages = graphene.List(graphene.String, description="ISO 639-1 codes of the languages spoken.")
    interpretation = graphene.List(graphene.String, description="ISO 639-1 codes interpreted into.")
    speakers = graphene.List(MeetingProgrammePersonGQLType)
    chairs = graphene.List(MeetingProgrammePersonGQLType)
    showcases = graphene.List(MeetingShowcaseGQLType)

    class Meta:
        model = Session
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
            "title",
            "title_fr",
            "description",
            "description_fr",
            "room",
            "capacity",
            "version",
            "date_created",
            "date_updated",
        )
        filterset_class = SessionFilter
        connection_class = ExtendedConnection
        convert_choices_to_enum = False

    def resolve_uuid(session, info):
        return str(session.id)

    def resolve_starts_at(session, info):
        return from_storage(session.starts_at, zone_or_none(session.event.timezone))

    def resolve_ends_at(session, info):
        return from_storage(session.ends_at, zone_or_none(session.event.timezone))

    def resolve_speakers(session, info):
        return lists.programme_people(session.speakers.all())

    def resolve_chairs(session, info):
        return lists.programme_people(session.chairs.all())

    def resolve_showcases(session, info):
        return lists.session_showcases(user=info.context.user, session=session)


class SessionFields:
    title = graphene.String(description="The title in English, or the only one written.")
    title_fr = graphene.String(description="The title in French.")
    session_type = MeetingSessionTypeEnum()
    description = graphene.String(description="The description in English, or the only one written.")
    description_fr = graphene.String(description="The description in French.")
    starts_at = graphene.String(description=INSTANT)
    ends_at = graphene.String(description=INSTANT)
    room = graphene.String()
    languages = graphene.List(graphene.String, description="ISO 639-1 codes, e.g. en, fr.")
    interpretation = graphene.List(graphene.String, description="ISO 639-1 codes interpreted into.")
    capacity = graphene.Int(description="Seats; null for no limit.")
    speaker_ids = graphene.List(graphene.String, description="Participants of the event; replaces the list.")
    chair_ids = graphene.List(graphene.String, description="Participants of the event; replaces the list.")
    showcase_ids = graphene.List(graphene.String, description="Showcases of the event; replaces the list.")


class CreateMeetingSessionMutation(MeetingMutation):
    """Add a session to an event's agenda."""

    _mutation_class = "CreateMeetingSessionMutation"
    service_class, service_method = SessionService, "create"
    link_model, link_field = SessionMutation, "session"

    class Input(SessionFields, OpenIMISMutation.Input):
        event_id = graphene.String(description="UUID of the event.")


class UpdateMeetingSessionMutation(MeetingMutation):
    _mutation_class = "UpdateMeetingSessionMutation"
    service_class, service_method = SessionService, "update"
    link_model, link_field = SessionMutation, "session"

    class Input(SessionFields, OpenIMISMutation.Input):
        id = graphene.String(description="UUID of the session.")


class DeleteMeetingSessionMutation(MeetingMutation):
    _mutation_class = "DeleteMeetingSessionMutation"
    service_class, service_method = SessionService, "delete"

    class Input(OpenIMISMutation.Input):
        ids = graphene.List(graphene.String, description="UUIDs; all of them are deleted, or none.")
