"""The tables the exports hold (participants, showcases, agenda, interoperability matrix) and the two file formats
that write them (CSV streamed row by row, XLSX written to a temporary file).

Values, in both formats:
- instants in ISO 8601, to the second, with the offset of the event's time zone (2026-12-25T09:00:00+01:00);
- yes/no answers and statuses or other codes in words, in the export's language (the TextChoices labels);
- lists joined with "; ";
- text that a spreadsheet would read as a formula (starting with = + - @, a tab or a line break): in CSV, a leading
  apostrophe (also before apostrophes that already precede such text), which the import takes off again; in XLSX,
  a string cell typed as text (number format @), never a formula and without an apostrophe.

The HTTP side (authentication, formats, responses, errors) is in rest/exports.py; this package is plain Python, so
the same tables can serve a management command or a scheduled report.
"""

from .agenda import agenda_table
from .base import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, Table, neutralise, restore
from .matrix import matrix_table
from .participants import participant_rows_table, participants_table
from .showcases import showcases_table
from .writers import csv_pieces, sheet_title, xlsx_file

__all__ = [
    "CSV_MEDIA_TYPE",
    "XLSX_MEDIA_TYPE",
    "Table",
    "agenda_table",
    "csv_pieces",
    "matrix_table",
    "neutralise",
    "participant_rows_table",
    "participants_table",
    "restore",
    "sheet_title",
    "showcases_table",
    "xlsx_file",
]
