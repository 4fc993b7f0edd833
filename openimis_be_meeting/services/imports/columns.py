"""The columns an import file may have, and which column each header cell names."""

import re

from ...errors import MeetingError
from .report import ImportProblems

# The file's columns: name -> the API field errors name it by. Headers match without regard to case, spaces,
# underscores or hyphens, so "first_name", "First name" and "firstName" are the same column.
COLUMNS = {
    "first_name": "firstName",
    "last_name": "lastName",
    "email": "email",
    "phone": "phone",
    "gender": "gender",
    "organisation": "organisation",
    "job_title": "jobTitle",
    "country": "country",
    "role": "role",
    "attendance_mode": "attendanceMode",
    "consent_listed": "consentListed",
    "consent_photos": "consentPhotos",
    "consent_contact": "consentContact",
    "accessibility_needs": "accessibilityNeeds",
    "dietary_needs": "dietaryNeeds",
}
REQUIRED_COLUMNS = ("first_name", "last_name", "email")
# The headers the participants export writes (formats/tables/participants.py), so that an export imports back.
_ALIASES = {
    "organization": "organisation",
    "participation_mode": "attendance_mode",
    "agrees_to_be_listed": "consent_listed",
    "agrees_to_photos": "consent_photos",
    "agrees_to_be_contacted": "consent_contact",
}


def squash_title(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_HEADERS = {squash_title(name): name for name in COLUMNS} | {
    squash_title(alias): name for alias, name in _ALIASES.items()
}


def columns(header: list[str]) -> tuple[list[str | None], list[str]]:
    """Each header cell's column name (None for a column the import does not know) and the unknown titles."""
    keys, ignored, seen = [], [], set()
    for title in header:
        title = (title or "").strip()
        key = _HEADERS.get(squash_title(title))
        if key is None:
            if title:
                ignored.append(title[:100])
        elif key in seen:
            raise MeetingError(ImportProblems.DUPLICATE_COLUMN, field="file", value=title[:100])
        else:
            seen.add(key)
        keys.append(key)
    for key in REQUIRED_COLUMNS:
        if key not in seen:
            raise MeetingError(ImportProblems.MISSING_COLUMNS, field="file", value=key)
    return keys, ignored
