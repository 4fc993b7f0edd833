"""The two file formats of a table: CSV streamed a piece at a time, XLSX written to a temporary file."""

import csv
import logging
from collections.abc import Iterator
from itertools import islice
from tempfile import SpooledTemporaryFile

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .base import BOM, CSV_ROWS_PER_PIECE, XLSX_MAX_CELL, XLSX_SPOOL_BYTES, Table, formula_like, neutralise

logger = logging.getLogger(__name__)


class _Line:
    """A file-like object whose write returns what it is given: csv.writer then formats one line at a time."""

    def write(self, text: str) -> str:
        return text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_pieces(table: Table) -> Iterator[bytes]:
    """The CSV file (UTF-8 with a byte order mark, comma-separated, CRLF line ends) in pieces of rows, for a
    streamed response: rows are read from the database in chunks while the file is sent."""
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow([_csv_cell(header) for header in table.headers])).encode("utf-8")
    rows = iter(table.rows())
    try:
        while True:
            # The language is switched on only while a piece is built, never across a yield.
            with translation.override(table.language):
                lines = [
                    writer.writerow([_csv_cell(value) for value in table.cells(row)])
                    for row in islice(rows, CSV_ROWS_PER_PIECE)
                ]
            if not lines:
                return
            yield "".join(lines).encode("utf-8")
    except Exception:
        # The status line is sent already: the download ends short, and the log says why.
        logger.exception("CSV export %s failed while streaming", table.name)
        raise


def _xlsx_cell(sheet, value):
    """A value as the workbook holds it. Text is a string cell whatever it starts with: one that a spreadsheet would
    read as a formula is typed as text (data type s, number format @, so that editing it keeps it text) rather than
    marked with an apostrophe; only text that itself begins with an apostrophe before such a value gets one more,
    which the import takes off (see base.restore)."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if text.startswith("'"):
        text = neutralise(text)
    text = text[:XLSX_MAX_CELL]
    if not formula_like(text):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would store a value starting with = as a formula
    cell.number_format = "@"
    return cell


def xlsx_file(table: Table) -> SpooledTemporaryFile:
    """The XLSX workbook (one sheet, header row bold and frozen), in a temporary file rewound for reading.

    openpyxl's write-only mode writes the sheet's rows to a temporary file on disk as they come, and the finished
    workbook is zipped into a temporary file that stays in memory only while it is under XLSX_SPOOL_BYTES."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(table.name))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = iter(table.rows())
    while True:
        with translation.override(table.language):
            piece = [
                [_xlsx_cell(sheet, value) for value in table.cells(row)] for row in islice(rows, CSV_ROWS_PER_PIECE)
            ]
        if not piece:
            break
        for cells in piece:
            sheet.append(cells)
    output = SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    try:
        workbook.save(output)
    except Exception:
        output.close()
        raise
    output.seek(0)
    return output


_SHEET_FORBIDDEN = str.maketrans({character: "-" for character in "[]:*?/\\"})


def sheet_title(name: str) -> str:
    """A valid Excel sheet title: at most 31 characters, none of []:*?/\\."""
    return (name.translate(_SHEET_FORBIDDEN)[:31] or "Export").strip("'") or "Export"
