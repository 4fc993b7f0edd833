"""Instants as the admin shows them: in the time zone of the row's event, with the zone named."""

from django.contrib import admin

from ..timeutils import from_storage, zone_or_none


def event_zone(obj):
    """The ZoneInfo of the row's event (the row itself for an event), or None."""
    event = obj if hasattr(obj, "timezone") else getattr(obj, "event", None)
    return zone_or_none(event.timezone) if event is not None else None


def shown(value, zone) -> str | None:
    """A stored instant as "2026-12-01 09:00 Africa/Douala" (UTC without a zone); None for no value."""
    if value is None:
        return None
    return f"{from_storage(value, zone):%Y-%m-%d %H:%M} {zone.key if zone else 'UTC'}"


def local_time(field: str, label, *, in_event_zone: bool = True):
    """A ModelAdmin display (list column or read-only form line) of a stored instant, in the event's zone or UTC."""

    @admin.display(description=label, ordering=field)
    def show(model_admin, obj):
        return shown(getattr(obj, field), event_zone(obj) if in_event_zone else None)

    show.__name__ = f"local_{field}"
    return show
