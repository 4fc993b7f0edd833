"""Bulk registration of participants from a CSV or XLSX file, under the rules of one registration at a time.

Every row goes through the checks of ParticipantService.register: the same cleaning functions and messages
(participants.apply_changes), the same rights and registration-open rule (check_registration_open), the same
one-active-registration-per-email rule, and the same seats and waiting list (seats_left, next_waitlist_position),
applied in file order as if the rows had been registered one after the other. What differs is how rows are written:
registering 10,000 people one save at a time (a transaction, a history row and signals each) is far too slow, so a
real run locks the event row once (the order every writer keeps: event, then organisations), computes every
status, and writes the participants and their history rows in bulk: COPY on PostgreSQL, bulk_create (with
simple_history's bulk_history_create) elsewhere. No per-participant service signal is sent for imported rows.

A real run is all-or-nothing unless `partial` is asked: one invalid row and nothing is written. A dry run reads,
checks and places every row the same way and writes nothing.
"""

import csv
import io
import os
import re
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID

from core.utils import uuidv7
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problem, Problems
from ..models import ACTIVE_PARTICIPANT_STATUSES, Event, Organisation, Participant, ParticipantStatus
from ..permissions import Action, require
from ..timeutils import now_for_storage
from .locks import locked_event
from .organisations import OrganisationService
from .participants import (
    apply_changes,
    check_registration_open,
    next_waitlist_position,
    seats_left,
)

P = ParticipantStatus

# Limits of one import, by default; DEFAULT_CFG's "max_import_bytes" and "max_import_rows" (overridable through core's
# ModuleConfiguration) say what applies.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
# An XLSX file is a zip archive: refuse one that unpacks to more than this many times the byte limit.
XLSX_UNPACKED_FACTOR = 20
# The most columns a header may have (the import knows 15; others are ignored and listed).
MAX_COLUMNS = 100
WRITE_BATCH = 2_000
PROGRESS_EVERY = 500


class ImportProblems:
    """Refusals only a file import can meet; the per-field ones are the module's own (errors.Problems)."""

    FILE_REQUIRED = Problem(
        "meeting.import.file_required", _("Upload the participants as a multipart field named file.")
    )
    EMPTY = Problem("meeting.import.empty", _("The file is empty."))
    NO_ROWS = Problem("meeting.import.no_rows", _("The file has a header row but no participant rows."))
    TOO_LARGE = Problem("meeting.import.too_large", _("The file is larger than the limit of %(max)s."))
    TOO_MANY_ROWS = Problem(
        "meeting.import.too_many_rows", _("The file has more than %(max)s participant rows; split it into parts.")
    )
    UNSUPPORTED_TYPE = Problem(
        "meeting.import.unsupported_type",
        _("%(value)s is not a CSV or XLSX file; save it as CSV UTF-8 (.csv) or as an Excel workbook (.xlsx)."),
    )
    BAD_ENCODING = Problem(
        "meeting.import.bad_encoding",
        _("The file is not UTF-8 text: byte %(byte)s on line %(line)s cannot be read. Save it as CSV UTF-8."),
    )
    UNREADABLE = Problem("meeting.import.unreadable", _("The file cannot be read as %(format)s: %(reason)s."))
    MISSING_COLUMNS = Problem(
        "meeting.import.missing_columns",
        _("The file has no %(value)s column; the required columns are first_name, last_name and email."),
    )
    TOO_MANY_COLUMNS = Problem("meeting.import.too_many_columns", _("The header has more than %(max)s columns."))
    DUPLICATE_COLUMN = Problem("meeting.import.duplicate_column", _("The column %(value)s appears more than once."))
    INVALID_OPTION = Problem("meeting.import.invalid_option", _("%(field)s must be true or false, not %(value)s."))
    ROWS_INVALID = Problem(
        "meeting.import.rows_invalid",
        _("Nothing was imported: %(count)s row(s) have errors. Correct them, or import with partial=true."),
    )
    EXTRA_CELLS = Problem(
        "meeting.import.extra_cells",
        _("The row has more cells than the header has columns; a value containing the separator must be quoted."),
    )
    INVALID_FLAG = Problem(
        "meeting.import.invalid_flag", _("%(value)s is not a yes/no answer for %(field)s (yes, no, true, false, 1, 0).")
    )
    DUPLICATE_IN_FILE = Problem(
        "meeting.import.duplicate_in_file", _("%(value)s is already on row %(row)s of this file.")
    )
    UNKNOWN_ORGANISATION = Problem(
        "meeting.import.unknown_organisation",
        _("No organisation is named or abbreviated %(value)s; create it first, or import with createOrganisations."),
    )
    AMBIGUOUS_ORGANISATION = Problem(
        "meeting.import.ambiguous_organisation",
        _("%(value)s matches several organisations (%(matches)s); give the full name."),
    )


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
_ALIASES = {"organization": "organisation"}
_CHOICE_COLUMNS = {"gender", "role", "attendance_mode"}
# An empty cell in these columns means "not given": the model's default applies, as when single registration
# leaves the field out.
_DEFAULTED_COLUMNS = {"role", "attendance_mode", "consent_listed", "consent_photos", "consent_contact"}
_FLAGS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_OPTION_FLAGS = {**_FLAGS, "": False, "on": True, "off": False}


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_HEADERS = {_squash(name): name for name in COLUMNS} | {_squash(alias): name for alias, name in _ALIASES.items()}


def import_limits() -> tuple[int, int]:
    """The largest file (bytes) and the most participant rows one import accepts."""
    config = MeetingConfig.config
    return int(config.get("max_import_bytes", MAX_IMPORT_BYTES)), int(config.get("max_import_rows", MAX_IMPORT_ROWS))


def _size(limit: int) -> str:
    return f"{limit / 1_048_576:g} MB" if limit >= 1_048_576 else f"{limit} bytes"


def parse_option(value, *, field: str) -> bool:
    """A request's yes/no option (true/false, 1/0, yes/no, on/off; absent or empty is false)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    flag = _OPTION_FLAGS.get(str(value).strip().lower())
    if flag is None:
        raise MeetingError(ImportProblems.INVALID_OPTION, field=field, value=str(value)[:20])
    return flag


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    create_organisations: bool = False
    partial: bool = False


@dataclass(frozen=True)
class RowError:
    row: int  # the row as a spreadsheet numbers it: the header is row 1
    column: str | None  # the API field name, None when the problem is the whole row
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    valid: int = 0
    created: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    pending: int = 0
    organisations_created: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Errors of one row are listed in the order of the file's columns.
    column_order: dict[str, int] = field(default_factory=dict)
    # Set when a real all-or-nothing run wrote nothing because rows have errors.
    refusal: MeetingError | None = None

    def add(self, row: int, error: MeetingError, column: str | None = None) -> None:
        self.errors.append(RowError(row, error.field or column, error.problem.code, error.message))

    def sorted_errors(self) -> list[RowError]:
        order = self.column_order
        return sorted(self.errors, key=lambda e: (e.row, -1 if e.column is None else order.get(e.column, len(order))))

    def as_dict(self) -> dict:
        data = {
            "dryRun": self.dry_run,
            "rows": self.rows,
            "valid": self.valid,
            "created": self.created,
            "confirmed": self.confirmed,
            "waitlisted": self.waitlisted,
            "pending": self.pending,
            "organisationsCreated": self.organisations_created,
            "ignoredColumns": self.ignored_columns,
            "errors": [error.as_dict() for error in self.sorted_errors()],
        }
        return {**self.refusal.as_dict(), **data} if self.refusal else data


@dataclass
class Table:
    """The data rows of a file: for each, its row number and its cells by column name."""

    keys: list[str | None]  # each column's name, None for a column the import does not know
    rows: list[tuple[int, dict[str, str]]]
    ignored_columns: list[str]
    extra_cells: set[int]


Progress = Callable[[str, int, int], None]


# ---------------------------------------------------------------------------------------------------------------
# Reading the file


_BINARY_STARTS = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"7z\xbc\xaf")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_table(name: str, data: bytes, *, max_rows: int | None = None) -> Table:
    """The participant rows of an uploaded CSV or XLSX file, or a refusal saying what is wrong with the file."""
    max_bytes, default_rows = import_limits()
    max_rows = max_rows or default_rows
    if not data:
        raise MeetingError(ImportProblems.EMPTY, field="file")
    if len(data) > max_bytes:
        raise MeetingError(ImportProblems.TOO_LARGE, field="file", max=_size(max_bytes))
    label = os.path.basename(name or "") or "The upload"
    extension = os.path.splitext(name or "")[1].lower()
    if data.startswith(b"PK\x03\x04") and extension in (".xlsx", ""):
        return _table(_xlsx_rows(data, label, max_bytes), max_rows)
    if extension not in (".csv", ".txt", "") or data.startswith((b"PK\x03\x04", *_BINARY_STARTS)):
        raise MeetingError(ImportProblems.UNSUPPORTED_TYPE, field="file", value=label)
    return _table(_csv_rows(data, label), max_rows)


def _csv_rows(data: bytes, label: str):
    if data.startswith(_UTF16_BOMS):
        raise MeetingError(ImportProblems.BAD_ENCODING, field="file", byte=f"0x{data[0]:02X}", line=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise MeetingError(
            ImportProblems.BAD_ENCODING, field="file", byte=f"0x{data[error.start]:02X}", line=line
        ) from None
    if "\x00" in text:
        raise MeetingError(ImportProblems.UNSUPPORTED_TYPE, field="file", value=label)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        reason = f"row {reader.line_num}: {error}"
        raise MeetingError(ImportProblems.UNREADABLE, field="file", format="CSV", reason=reason) from None


def _xlsx_rows(data: bytes, label: str, max_bytes: int):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MeetingError(ImportProblems.UNSUPPORTED_TYPE, field="file", value=label) from None
    if unpacked > XLSX_UNPACKED_FACTOR * max_bytes:
        raise MeetingError(ImportProblems.TOO_LARGE, field="file", max=_size(max_bytes))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a zip that is not a workbook
        raise MeetingError(ImportProblems.UNSUPPORTED_TYPE, field="file", value=label) from None
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        header = [_cell_text(value) for value in next(sheet.iter_rows(max_row=1, values_only=True), ())]
        while header and not header[-1].strip():
            header.pop()
        yield header
        # Rows are read no wider than the header and a margin (to see cells past it): a sheet whose dimension claims
        # thousands of columns would otherwise give every row that many cells.
        width = min(len(header), MAX_COLUMNS) + 20
        for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            yield [_cell_text(value) for value in values]
    except MeetingError:
        raise
    except Exception as error:  # a damaged sheet: say so instead of failing the request
        reason = type(error).__name__
        raise MeetingError(ImportProblems.UNREADABLE, field="file", format="XLSX", reason=reason) from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _table(rows, max_rows: int) -> Table:
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise MeetingError(ImportProblems.EMPTY, field="file")
    if len(header) > MAX_COLUMNS:
        raise MeetingError(ImportProblems.TOO_MANY_COLUMNS, field="file", max=MAX_COLUMNS)
    keys, ignored = _columns(header)
    width = len(keys)
    table = Table(keys=keys, rows=[], ignored_columns=ignored, extra_cells=set())
    for number, cells in enumerate(rows, start=2):
        if len(table.rows) >= max_rows or number > 2 * max_rows + 1_000:  # blank lines count a little too
            raise MeetingError(ImportProblems.TOO_MANY_ROWS, field="file", max=max_rows)
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave them
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            table.extra_cells.add(number)
        table.rows.append((number, {key: cell for key, cell in zip(keys, cells, strict=False) if key is not None}))
    if not table.rows:
        raise MeetingError(ImportProblems.NO_ROWS, field="file")
    return table


def _columns(header: list[str]) -> tuple[list[str | None], list[str]]:
    """Each header cell's column name (None for a column the import does not know) and the unknown titles."""
    keys, ignored, seen = [], [], set()
    for title in header:
        title = (title or "").strip()
        key = _HEADERS.get(_squash(title))
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


# ---------------------------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class _Row:
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


def _cell_value(key: str, text: str):
    """A cell's text in the form single registration receives the field."""
    if key in _CHOICE_COLUMNS:
        return re.sub(r"[\s\-]+", "_", text.strip()).upper()
    if key.startswith("consent_"):
        flag = _FLAGS.get(text.strip().lower())
        if flag is None:
            raise MeetingError(ImportProblems.INVALID_FLAG, field=COLUMNS[key], value=text.strip()[:50])
        return flag
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


def _check_rows(table: Table, report: ImportReport, progress: Progress | None) -> list[_Row]:
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
        row = _Row(number, now + timedelta(microseconds=index))
        if number in table.extra_cells:
            report.add(number, MeetingError(ImportProblems.EXTRA_CELLS))
        others = {}
        for key, text in cells.items():
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


class _Organisations:
    """Live organisations by lower-cased name and acronym."""

    def __init__(self):
        self.by_name: dict[str, list] = {}
        self.by_acronym: dict[str, list] = {}
        for pk, name, acronym in Organisation.objects.live().values_list("id", "name", "acronym"):
            self.by_name.setdefault(name.strip().casefold(), []).append((pk, name))
            if acronym.strip():
                self.by_acronym.setdefault(acronym.strip().casefold(), []).append((pk, name))

    def find(self, text: str):
        """The id of the one organisation so named, or else so abbreviated; None when there is none."""
        key = text.casefold()
        for matches in (self.by_name.get(key), self.by_acronym.get(key)):
            if matches and len(matches) == 1:
                return matches[0][0]
            if matches:
                names = ", ".join(sorted(name for _pk, name in matches)[:5])
                raise MeetingError(
                    ImportProblems.AMBIGUOUS_ORGANISATION, field="organisation", value=text, matches=names
                )
        return None


def _check_against_database(event: Event, rows: list[_Row], report: ImportReport, options: ImportOptions) -> None:
    """The checks that need the event's registrations and the organisations: an email already active for the
    event, and organisations matched by name or acronym (unknown ones refused unless they are to be created)."""
    taken = {
        email.lower()
        for email in Participant.objects.live()
        .filter(event=event, status__in=ACTIVE_PARTICIPANT_STATUSES)
        .values_list("email", flat=True)
    }
    organisations = _Organisations() if any(row.organisation for row in rows) else None
    for row in rows:
        if row.email in taken and not row.duplicate:
            report.add(row.number, MeetingError(Problems.PARTICIPANT_EMAIL_TAKEN, field="email", value=row.email))
            row.failed = True
        if not row.organisation:
            continue
        try:
            row.organisation_id = organisations.find(row.organisation)
        except MeetingError as error:
            report.add(row.number, error)
            row.failed = True
            continue
        if row.organisation_id is None:
            if options.create_organisations:
                row.new_organisation = row.organisation.casefold()
            else:
                error = MeetingError(ImportProblems.UNKNOWN_ORGANISATION, field="organisation", value=row.organisation)
                report.add(row.number, error)
                row.failed = True


def _lock_organisations(rows: list[_Row], report: ImportReport) -> None:
    """Lock the organisations the rows name (in id order, as deletes do), so that none is deleted before the
    participants referring to it are saved; one deleted meanwhile fails its rows."""
    wanted = {row.organisation_id for row in rows if row.organisation_id}
    if not wanted:
        return
    locked = set(
        Organisation.objects.select_for_update()
        .live()
        .filter(id__in=wanted)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for row in rows:
        if row.organisation_id and row.organisation_id not in locked:
            error = MeetingError(ImportProblems.UNKNOWN_ORGANISATION, field="organisation", value=row.organisation)
            report.add(row.number, error)
            row.failed = True


def _new_organisations(rows: list[_Row]) -> dict[str, str]:
    """The organisations to create for the valid rows: key -> the name as first written."""
    names: dict[str, str] = {}
    for row in rows:
        if row.new_organisation and not row.failed:
            names.setdefault(row.new_organisation, row.organisation)
    return names


def _create_organisations(user, rows: list[_Row], report: ImportReport) -> None:
    """Create each missing organisation once, through OrganisationService (its rules and right), type OTHER."""
    created: dict[str, object] = {}
    for key, name in _new_organisations(rows).items():
        result = OrganisationService(user).create({"name": name, "organisation_type": "OTHER"})
        if result["success"]:
            created[key] = UUID(str(result["data"]["id"]))
            report.organisations_created.append(name)
            continue
        detail = result["detail"]
        for row in rows:
            if row.new_organisation == key and not row.failed:
                report.errors.append(RowError(row.number, "organisation", detail["code"], detail["message"]))
                row.failed = True
    for row in rows:
        if row.new_organisation in created:
            row.organisation_id = created[row.new_organisation]


def _place(event: Event, rows: list[_Row], report: ImportReport) -> None:
    """The status each row gets, in file order, exactly as single registration gives it: PENDING when the event
    needs approval, else CONFIRMED while seats remain, else WAITLISTED continuing the current waiting list."""
    seats = None if event.requires_approval else seats_left(event)
    position = None
    for row in rows:
        row.position = None
        if event.requires_approval:
            row.status = P.PENDING
            report.pending += 1
        elif seats is None or seats > 0:
            row.status = P.CONFIRMED
            seats = None if seats is None else seats - 1
            report.confirmed += 1
        else:
            position = next_waitlist_position(event) if position is None else position + 1
            row.status, row.position = P.WAITLISTED, position
            report.waitlisted += 1


# ---------------------------------------------------------------------------------------------------------------
# Writing


def _write(event: Event, user, rows: list[_Row], reason: str, progress: Progress | None) -> None:
    """Insert the participants, with every field HistoryModel.save() would set on a new row, and their history rows
    ("+", by the importing user, with the reason): COPY on PostgreSQL, bulk_create with simple_history's
    bulk_history_create on other databases."""
    stamp = datetime.now()  # as HistoryModel.save() stamps date_created
    # What every row shares: the model's defaults and the bookkeeping fields.
    shared = {f.attname: f.get_default() for f in Participant._meta.concrete_fields} | {
        "event_id": event.id,
        "version": 1,
        "is_deleted": False,
        "json_ext": None,
        "user_created_id": user.id,
        "user_updated_id": user.id,
        "date_created": stamp,
        "date_updated": stamp,
    }
    history = {"history_date": timezone.now(), "history_change_reason": reason, "history_type": "+"}
    copy = _Copy(shared, history, user) if connection.vendor == "postgresql" else None
    total = len(rows)
    for start in range(0, total, WRITE_BATCH):
        batch = [_own_values(row) for row in rows[start : start + WRITE_BATCH]]
        if copy is not None:
            copy.write(batch)
        else:
            participants = Participant.objects.bulk_create([Participant(**{**shared, **values}) for values in batch])
            Participant.history.bulk_history_create(
                participants,
                default_user=user,
                default_date=history["history_date"],
                default_change_reason=reason,
            )
        if progress:
            progress("writing", start + len(batch), total)


def _own_values(row: _Row) -> dict:
    """The fields that differ from one participant to the next."""
    return {
        **row.values,
        "id": uuidv7(),
        "organisation_id": row.organisation_id,
        "status": row.status,
        "waitlist_position": row.position,
        "registered_at": row.at,
        "status_changed_at": row.at,
        "checkin_token": secrets.token_urlsafe(24),
    }


class _Copy:
    """COPY into the participant and history tables: for 10,000 rows several times faster than INSERT statements.
    Each participant is written as one CSV line; its history row is that line and the history columns."""

    def __init__(self, shared: dict, history: dict, user):
        fields = Participant._meta.concrete_fields
        self.names = [f.attname for f in fields]
        self.shared = {name: _csv_value(value) for name, value in shared.items()}
        history_model = Participant.history.model
        history_fields = {f.attname: f for f in history_model._meta.concrete_fields if not f.primary_key}
        extra = {**history, "history_user_id": user.id}
        if set(history_fields) != set(self.names) | set(extra):  # simple_history changed its table: say so
            raise RuntimeError(f"unexpected history columns: {sorted(set(history_fields) ^ set(self.names))}")
        self.history_suffix = "," + ",".join(_csv_value(value) for value in extra.values()) + "\n"
        quote = connection.ops.quote_name
        columns = [quote(f.column) for f in fields]
        history_columns = [quote(history_fields[name].column) for name in [*self.names, *extra]]
        self.participant_sql = self._sql(Participant._meta.db_table, columns)
        self.history_sql = self._sql(history_model._meta.db_table, history_columns)

    @staticmethod
    def _sql(table: str, columns: list[str]) -> str:
        quote = connection.ops.quote_name
        return f"COPY {quote(table)} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"

    def write(self, batch: list[dict]) -> None:
        shared = self.shared
        lines = [
            ",".join(_csv_value(values[name]) if name in values else shared[name] for name in self.names)
            for values in batch
        ]
        with connection.cursor() as cursor:
            self._copy(cursor.cursor, self.participant_sql, "\n".join(lines) + "\n")
            self._copy(cursor.cursor, self.history_sql, self.history_suffix.join(lines) + self.history_suffix)

    @staticmethod
    def _copy(raw, sql: str, data: str) -> None:
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, io.StringIO(data))
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(data)


def _csv_text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


# PostgreSQL's COPY CSV form of each type of value: text is always quoted, so that only an unquoted \N is NULL.
_CSV_FORMS = {
    str: _csv_text,
    bool: lambda value: "t" if value else "f",
    type(None): lambda value: "\\N",
    datetime: lambda value: value.isoformat(sep=" "),
    int: str,
    UUID: str,
}


def _csv_value(value) -> str:
    form = _CSV_FORMS.get(type(value))
    if form is not None:
        return form(value)
    for kind in (str, datetime, int, UUID):  # subclasses, such as a TextChoices member (a model field's default)
        if isinstance(value, kind):
            return _CSV_FORMS[kind](kind(value) if kind in (str, int) else value)
    raise TypeError(f"no COPY form for {type(value).__name__}")


# ---------------------------------------------------------------------------------------------------------------
# The import


def _event(event_id) -> Event:
    uuid = v.clean_uuid(event_id, field="eventId")
    event = Event.objects.live().filter(id=uuid).first()
    if event is None:
        raise MeetingError(Problems.EVENT_NOT_FOUND, field="eventId", value=str(uuid))
    return event


def import_participants(
    user,
    event_id,
    *,
    name: str,
    data: bytes,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, never mutated
    progress: Progress | None = None,
) -> ImportReport:
    """Register the participants of a CSV or XLSX file for an event.

    Raises MeetingError (MeetingPermissionDenied for rights) when the import cannot start: no right, unknown or
    closed event, or a file that is not a readable CSV/XLSX with the required columns within the limits. Otherwise
    returns the report; `refusal` is set when a real all-or-nothing run wrote nothing because rows have errors.
    """
    require(user, Action.REGISTER_PARTICIPANTS)
    if options.create_organisations:
        require(user, Action.CREATE_ORGANISATIONS)
    # Refuse a closed event before reading the file; a real run checks again under the event's lock.
    event = _event(event_id)
    check_registration_open(event, user)
    table = read_table(name, data)
    report = ImportReport(
        dry_run=options.dry_run,
        rows=len(table.rows),
        ignored_columns=table.ignored_columns,
        column_order={COLUMNS[key]: position for position, key in enumerate(table.keys) if key},
    )
    rows = _check_rows(table, report, progress)
    if options.dry_run:
        _check_against_database(event, rows, report, options)
        valid = [row for row in rows if not row.failed]
        report.organisations_created = list(_new_organisations(valid).values())
        _finish(event, valid, report)
        return report
    with transaction.atomic():
        event = locked_event(event.id, field="eventId")
        check_registration_open(event, user)
        _check_against_database(event, rows, report, options)
        _lock_organisations([row for row in rows if not row.failed], report)
        if report.errors and not options.partial:
            return _refuse(event, rows, report)
        _create_organisations(user, [row for row in rows if not row.failed], report)
        if report.errors and not options.partial:
            transaction.set_rollback(True)  # the organisations just created go too
            report.organisations_created = []
            return _refuse(event, rows, report)
        valid = [row for row in rows if not row.failed]
        _finish(event, valid, report)
        _write(event, user, valid, f"Imported from {os.path.basename(name or 'a file')}"[:100], progress)
        report.created = len(valid)
    return report


def _finish(event: Event, valid: list[_Row], report: ImportReport) -> None:
    report.valid = len(valid)
    _place(event, valid, report)


def _refuse(event: Event, rows: list[_Row], report: ImportReport) -> ImportReport:
    _finish(event, [row for row in rows if not row.failed], report)
    failed = len({error.row for error in report.errors})
    report.refusal = MeetingError(ImportProblems.ROWS_INVALID, field="file", count=failed)
    return report
