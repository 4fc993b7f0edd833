"""GraphQL of the change history: `meetingHistory(entity:, id:)`, read through openimis_be_meeting.history."""

import graphene

from ..permissions import ByArgument
from ..selectors import history
from ..timeutils import from_storage


class MeetingHistoryEntityEnum(graphene.Enum):
    EVENT = "event"
    PARTICIPANT = "participant"
    ORGANISATION = "organisation"
    SHOWCASE = "showcase"
    DIGITAL_SYSTEM = "digital_system"
    STANDARD = "standard"
    SESSION = "session"


class MeetingHistoryChangeEnum(graphene.Enum):
    CREATED = history.CREATED
    CHANGED = history.CHANGED
    DELETED = history.DELETED


class MeetingFieldChangeGQLType(graphene.ObjectType):
    field = graphene.String(description="The field's name in the model (snake_case), or a list's name.")
    label = graphene.String(description="The field's name in the user's language.")
    before = graphene.String(description="The value before, as text; null: no value, the first version, or masked.")
    after = graphene.String(description="The value after, as text; null: no value, or masked.")
    masked = graphene.Boolean(description="The field changed, but its values are not shown to this user.")


class MeetingHistoryEntryGQLType(graphene.ObjectType):
    version = graphene.Int(description="The row's version after the change; null for a check-in or a review.")
    changed_at = graphene.DateTime(description="When, in UTC.")
    changed_by = graphene.String(description="Username of the openIMIS user who made the change; empty if unknown.")
    change = graphene.Field(MeetingHistoryChangeEnum)
    reason = graphene.String(description="The reason stored with the change (an import names its file), or empty.")
    changes = graphene.List(MeetingFieldChangeGQLType)

    def resolve_changed_at(entry, info):
        return from_storage(entry.changed_at)


def meeting_history_field():
    return graphene.List(
        MeetingHistoryEntryGQLType,
        entity=MeetingHistoryEntityEnum(required=True),
        id=graphene.String(required=True, description="The row's UUID (a relay id is accepted too)."),
        description="Every change of one row, newest first: who, when, which fields from what to what.",
    )


def resolve_meeting_history(root, info, entity, id):
    return history.entity_history(info.context.user, entity, id)


# Each entity's history needs the right that lists that entity (history.ENTITIES); rights.py reads it from here.
resolve_meeting_history.action = ByArgument(
    "entity", {entity: spec.action for entity, spec in history.ENTITIES.items()}
)
