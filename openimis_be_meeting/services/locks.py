"""Finding live rows for a write, locked in the one order every writer keeps: the event first, then the row that
belongs to it. Keeping to that order is what makes concurrent writes of one event queue instead of deadlock."""

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import Event


def live_row(model, row_id, *, field: str, problem, lock: bool = False):
    """The live row of `model` with that id (locked when asked), or `problem` naming the field."""
    uuid = v.clean_uuid(row_id, field=field)
    queryset = model.objects.select_for_update() if lock else model.objects
    row = queryset.live().filter(id=uuid).first()
    if row is None:
        raise MeetingError(problem, field=field, value=str(uuid))
    return row


def locked_event(event_id, *, field: str = "id") -> Event:
    """The live event with that id, locked for the rest of the transaction."""
    return live_row(Event, event_id, field=field, problem=Problems.EVENT_NOT_FOUND, lock=True)


def locked_in_event(model, *, not_found: MeetingError, **lookup):
    """The live row of `model` (a participant, showcase or session) matching `lookup`, and its live event, both
    locked, the event first; `not_found` is raised when either is missing."""
    event_id = model.objects.live().filter(**lookup).values_list("event_id", flat=True).first()
    event = Event.objects.select_for_update().live().filter(id=event_id).first() if event_id else None
    row = model.objects.select_for_update().live().filter(**lookup).first() if event else None
    if row is None:
        raise not_found
    return event, row
