"""What every export table shares: a table and its columns, values in words, formula neutralising."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext

from ...timeutils import from_storage

# Rows fetched from the database at a time; the many-to-many lists of each chunk come in one query per list.
CHUNK_SIZE = 500
# CSV rows written per piece of the streamed response.
CSV_ROWS_PER_PIECE = 100
# An XLSX file stays in memory up to this size, then moves to a temporary file on disk.
XLSX_SPOOL_BYTES = 1024 * 1024
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Excel reads a CSV file as UTF-8 (accents intact) only when it starts with this byte order mark.
BOM = "\ufeff"
LIST_SEPARATOR = "; "
# A cell beginning with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula (leading spaces do not stop it)."""
    return text.startswith(FORMULA_STARTS) or text.lstrip(" ").startswith(FORMULA_STARTS[:4])


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before anything it would read as a formula, and before
    apostrophes that already stand before one ('=x becomes ''=x), so that `restore` gives back the exact value."""
    return "'" + text if formula_like(text.lstrip("'")) else text


def restore(text: str) -> str:
    """The value `neutralise` was given: the leading apostrophe it added, and only that one, taken off."""
    return text[1:] if text.startswith("'") and formula_like(text.lstrip("'")) else text


def label(choices, code) -> Promise | str | None:
    """The label of a TextChoices code (lazily translated), the code itself when unknown, None when empty."""
    if code in (None, ""):
        return None
    return choices(code).label if code in choices.values else code


def yes_no(value) -> str | None:
    """yes or no in the active language (Django's own translations, as its yesno filter uses)."""
    if value is None:
        return None
    yes, no, _maybe = gettext("yes,no,maybe").split(",")
    return yes if value else no


def joined(values: Iterable) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values if value not in (None, ""))


def full_name(participant) -> str:
    return f"{participant.first_name} {participant.last_name}".strip()


@dataclass(frozen=True)
class Column:
    header: str  # fixed, in English: scripts may rely on it
    value: Callable  # row -> str, lazy text, int, float, bool, datetime, list or None


@dataclass
class Table:
    """One export: the columns in order, and the rows (read lazily, when a writer starts)."""

    name: str  # the file name's stem and the sheet's title
    columns: list[Column]
    rows: Callable[[], Iterable]
    zone: object = None  # a ZoneInfo; instants are shown in it (UTC when None)
    language: str = "en"

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def cells(self, row) -> list:
        """The row's values: text, whole or decimal numbers, or None for an empty cell."""
        return [self._plain(column.value(row)) for column in self.columns]

    def _plain(self, value):
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime):
            return from_storage(value, self.zone).isoformat(timespec="seconds")
        if isinstance(value, (list, tuple)):
            return joined(self._plain(item) for item in value)
        return str(value)
