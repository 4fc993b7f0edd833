"""Conversions between the instants callers send and see (time-zone aware) and what the database stores."""

from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings


def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name, or None when the name is empty or unknown."""
    if not name or not isinstance(name, str) or name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # Only IANA zone names: ZoneInfo (and available_timezones, reading the system's zoneinfo folder) also know
    # files such as "localtime", "posixrules" or "posix/..." that name no zone, or the machine's own.
    return frozenset(
        name for name in available_timezones() if name not in _NOT_ZONES and not name.startswith(("posix/", "right/"))
    )


_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def to_storage(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """UTC for the database (naive when USE_TZ is off); a naive input is a wall-clock time in `zone`."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    value = value.astimezone(timezone.utc)
    return value if settings.USE_TZ else value.replace(tzinfo=None)


def from_storage(value: datetime | None, zone: ZoneInfo | None = None) -> datetime | None:
    """A stored instant as an aware datetime in `zone` (UTC when no zone is given)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(zone or timezone.utc)


def now_for_storage() -> datetime:
    """The current instant in the database's convention."""
    return to_storage(datetime.now(timezone.utc), timezone.utc)
