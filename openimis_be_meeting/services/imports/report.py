"""What an import is told and answers: its limits and options, the problems it may name, the per-row report."""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ...apps import MeetingConfig
from ...errors import MeetingError, Problem
from ...models import ParticipantStatus

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


Progress = Callable[[str, int, int], None]

FLAGS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_OPTION_FLAGS = {**FLAGS, "": False, "on": True, "off": False}


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
def import_limits() -> tuple[int, int]:
    """The largest file (bytes) and the most participant rows one import accepts."""
    config = MeetingConfig.config
    return int(config.get("max_import_bytes", MAX_IMPORT_BYTES)), int(config.get("max_import_rows", MAX_IMPORT_ROWS))


def size(limit: int) -> str:
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
    # Rows left out because their email is already registered, for a caller who may not list participants.
    already_registered: int = 0
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
            "alreadyRegistered": self.already_registered,
            "organisationsCreated": self.organisations_created,
            "ignoredColumns": self.ignored_columns,
            "errors": [error.as_dict() for error in self.sorted_errors()],
        }
        return {**self.refusal.as_dict(), **data} if self.refusal else data


def audit(user, event, *, name: str, report: ImportReport, options: ImportOptions) -> None:
    """Leave a trace of every import run, dry runs and refused runs included, in core's mutation journal (where
    openIMIS keeps who did what): who, which event and file, the options and the counts; no row's content."""
    from core.models import MutationLog

    content = {
        "import": "participants",
        "eventId": str(event.id),
        "file": os.path.basename(name or "")[:100],
        "dryRun": options.dry_run,
        "partial": options.partial,
        "createOrganisations": options.create_organisations,
        "rows": report.rows,
        "valid": report.valid,
        "created": report.created,
        "rowErrors": len(report.errors),
        "alreadyRegistered": report.already_registered,
    }
    MutationLog.objects.create(
        json_content=json.dumps(content),
        user=user if getattr(user, "is_authenticated", False) else None,
        client_mutation_label=f"Import participants{' (dry run)' if options.dry_run else ''}",
        status=MutationLog.ERROR if report.refusal else MutationLog.SUCCESS,
    )
