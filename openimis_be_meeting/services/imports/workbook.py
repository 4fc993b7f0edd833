"""The XML inside an XLSX workbook, checked with a streaming parser before openpyxl reads it: openpyxl builds each
element it meets, and a 31 KB workbook whose sheet nests four million elements grew a worker by about 1 GB. Every
XML part of the archive is read once by expat, which keeps no tree: elements may nest at most MAX_XML_DEPTH deep
(a sheet's cells nest 6: worksheet, sheetData, row, c, is, t), the archive may hold at most ELEMENTS_PER_ROW
elements per row the import accepts, and no part may declare a document type (entities are how XML expands)."""

import io
import zipfile
from xml.parsers import expat

from ...errors import MeetingError
from .report import ImportProblems, import_limits

MAX_XML_DEPTH = 32
ELEMENTS_PER_ROW = 100  # cells, their values and inline or shared strings, styles: generous for 15 columns
CHUNK = 64 * 1024


class _TooMuch(Exception):
    pass


def check_xml_parts(data: bytes, label: str) -> None:
    """Refuse a workbook whose XML nests too deep, holds too many elements or declares a document type."""
    _max_bytes, max_rows = import_limits()
    budget = {"elements": ELEMENTS_PER_ROW * (max_rows + 1) + 10_000}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(info) as part:
                    _check_part(part, info.filename, budget)


def _check_part(part, name: str, budget: dict) -> None:
    parser = expat.ParserCreate()
    depth = [0]

    def start(_tag, _attributes):
        depth[0] += 1
        budget["elements"] -= 1
        if depth[0] > MAX_XML_DEPTH:
            raise _TooMuch(f"{name} nests elements more than {MAX_XML_DEPTH} deep")
        if budget["elements"] < 0:
            raise _TooMuch("the workbook holds more XML elements than its rows need")

    def end(_tag):
        depth[0] -= 1

    def doctype(*_args):
        raise _TooMuch(f"{name} declares a document type")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = doctype
    try:
        while chunk := part.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _TooMuch as problem:
        raise MeetingError(ImportProblems.UNREADABLE, field="file", format="XLSX", reason=str(problem)) from None
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        reason = type(error).__name__
        raise MeetingError(ImportProblems.UNREADABLE, field="file", format="XLSX", reason=reason) from None
