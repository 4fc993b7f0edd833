"""Small rule functions: each checks one thing and raises MeetingError naming the problem and the field."""

import re
from datetime import date, datetime
from uuid import UUID

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.dateparse import parse_datetime
from graphql_relay import from_global_id

from .errors import MeetingError, Problems
from .timeutils import zone_or_none

# Characters no text field takes: control characters other than tab and line breaks (PostgreSQL refuses NUL
# outright, spreadsheets and XML refuse the rest) and lone UTF-16 surrogates, which cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def clean_text(value, *, field: str, max_length: int, required: bool = False) -> str:
    """Text stripped of surrounding blanks, refused when required and empty, longer than max_length, or holding a
    character that cannot be stored."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise MeetingError(Problems.REQUIRED, field=field)
    if _UNSTORABLE.search(value):
        raise MeetingError(Problems.INVALID_CHARACTERS, field=field)
    value = value.strip()
    if required and not value:
        raise MeetingError(Problems.REQUIRED, field=field)
    if len(value) > max_length:
        raise MeetingError(Problems.TOO_LONG, field=field, max=max_length)
    return value


def clean_choice(value, *, field: str, choices, required: bool = True) -> str:
    """One of the choices' values; an empty optional choice becomes None."""
    if value in (None, ""):
        if required:
            raise MeetingError(Problems.REQUIRED, field=field)
        return None
    if value not in choices.values:
        raise MeetingError(Problems.INVALID_CHOICE, field=field, value=value)
    return value


def clean_uuid(value, *, field: str) -> UUID:
    """A UUID from its text form, or from a relay global id wrapping one."""
    if isinstance(value, UUID):
        return value
    text = str(value)[:200] if value is not None else ""
    for candidate in (text, _relay_id(text)):
        try:
            return UUID(candidate)
        except (TypeError, ValueError, AttributeError):
            continue
    raise MeetingError(Problems.INVALID_ID, field=field, value=text[:64])


def _relay_id(text: str) -> str:
    try:
        return from_global_id(text)[1]
    except Exception:  # any undecodable text is simply not a global id
        return ""


def clean_timezone(value, *, field: str = "timezone"):
    """The IANA zone named by value."""
    if value in (None, ""):
        raise MeetingError(Problems.REQUIRED, field=field)
    zone = zone_or_none(value)
    if zone is None:
        raise MeetingError(Problems.UNKNOWN_TIMEZONE, field=field, value=str(value)[:64])
    return zone


def clean_country(value, *, field: str = "country") -> str:
    """An upper-case ISO 3166-1 alpha-2 code (of the 249 pycountry knows), or empty."""
    value = clean_text(value, field=field, max_length=64).upper()
    if value and (len(value) != 2 or pycountry.countries.get(alpha_2=value) is None):
        raise MeetingError(Problems.UNKNOWN_COUNTRY, field=field, value=value)
    return value


def clean_url(value, *, field: str, max_length: int) -> str:
    """An http(s) address, or empty."""
    value = clean_text(value, field=field, max_length=max_length)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise MeetingError(Problems.INVALID_URL, field=field, value=value[:100]) from None
    return value


# Instants outside these years are refused: they are typing errors, and near year 9999 they overflow on conversion.
_YEARS = range(1900, 3000)


def clean_datetime(value, *, field: str, zone, required: bool = False) -> datetime | None:
    """An instant from ISO 8601 text. Without an offset it is a wall-clock time in `zone`, refused when the clocks
    skip it or show it twice there (a daylight-saving change): then only an offset says which instant is meant."""
    if value in (None, ""):
        if required:
            raise MeetingError(Problems.REQUIRED, field=field)
        return None
    if isinstance(value, str):
        value = value.strip()
        try:
            # A date alone is refused: Python would read it as midnight, which is rarely what was meant. So is text
            # longer than any instant (cutting it could drop its offset) or with control characters (Python's parser
            # ignores a trailing NUL).
            readable = 10 < len(value) <= 64 and not _UNSTORABLE.search(value)
            value = parse_datetime(value) if readable else None
        except ValueError:  # well-formed but impossible, e.g. 2026-02-30
            value = None
    if not isinstance(value, datetime) or value.year not in _YEARS:
        raise MeetingError(Problems.INVALID_DATETIME, field=field)
    if value.tzinfo is None:
        first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
        if first.utcoffset() != second.utcoffset():
            raise MeetingError(Problems.LOCAL_TIME_AMBIGUOUS, field=field, zone=zone.key)
    return value


def clean_date(value, *, field: str) -> date | None:
    """A calendar day from ISO text (YYYY-MM-DD); None for no value."""
    if value in (None, ""):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):  # the admin's date field
        return value
    text = value.strip() if isinstance(value, str) else ""
    try:
        day = date.fromisoformat(text) if len(text) == 10 and not _UNSTORABLE.search(text) else None
    except ValueError:
        day = None
    if day is None or day.year not in _YEARS:
        raise MeetingError(Problems.INVALID_DATE, field=field)
    return day


def require_datetime(value, *, field: str) -> datetime:
    """A stored instant that must be there."""
    if not isinstance(value, datetime):
        raise MeetingError(Problems.REQUIRED, field=field)
    return value


def check_before(earlier: datetime | None, later: datetime | None, problem, *, field: str) -> None:
    """Refuse when both instants are known and `later` is not after `earlier`."""
    if earlier is not None and later is not None and later <= earlier:
        raise MeetingError(problem, field=field)


def clean_flag(value, *, field: str) -> bool:
    """A yes/no answer; null is refused rather than read as no."""
    if not isinstance(value, bool):
        raise MeetingError(Problems.REQUIRED, field=field)
    return value


MAX_CAPACITY = 1_000_000


def clean_capacity(value, *, field: str = "capacity") -> int | None:
    """A whole number of seats of at least 1, or None for no limit."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise MeetingError(Problems.EVENT_CAPACITY_INVALID, field=field)
    if value > MAX_CAPACITY:
        raise MeetingError(Problems.TOO_LARGE, field=field, max=MAX_CAPACITY)
    return value


def clean_ids(values, *, field: str, max_count: int) -> list[UUID]:
    """A non-empty, duplicate-free list of at most max_count UUIDs."""
    if not values:
        raise MeetingError(Problems.NO_IDS, field=field)
    if len(values) > max_count:
        raise MeetingError(Problems.TOO_MANY_IDS, field=field, max=max_count)
    return list(dict.fromkeys(clean_uuid(value, field=field) for value in values))


_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,32}$")


def clean_email(value, *, field: str = "email") -> str:
    """A lower-cased, stripped email address (the form uniqueness is checked on)."""
    value = clean_text(value, field=field, max_length=254, required=True).lower()
    try:
        EmailValidator()(value)
    except ValidationError:
        raise MeetingError(Problems.INVALID_EMAIL, field=field, value=value[:100]) from None
    return value


def clean_phone(value, *, field: str = "phone") -> str:
    """A phone number of digits with optional +, spaces, dashes and brackets, or empty."""
    value = clean_text(value, field=field, max_length=32)
    if value and not _PHONE.match(value):
        raise MeetingError(Problems.INVALID_PHONE, field=field, value=value)
    return value


def clean_codes(values, *, field: str, choices, max_count: int = 20) -> list[str]:
    """A duplicate-free list of choice codes, in the order given."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)) or len(values) > max_count:
        raise MeetingError(Problems.TOO_MANY_IDS, field=field, max=max_count)
    return list(dict.fromkeys(clean_choice(value, field=field, choices=choices) for value in values))


def clean_countries(values, *, field: str = "countries", max_count: int = 50) -> list[str]:
    """A duplicate-free list of ISO 3166-1 alpha-2 codes."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)) or len(values) > max_count:
        raise MeetingError(Problems.TOO_MANY_IDS, field=field, max=max_count)
    codes = [clean_country(value, field=field) for value in values]
    return list(dict.fromkeys(code for code in codes if code))


def clean_urls(values, *, field: str, max_count: int = 10) -> list[str]:
    """A duplicate-free list of http(s) addresses."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)) or len(values) > max_count:
        raise MeetingError(Problems.TOO_MANY_IDS, field=field, max=max_count)
    urls = [clean_url(value, field=field, max_length=500) for value in values]
    return list(dict.fromkeys(url for url in urls if url))


def clean_score(value, *, field: str) -> int:
    """A whole score from 1 to 5."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise MeetingError(Problems.SCORE_INVALID, field=field)
    return value


def clean_language(value, *, field: str = "language") -> str:
    """A language the instance offers (a code of settings.LANGUAGES), or empty for the instance's default."""
    from django.conf import settings

    if value in (None, ""):
        return ""
    if value not in {code for code, _name in settings.LANGUAGES}:
        raise MeetingError(Problems.INVALID_CHOICE, field=field, value=str(value)[:16])
    return value
