"""Reads with their visibility rules, shared by GraphQL and REST."""

from django.db.models import QuerySet

from .errors import MeetingError, Problems
from .models import Event
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


def events_changed_by(queryset: QuerySet, *, client_mutation_id: str | None) -> QuerySet:
    """Narrow to the events a given mutation (by the frontend's clientMutationId) created or changed."""
    if not client_mutation_id:
        return queryset
    return queryset.filter(mutations__mutation__client_mutation_id=client_mutation_id).distinct()


def check_order(order_by, *, allowed: frozenset) -> None:
    """Refuse an orderBy naming anything but the allowed API fields."""
    for item in order_by or []:
        name = item[1:] if isinstance(item, str) and item.startswith(("-", "+")) else item
        if name not in allowed:
            raise MeetingError(Problems.UNKNOWN_ORDER, field="orderBy", value=str(item)[:64])
