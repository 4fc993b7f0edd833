"""The only reader of the module's rights configuration: who may do what."""

from enum import Enum

from .apps import MeetingConfig
from .errors import MeetingPermissionDenied, Problems


class Action(str, Enum):
    """An action a caller asks for, named by the configuration key that lists the rights allowing it."""

    SEARCH_EVENTS = "gql_query_meeting_events_perms"
    CREATE_EVENTS = "gql_mutation_create_meeting_events_perms"
    UPDATE_EVENTS = "gql_mutation_update_meeting_events_perms"
    DELETE_EVENTS = "gql_mutation_delete_meeting_events_perms"


def rights_for(action: Action) -> list[str]:
    """The right codes that allow an action, as the instance configures them."""
    return [str(code) for code in MeetingConfig.config.get(action.value) or []]


def can(user, action: Action) -> bool:
    """Whether a user holds one of the rights for an action; an empty rights list allows nobody."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    rights = rights_for(action)
    # core's has_perms([]) is True: an empty or missing list must not mean open access.
    return bool(rights) and user.has_perms(rights)


def require(user, action: Action) -> None:
    """Raise MeetingPermissionDenied unless the user may perform the action."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise MeetingPermissionDenied(Problems.AUTHENTICATION_REQUIRED)
    if not can(user, action):
        raise MeetingPermissionDenied(Problems.PERMISSION_DENIED)
