"""Real spreadsheet software opens the exports of hostile values and evaluates no formula (issue 14 §2): LibreOffice
(headless `soffice --convert-to`) reads the participants CSV and XLSX and saves them as XLSX and ODS; no cell of
what it saved is a formula, and every text is still the text we wrote. Each check first shows it can fail: the
same values written naively do come out as formulas.

Needs LibreOffice Calc: `make spreadsheet-deps` installs Debian's libreoffice-calc, `make test-spreadsheet` runs this
file with MEETING_SPREADSHEET_TESTS=required (a missing soffice then fails instead of skipping)."""

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_export_round_trip import PEOPLE, body, source  # noqa: F401 - the hostile registrations and their event

from openimis_be_meeting.formats.tables import neutralise, restore

from factories import PASSWORD
from frontend import logged_in, rest_get

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REQUIRED = os.environ.get("MEETING_SPREADSHEET_TESTS") == "required"

if SOFFICE is None and REQUIRED:
    raise RuntimeError("MEETING_SPREADSHEET_TESTS=required but soffice is missing: run `make spreadsheet-deps`")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is missing: `make spreadsheet-deps` installs it, `make test-spreadsheet` runs this",
)
# CSV import options of LibreOffice: comma, double quote, UTF-8 (76), from line 1.
CSV_FILTER = "CSV:44,34,76,1"


def convert(source_file: Path, target: str, tmp_path: Path) -> Path:
    """The file as LibreOffice saves it after opening it (a profile of its own, so runs never share a lock)."""
    out = tmp_path / f"out-{source_file.stem}-{target}"
    command = [
        SOFFICE,
        f"-env:UserInstallation=file://{tmp_path}/profile",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out),
    ]
    if source_file.suffix == ".csv":
        command.append(f"--infilter={CSV_FILTER}")
    subprocess.run([*command, str(source_file)], check=True, capture_output=True, timeout=180)
    [result] = out.iterdir()
    return result


def xlsx_cells(path: Path) -> list[list]:
    """Every cell of the first sheet as (value, data type), formulas as written (not their results)."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def formulas_in(path: Path) -> list:
    if path.suffix == ".ods":
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
        return [content.count(b"table:formula=")] if b"table:formula=" in content else []
    return [value for row in xlsx_cells(path) for value, kind in row if kind == "f"]


def as_text(value) -> str:
    return "" if value is None else str(value)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_libreoffice_evaluates_no_formula_of_the_csv_export(source, tmp_path):  # noqa: F811
    exported = body(rest_get(logged_in("Admin", PASSWORD), f"events/{source.id}/participants.csv"))
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"), newline="")))
    naive = io.StringIO(newline="")
    csv.writer(naive).writerows([[restore(cell) for cell in row] for row in rows])
    assert formulas_in(convert(write(tmp_path, "naive.csv", naive.getvalue().encode()), "xlsx", tmp_path))

    path = write(tmp_path, "participants.csv", exported)
    for target in ("xlsx", "ods"):
        assert formulas_in(convert(path, target, tmp_path)) == [], target
    opened = xlsx_cells(convert(path, "xlsx", tmp_path))
    header = [value for value, _kind in opened[0]]
    for written, read in zip(rows[1:], opened[1:], strict=True):
        cells = dict(zip(header, read, strict=False))
        for column in ("Last name", "First name", "Job title", "Email", "Phone", "Accessibility needs"):
            value, kind = cells[column]
            assert (as_text(value), kind in ("s", "n")) == (written[header.index(column)], True), column
        # What the apostrophe shields is shown as text, apostrophe and all: a reader sees the value, never a result.
        assert as_text(cells["Dietary needs"][0]) == written[header.index("Dietary needs")]


@pytest.mark.django_db
def test_libreoffice_evaluates_no_formula_of_the_xlsx_export_and_keeps_the_exact_text(source, tmp_path):  # noqa: F811
    naive = openpyxl.Workbook()
    naive.active.append(["=1+1", PEOPLE[1]["job_title"]])
    buffer = io.BytesIO()
    naive.save(buffer)
    assert formulas_in(convert(write(tmp_path, "naive.xlsx", buffer.getvalue()), "xlsx", tmp_path))

    exported = body(rest_get(logged_in("Admin", PASSWORD), f"events/{source.id}/participants.xlsx"))
    path = write(tmp_path, "participants.xlsx", exported)
    for target in ("xlsx", "ods"):
        assert formulas_in(convert(path, target, tmp_path)) == [], target
    opened = xlsx_cells(convert(path, "xlsx", tmp_path))
    header = [value for value, _kind in opened[0]]
    by_email = {
        dict(zip(header, row, strict=False))["Email"][0]: dict(zip(header, row, strict=False)) for row in opened
    }
    for person in PEOPLE:
        cells = by_email[person["email"]]
        for column, key in (("First name", "first_name"), ("Last name", "last_name"), ("Job title", "job_title")):
            # Only a value that itself begins with an apostrophe before a formula gets one more (the import's cue).
            expected = neutralise(person[key]) if person[key].startswith("'") else person[key]
            assert (as_text(cells[column][0]), cells[column][1]) == (expected, "s" if expected else "n"), column
        assert as_text(cells["Phone"][0]) == person["phone"]  # +237 … stays text, not a number or a formula
