"""Look-ups of other openIMIS modules' objects that several services refer to."""

from location.models import Location

from .. import validation as v
from ..errors import MeetingError, Problems


def openimis_location(location_id, *, field: str = "locationId") -> Location | None:
    """The valid openIMIS location with that UUID, None for an empty id, or a refusal."""
    if location_id in (None, ""):
        return None
    uuid = v.clean_uuid(location_id, field=field)
    location = Location.objects.filter(uuid__iexact=str(uuid), validity_to__isnull=True).first()
    if location is None:
        raise MeetingError(Problems.EVENT_LOCATION_NOT_FOUND, field=field, value=str(uuid))
    return location
