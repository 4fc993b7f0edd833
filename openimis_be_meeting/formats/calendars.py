"""iCalendar (RFC 5545) documents, written by the icalendar library: it escapes TEXT values, folds lines at 75
octets with CRLF endings and builds each VTIMEZONE from the zone's own transitions. What is ours: the UIDs, the
module's PRODID, the removal of control characters and the rule for the second of two equal wall-clock times."""

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import icalendar
from icalendar.prop import vCategory, vText

PRODID = "-//openIMIS//openimis-be-meeting//EN"
UID_DOMAIN = "openimis-be-meeting"

# Control characters other than HTAB may not appear in a value (RFC 5545 §3.1); line breaks are kept (the library
# writes them as \n) and every other one is dropped, as a TEXT value cannot carry it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def uid(pk) -> str:
    """A globally unique, stable identifier for a row: re-importing a feed updates the entry instead of copying it."""
    return f"{pk}@{UID_DOMAIN}"


def clean_text(value) -> str:
    """A value as TEXT may carry it: line breaks as \\n (CR LF and CR too), other control characters dropped."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def in_utc(value: datetime) -> datetime:
    """An instant in UTC (written with a Z); a naive value is taken as UTC, as the module stores instants."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


_KINDS = {"VCALENDAR": icalendar.Calendar, "VEVENT": icalendar.Event, "VTIMEZONE": icalendar.Timezone}


class Component:
    """A thin wrapper of an icalendar component that leaves out empty values and cleans text before adding it."""

    def __init__(self, name_or_component):
        self.component = _KINDS[name_or_component]() if isinstance(name_or_component, str) else name_or_component

    def add(self, name: str, value, /, **params) -> "Component":
        """A property whose value icalendar types from the Python value (text, int, datetime, timedelta, ...)."""
        if isinstance(value, str):
            value = clean_text(value)  # typed by icalendar from the property's name (TEXT, URI, ...)
        parameters = {key.replace("_", "-").upper(): v for key, v in params.items() if v}
        self.component.add(name, value, parameters=parameters or None)
        return self

    def _add_typed(self, name: str, value) -> "Component":
        # Added as typed: icalendar 7 would otherwise retype an X- property as vUnknown, whose text is not escaped.
        self.component.add(name, value, encode=False)
        return self

    def add_text(self, name: str, value) -> "Component":
        """A TEXT property, left out when the value is empty."""
        if value not in (None, ""):
            self._add_typed(name, vText(clean_text(value)))
        return self

    def add_texts(self, name: str, values) -> "Component":
        """A multi-valued TEXT property (CATEGORIES, ...) on one line, values separated by commas; left out when
        empty."""
        values = [clean_text(value) for value in values if value not in (None, "")]
        if values:
            self._add_typed(name, vCategory(values))
        return self

    def add_instant(self, name: str, value: datetime, zone: ZoneInfo | None) -> "Component":
        """An instant as a local time with TZID when a zone is given, otherwise in UTC. A local time the clocks show
        twice (the hour repeated when daylight saving ends) means its first occurrence (§3.3.5), so an instant in
        the second one is written in UTC instead."""
        instant = in_utc(value)
        if zone is None:
            return self.add(name, instant)
        local = instant.astimezone(zone)
        if local.replace(fold=0).astimezone(timezone.utc) != instant:
            return self.add(name, instant)
        return self.add(name, local)

    def append(self, component: "Component") -> "Component":
        self.component.add_component(component.component)
        return component

    def to_ical(self) -> bytes:
        """The component as an iCalendar stream: UTF-8, CRLF line endings, long lines folded, properties in the
        order they were added."""
        return self.component.to_ical(sorted=False)


def calendar(name: str = "", zone: ZoneInfo | None = None) -> Component:
    """An empty VCALENDAR. Without METHOD, each DTSTAMP says when its component was last revised (§3.8.7.2)."""
    root = Component(icalendar.Calendar())
    root.add("VERSION", "2.0").add("PRODID", PRODID).add("CALSCALE", "GREGORIAN")
    if name:
        root.add_text("NAME", name)  # RFC 7986
        root.add_text("X-WR-CALNAME", name)  # the same, for the clients that only know this one
    if zone is not None:
        root.add_text("X-WR-TIMEZONE", zone.key)
    return root


def _local_year(value: datetime, zone: ZoneInfo) -> int:
    return in_utc(value).astimezone(zone).year


def vtimezone(zone: ZoneInfo, first: datetime, last: datetime) -> Component:
    """A VTIMEZONE for an IANA zone, valid from 1 January of `first`'s year to the end of `last`'s year (in the
    zone), built by icalendar from the zone's transitions. TZID is the IANA name, which calendar clients also
    recognise."""
    component = icalendar.Timezone.from_tzinfo(
        zone,
        tzid=zone.key,
        first_date=date(_local_year(first, zone), 1, 1),
        last_date=date(_local_year(last, zone) + 1, 1, 1),
    )
    component.add("X-LIC-LOCATION", zone.key)
    return Component(component)
