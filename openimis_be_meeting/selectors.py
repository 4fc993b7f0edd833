"""Reads with their visibility rules, shared by GraphQL and REST."""

from django.db.models import QuerySet

from .errors import MeetingError, Problems
from .models import Event, Organisation, Participant
from .permissions import Action, require

# The API names a list of events may be ordered by (a leading "-" reverses).
EVENT_ORDER_FIELDS = frozenset(
    {"code", "name", "startsAt", "endsAt", "status", "eventType", "country", "city", "dateCreated", "dateUpdated"}
)


def events_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live events a user may see: all of them with the search right, otherwise a refusal."""
    require(user, Action.SEARCH_EVENTS)
    queryset = Event.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False)


ORGANISATION_ORDER_FIELDS = frozenset({"name", "acronym", "organisationType", "country", "dateCreated"})
PARTICIPANT_ORDER_FIELDS = frozenset(
    {"lastName", "firstName", "status", "role", "country", "waitlistPosition", "registeredAt", "statusChangedAt"}
)


def organisations_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live organisations, for holders of the organisation search right."""
    require(user, Action.SEARCH_ORGANISATIONS)
    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False)


def participants_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live registrations of live events, for holders of the participant search right."""
    require(user, Action.SEARCH_PARTICIPANTS)
    queryset = Participant.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False, event__is_deleted=False)


def changed_by(queryset: QuerySet, *, client_mutation_id: str | None) -> QuerySet:
    """Narrow to the rows a given mutation (by the frontend's clientMutationId) created or changed."""
    if not client_mutation_id:
        return queryset
    return queryset.filter(mutations__mutation__client_mutation_id=client_mutation_id).distinct()


def check_order(order_by, *, allowed: frozenset) -> None:
    """Refuse an orderBy naming anything but the allowed API fields."""
    for item in order_by or []:
        name = item[1:] if isinstance(item, str) and item.startswith(("-", "+")) else item
        if name not in allowed:
            raise MeetingError(Problems.UNKNOWN_ORDER, field="orderBy", value=str(item)[:64])
