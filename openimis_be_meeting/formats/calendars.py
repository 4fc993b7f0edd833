"""A small iCalendar (RFC 5545) writer: content lines with CRLF endings, folded at 75 octets without splitting a
UTF-8 character, TEXT values escaped, date-times in UTC or in an IANA zone described by a VTIMEZONE built from the
zone's own transitions for the years the calendar covers."""

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

CRLF = "\r\n"
PRODID = "-//openIMIS//openimis-be-meeting//EN"
UID_DOMAIN = "openimis-be-meeting"
MAX_OCTETS = 75

# Control characters other than HTAB may not appear in a value (RFC 5545 §3.1); line breaks are escaped before.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# A parameter value with one of these must be quoted; DQUOTE cannot appear in it at all (§3.2).
_PARAM_QUOTE = re.compile(r"[:;,]")


def uid(pk) -> str:
    """A globally unique, stable identifier for a row: re-importing a feed updates the entry instead of copying it."""
    return f"{pk}@{UID_DOMAIN}"


def escape_text(value) -> str:
    """A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break written as \\n."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL.sub("", text)


def _param(value) -> str:
    text = _CONTROL.sub("", str(value)).replace('"', "")
    return f'"{text}"' if _PARAM_QUOTE.search(text) else text


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (§3.1): continuation lines begin with one space, and a
    multi-octet UTF-8 character is never cut in two."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    parts, start, limit = [], 0, MAX_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, MAX_OCTETS - 1  # the leading space counts
    return (CRLF + " ").join(parts)


def utc_stamp(value: datetime) -> str:
    """A DATE-TIME in UTC (form #2); a naive value is taken as UTC, as the module stores instants."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _local_stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def utc_offset(delta: timedelta) -> str:
    """A UTC-OFFSET value (§3.3.14): +HHMM, or +HHMMSS when there are seconds."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


class Component:
    """One calendar component (VCALENDAR, VEVENT, VTIMEZONE, ...): its properties in order, then its components."""

    def __init__(self, name: str):
        self.name = name
        self.properties: list[str] = []
        self.components: list[Component] = []

    def add(self, name: str, value: str, /, **params) -> "Component":
        """A property whose value is already in its iCalendar form (not escaped here)."""
        rendered = "".join(f";{key.replace('_', '-').upper()}={_param(v)}" for key, v in params.items() if v)
        self.properties.append(f"{name}{rendered}:{_CONTROL.sub('', value)}")
        return self

    def add_text(self, name: str, value, **params) -> "Component":
        """A TEXT property, left out when the value is empty."""
        if value not in (None, ""):
            self.add(name, escape_text(value), **params)
        return self

    def add_texts(self, name: str, values, **params) -> "Component":
        """A multi-valued TEXT property (CATEGORIES, ...), values separated by commas; left out when empty."""
        values = [escape_text(value) for value in values if value not in (None, "")]
        if values:
            self.add(name, ",".join(values), **params)
        return self

    def add_instant(self, name: str, value: datetime, zone: ZoneInfo | None) -> "Component":
        """An instant as a local time with TZID when a zone is given, otherwise in UTC. A local time the clocks show
        twice (the hour repeated when daylight saving ends) means its first occurrence (§3.3.5), so an instant in
        the second one is written in UTC instead."""
        instant = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        if zone is None:
            return self.add(name, utc_stamp(instant))
        local = instant.astimezone(zone)
        if local.replace(fold=0).astimezone(timezone.utc) != instant.astimezone(timezone.utc):
            return self.add(name, utc_stamp(instant))
        return self.add(name, _local_stamp(local), tzid=zone.key)

    def append(self, component: "Component") -> "Component":
        self.components.append(component)
        return component

    def lines(self) -> list[str]:
        lines = [f"BEGIN:{self.name}", *self.properties]
        for component in self.components:
            lines.extend(component.lines())
        lines.append(f"END:{self.name}")
        return lines

    def to_ical(self) -> bytes:
        """The component as an iCalendar stream: UTF-8, CRLF line endings, long lines folded."""
        return "".join(fold(line) + CRLF for line in self.lines()).encode("utf-8")


def calendar(name: str = "", zone: ZoneInfo | None = None) -> Component:
    """An empty VCALENDAR. Without METHOD, each DTSTAMP says when its component was last revised (§3.8.7.2)."""
    root = Component("VCALENDAR")
    root.add("VERSION", "2.0").add("PRODID", PRODID).add("CALSCALE", "GREGORIAN")
    if name:
        root.add_text("NAME", name)  # RFC 7986
        root.add_text("X-WR-CALNAME", name)  # the same, for the clients that only know this one
    if zone is not None:
        root.add_text("X-WR-TIMEZONE", zone.key)
    return root


def _state(instant: datetime, zone: ZoneInfo) -> tuple:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.dst() or timedelta(0), local.tzname()


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, tuple, tuple]]:
    """(instant in UTC, state before, state after) of each change of UTC offset, DST or abbreviation in
    [start, end), found by scanning day by day and bisecting to the second."""
    found, current, day = [], _state(start, zone), start
    while day < end:
        step = min(day + timedelta(days=1), end)
        if _state(step, zone) != current:
            low, high = int(day.timestamp()), int(step.timestamp())
            while high - low > 1:
                middle = (low + high) // 2
                if _state(datetime.fromtimestamp(middle, timezone.utc), zone) == current:
                    low = middle
                else:
                    high = middle
            instant = datetime.fromtimestamp(high, timezone.utc)
            after = _state(instant, zone)
            found.append((instant, current, after))
            current, day = after, instant
            continue
        day = step
    return found


def _observance(onset_local: datetime, before: tuple, after: tuple) -> Component:
    offset, dst, abbreviation = after
    observance = Component("DAYLIGHT" if dst else "STANDARD")
    observance.add("DTSTART", _local_stamp(onset_local))
    observance.add("TZOFFSETFROM", utc_offset(before[0]))
    observance.add("TZOFFSETTO", utc_offset(offset))
    observance.add_text("TZNAME", abbreviation)
    return observance


def vtimezone(zone: ZoneInfo, first: datetime, last: datetime) -> Component:
    """A VTIMEZONE for an IANA zone, valid from 1 January of `first`'s year to the end of `last`'s year (in the
    zone): the observance in force on 1 January, then one per transition, each DTSTART the local time of onset
    in the offset in force before it (§3.6.5). TZID is the IANA name, which calendar clients also recognise."""
    first_year = (first if first.tzinfo else first.replace(tzinfo=timezone.utc)).astimezone(zone).year
    last_year = (last if last.tzinfo else last.replace(tzinfo=timezone.utc)).astimezone(zone).year
    start = datetime(first_year, 1, 1, tzinfo=zone).astimezone(timezone.utc)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(timezone.utc)
    component = Component("VTIMEZONE")
    component.add_text("TZID", zone.key)
    component.add_text("X-LIC-LOCATION", zone.key)
    initial = _state(start, zone)
    component.append(_observance((start + initial[0]).replace(tzinfo=None), initial, initial))
    for instant, before, after in transitions(zone, start, end):
        component.append(_observance((instant + before[0]).replace(tzinfo=None), before, after))
    return component
