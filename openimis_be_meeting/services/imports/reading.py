"""Reading an import file (CSV or XLSX) into rows of text within the size, row and column limits."""

import csv
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from ...errors import MeetingError
from ...models import ParticipantStatus
from .columns import columns
from .report import MAX_COLUMNS, XLSX_UNPACKED_FACTOR, ImportProblems, import_limits, size
from .workbook import check_xml_parts

P = ParticipantStatus


@dataclass
class Table:
    """The data rows of a file: for each, its row number and its cells by column name."""

    keys: list[str | None]  # each column's name, None for a column the import does not know
    rows: list[tuple[int, dict[str, str]]]
    ignored_columns: list[str]
    extra_cells: set[int]


_BINARY_STARTS = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"7z\xbc\xaf")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_table(name: str, data: bytes, *, max_rows: int | None = None) -> Table:
    """The participant rows of an uploaded CSV or XLSX file, or a refusal saying what is wrong with the file."""
    max_bytes, default_rows = import_limits()
    max_rows = max_rows or default_rows
    if not data:
        raise MeetingError(ImportProblems.EMPTY, field="file")
    if len(data) > max_bytes:
        raise MeetingError(ImportProblems.TOO_LARGE, field="file", max=size(max_bytes))
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
        raise MeetingError(ImportProblems.TOO_LARGE, field="file", max=size(max_bytes))
    check_xml_parts(data, label)
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
    keys, ignored = columns(header)
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
