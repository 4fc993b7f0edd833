"""The only reader of the module's rights configuration: who may do what."""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from .apps import MeetingConfig
from .errors import MeetingPermissionDenied, Problems


class Action(str, Enum):
    """An action a caller asks for, named by the configuration key that lists the rights allowing it."""

    SEARCH_EVENTS = "gql_query_meeting_events_perms"
    CREATE_EVENTS = "gql_mutation_create_meeting_events_perms"
    UPDATE_EVENTS = "gql_mutation_update_meeting_events_perms"
    DELETE_EVENTS = "gql_mutation_delete_meeting_events_perms"
    SEARCH_ORGANISATIONS = "gql_query_meeting_organisations_perms"
    CREATE_ORGANISATIONS = "gql_mutation_create_meeting_organisations_perms"
    UPDATE_ORGANISATIONS = "gql_mutation_update_meeting_organisations_perms"
    DELETE_ORGANISATIONS = "gql_mutation_delete_meeting_organisations_perms"
    SEARCH_PARTICIPANTS = "gql_query_meeting_participants_perms"
    REGISTER_PARTICIPANTS = "gql_mutation_create_meeting_participants_perms"
    UPDATE_PARTICIPANTS = "gql_mutation_update_meeting_participants_perms"
    DELETE_PARTICIPANTS = "gql_mutation_delete_meeting_participants_perms"
    CHECK_IN_PARTICIPANTS = "gql_mutation_check_in_meeting_participants_perms"
    VIEW_PERSONAL_DATA = "gql_query_meeting_participants_personal_data_perms"
    DECIDE_PARTICIPANTS = "gql_mutation_approve_meeting_participants_perms"
    ERASE_PARTICIPANTS = "gql_mutation_erase_meeting_participants_perms"
    PRINT_BADGES = "gql_query_meeting_badges_perms"
    ISSUE_CERTIFICATES = "gql_mutation_issue_meeting_certificates_perms"
    REQUEST_VISA_LETTERS = "gql_mutation_request_meeting_visa_letters_perms"
    DECIDE_VISA_LETTERS = "gql_mutation_decide_meeting_visa_letters_perms"
    SEE_PUBLISHED_PARTICIPANTS = "gql_query_meeting_published_participants_perms"
    SEARCH_SHOWCASES = "gql_query_meeting_showcases_perms"
    CREATE_SHOWCASES = "gql_mutation_create_meeting_showcases_perms"
    UPDATE_SHOWCASES = "gql_mutation_update_meeting_showcases_perms"
    DELETE_SHOWCASES = "gql_mutation_delete_meeting_showcases_perms"
    REVIEW_SHOWCASES = "gql_mutation_review_meeting_showcases_perms"
    DECIDE_SHOWCASES = "gql_mutation_decide_meeting_showcases_perms"
    MANAGE_CATALOGUE = "gql_mutation_manage_meeting_catalogue_perms"
    SEARCH_SESSIONS = "gql_query_meeting_sessions_perms"
    MANAGE_AGENDA = "gql_mutation_manage_meeting_sessions_perms"
    SEARCH_MESSAGES = "gql_query_meeting_messages_perms"
    RESEND_MESSAGES = "gql_mutation_resend_meeting_messages_perms"
    SEND_ANNOUNCEMENTS = "gql_mutation_send_meeting_announcements_perms"


@dataclass(frozen=True)
class ByArgument:
    """The rights of a field that reads different things by one argument's value (meetingHistory's `entity`)."""

    argument: str  # the GraphQL argument's name, e.g. "entity"
    actions: Mapping[str, Action]  # the argument's value as the resolver receives it -> the action it needs


# The actor of the public pages' writes (services.base.public_method): a core user with no openIMIS account behind it
# (no interactive, technical, officer or claim-administrator record), so it cannot log in, and it holds no right.
PUBLIC_ACTOR_USERNAME = "meeting-public"


def public_actor():
    """The one user the public pages act as (created on first use); history rows name it as the author."""
    from core.models import User
    from django.db import IntegrityError, transaction

    # Not get_or_create: core's UserManager overrides it to provision interactive users from credentials.
    actor = User.objects.filter(username=PUBLIC_ACTOR_USERNAME).first()
    if actor is None:
        try:
            with transaction.atomic():
                actor = User.objects.create(username=PUBLIC_ACTOR_USERNAME)
        except IntegrityError:  # created at the same moment by another request
            actor = User.objects.get(username=PUBLIC_ACTOR_USERNAME)
    return actor


def is_public_actor(user) -> bool:
    """Whether `user` is the public pages' actor, and not an openIMIS account that happens to bear its name."""
    return getattr(user, "username", None) == PUBLIC_ACTOR_USERNAME and getattr(user, "_u", True) is None


def rights_for(action: Action) -> list[str]:
    """The right codes that allow an action, as the instance configures them."""
    return [str(code) for code in MeetingConfig.config.get(action.value) or []]


def can(user, action: Action) -> bool:
    """Whether a user holds one of the rights for an action; an empty rights list allows nobody."""
    if user is None or not getattr(user, "is_authenticated", False) or is_public_actor(user):
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


def guarded(action: Action):
    """Declare the right a read needs: the decorated function (called with `user=`) refuses callers without it before
    it runs, and carries the action as `function.action`, from which rights.py lists what guards each field."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, user, **kwargs):
            require(user, action)
            return function(*args, user=user, **kwargs)

        wrapper.action = action
        return wrapper

    return decorate
