"""Door codes of self check-in: a short code the staff show at the door (as a QR code on a screen), valid for one
day or one session of one event and changing every few minutes (DEFAULT_CFG "public_door_code_seconds"; the code
before the current one is still taken, so a code read just before it changes works)."""

import hashlib
import hmac
import time
from datetime import timedelta

from django.conf import settings

from ..apps import DEFAULT_CFG, MeetingConfig
from ..errors import MeetingError, Problems
from ..models import Event, Session
from ..timeutils import from_storage, now_for_storage, zone_or_none

# Sessions whose door is open: from this long before they start until they end.
DOORS_OPEN_BEFORE = timedelta(minutes=30)


def _period() -> int:
    key = "public_door_code_seconds"
    return max(int(MeetingConfig.config.get(key, DEFAULT_CFG[key])), 30)


def door_code(event: Event, *, session: Session | None = None, at: float | None = None) -> str:
    """The six digits shown at the door of the event's day (in its own time zone) or of one session, at `at`."""
    at = time.time() if at is None else at
    return _code(event, _scope(event, session), int(at // _period()))


def _scope(event: Event, session: Session | None) -> str:
    if session is not None:
        return f"session:{session.id}"
    return f"day:{from_storage(now_for_storage(), zone_or_none(event.timezone)).date().isoformat()}"


def _code(event: Event, scope: str, window: int) -> str:
    message = f"openimis_be_meeting.door|{event.id}|{scope}|{window}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def open_sessions(event: Event) -> list[Session]:
    """The event's sessions whose door is open now."""
    now = now_for_storage()
    return list(
        Session.objects.live()
        .filter(event=event, starts_at__lte=now + DOORS_OPEN_BEFORE, ends_at__gte=now)
        .order_by("starts_at", "id")
    )


def match_door_code(event: Event, code) -> Session | None:
    """The door a typed code opens: a session's (returned), or the day's (None); refused when it opens none."""
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    window = int(time.time() // _period())
    doors = [None, *open_sessions(event)]
    for door in doors:
        scope = _scope(event, door)
        if any(hmac.compare_digest(_code(event, scope, w), code) for w in (window, window - 1)) and len(code) == 6:
            return door
    raise MeetingError(Problems.DOOR_CODE_INVALID, field="code")
