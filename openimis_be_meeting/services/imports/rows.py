"""Checking an import's rows one by one with the same cleaning rules as a single registration."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.utils import translation

from ... import validation as v
from ...errors import MeetingError
from ...formats.country_names import NAME_LANGUAGES, country_code
from ...formats.tables import restore
from ...models import AttendanceMode, Gender, ParticipantRole, ParticipantStatus
from ...timeutils import now_for_storage
from ..participants import apply_changes
from .columns import COLUMNS
from .reading import Table
from .report import FLAGS, PROGRESS_EVERY, ImportProblems, ImportReport, Progress

P = ParticipantStatus


_CHOICE_COLUMNS = {"gender": Gender, "role": ParticipantRole, "attendance_mode": AttendanceMode}
# An empty cell in these columns means "not given": the model's default applies, as when single registration
# leaves the field out.
_DEFAULTED_COLUMNS = {"role", "attendance_mode", "consent_listed", "consent_photos", "consent_contact"}


@dataclass
class Row:
    number: int
    at: datetime  # registered_at and status_changed_at
    values: dict = field(default_factory=dict)  # field name -> cleaned value, as apply_changes set them
    organisation: str = ""  # the name or acronym as the file gives it
    organisation_id: object = None
    new_organisation: str = ""  # the key of an organisation the import creates for this row
    duplicate: bool = False  # the email is on an earlier row of the file
    failed: bool = False
    status: str = P.PENDING
    position: int | None = None

    @property
    def email(self) -> str:
        return self.values.get("email", "")


class _Fields:
    """What apply_changes sets, collected on a plain object: checking a row needs no model instance."""


# Columns with few distinct values: each distinct cell is cleaned once and the outcome reused.
_REPEATED_COLUMNS = {
    "gender",
    "role",
    "attendance_mode",
    "country",
    "consent_listed",
    "consent_photos",
    "consent_contact",
    "job_title",
    "accessibility_needs",
    "dietary_needs",
}


def _squash(text: str) -> str:
    """Upper case, accents off, runs of spaces, hyphens and underscores as one underscore: "Prefers not to say",
    "PRÉFÈRE NE PAS LE DIRE" and "in-person" compare with the codes and labels."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[\s\-_]+", "_", plain).upper()


@lru_cache(maxsize=8)
def _choice_codes(choices) -> dict[str, str]:
    """A choice's code by its code and by its label in each language the exports write."""
    codes = {}
    for language in NAME_LANGUAGES:
        with translation.override(language):
            codes.update({_squash(str(label)): code for code, label in choices.choices})
    return codes | {_squash(code): code for code in choices.values}


@lru_cache(maxsize=1)
def _flags() -> dict[str, bool]:
    """yes and no as the import always took them, and as the exports write them in each language (Django's own
    yes/no words, as the exports use)."""
    flags = dict(FLAGS)
    for language in NAME_LANGUAGES:
        with translation.override(language):
            yes, no, _maybe = translation.gettext("yes,no,maybe").split(",")
        flags.setdefault(yes.strip().lower(), True)
        flags.setdefault(no.strip().lower(), False)
    return flags


def _cell_value(key: str, text: str):
    """A cell's text in the form single registration receives the field."""
    if key in _CHOICE_COLUMNS:
        squashed = _squash(text)
        return _choice_codes(_CHOICE_COLUMNS[key]).get(squashed, squashed)
    if key.startswith("consent_"):
        flag = _flags().get(text.strip().lower())
        if flag is None:
            raise MeetingError(ImportProblems.INVALID_FLAG, field=COLUMNS[key], value=text.strip()[:50])
        return flag
    if key == "country":
        return country_code(text)
    return text


def _clean_repeated(key: str, text: str, cache: dict) -> tuple:
    """(cleaned value, None) or (None, the refusal) for one cell, through apply_changes, once per distinct text."""
    outcome = cache.get((key, text))
    if outcome is None:
        target = _Fields()
        try:
            apply_changes(target, {key: _cell_value(key, text)})
            outcome = (getattr(target, key), None)
        except MeetingError as error:
            outcome = (None, error)
        cache[(key, text)] = outcome
    return outcome


def _clean_each(data: dict, number: int, report: ImportReport) -> dict:
    """The fields of one row cleaned together by apply_changes; when it refuses one, each field alone, so that
    every problem of the row is reported."""
    target = _Fields()
    try:
        apply_changes(target, data)
    except MeetingError:
        target = _Fields()
        for key, value in data.items():
            try:
                apply_changes(target, {key: value})
            except MeetingError as error:
                report.add(number, error, COLUMNS[key])
    return vars(target)


def check_rows(table: Table, report: ImportReport, progress: Progress | None) -> list[Row]:
    """Every row cleaned by the rules of single registration, each problem reported by row and column; the same
    email twice in the file is refused on the later rows."""
    now = now_for_storage()
    first_row_of: dict[str, int] = {}
    cache: dict = {}
    rows = []
    total = len(table.rows)
    for index, (number, cells) in enumerate(table.rows):
        errors = len(report.errors)
        # One microsecond apart, so that lists in registration order keep the file's order.
        row = Row(number, now + timedelta(microseconds=index))
        if number in table.extra_cells:
            report.add(number, MeetingError(ImportProblems.EXTRA_CELLS))
        others = {}
        for key, text in cells.items():
            text = restore(text)  # the apostrophe a CSV export puts before what a spreadsheet would take as a formula
            if key == "organisation":
                try:
                    row.organisation = v.clean_text(text, field="organisation", max_length=255)
                except MeetingError as error:
                    report.add(number, error)
            elif key in _REPEATED_COLUMNS:
                if key in _DEFAULTED_COLUMNS and not text.strip():
                    continue  # not given: the model's default, as when single registration leaves it out
                value, error = _clean_repeated(key, text, cache)
                if error is None:
                    row.values[key] = value
                else:
                    report.add(number, error, COLUMNS[key])
            else:
                others[key] = text
        row.values.update(_clean_each(others, number, report))
        if row.email:
            first = first_row_of.setdefault(row.email, number)
            if first != number:
                error = MeetingError(ImportProblems.DUPLICATE_IN_FILE, field="email", value=row.email, row=first)
                report.add(number, error)
                row.duplicate = True
        row.failed = len(report.errors) > errors
        rows.append(row)
        if progress and ((index + 1) % PROGRESS_EVERY == 0 or index + 1 == total):
            progress("checking", index + 1, total)
    return rows
