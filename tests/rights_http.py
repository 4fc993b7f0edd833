"""The module's REST endpoints, found from its URL patterns (so a new one is covered without editing the tests), and
their answers read as text whatever the format."""

import io
import itertools

import document_tools
import document_world
import pytest
from django.urls import URLResolver, get_resolver, resolve
from openpyxl import load_workbook

from openimis_be_meeting import urls
from openimis_be_meeting.rights import HTTP_METHODS

from frontend import REST

# Values for the parameters of the module's URL patterns; a pattern naming another parameter fails the tests until
# its values are added here.
PARAMETER_VALUES = {
    "event_id": lambda world: [world.event_id],
    "token": lambda world: [world.token],
    "extension": lambda world: ["csv", "xlsx"],
    # A confirmed participant of the open event, given a certificate so that its download has something to send.
    "participant_id": lambda world: [document_world.with_certificate(world, world.participant_ids[3])],
    "letter_id": lambda world: [document_world.approved_letter(world, world.participant_ids[3])],
}


def endpoints(world) -> list[tuple[str, str, type]]:
    """(HTTP method, path under /api/, view class) of every endpoint of the module's urls.py."""
    resolver = get_resolver(urls.__name__)
    found = []
    for pattern in urls.urlpatterns:
        if isinstance(pattern, URLResolver):
            continue  # the public pages (public/urls.py) need no right by design: tests/test_public_*.py
        view = pattern.callback.view_class
        if getattr(view, "public_page", False):  # public pages have tests of their own (test_documents_*.py)
            continue
        [(possibilities, _regex, _defaults, _converters)] = resolver.reverse_dict.getlist(pattern.callback)
        [(template, parameters)] = possibilities
        missing = [name for name in parameters if name not in PARAMETER_VALUES]
        assert not missing, f"add values for {missing} to PARAMETER_VALUES in tests/rights_http.py"
        choices = [PARAMETER_VALUES[name](world) for name in parameters]
        for values in itertools.product(*choices):
            path = REST + template % dict(zip(parameters, values, strict=True))
            assert resolve(path).func.view_class is view, (path, view)  # the pattern really serves it
            found += [(method.upper(), path, view) for method in HTTP_METHODS if hasattr(view, method)]
    return found


def text_of(response) -> str:
    """The whole answer as text: a workbook's cells, a calendar's or a CSV's lines, a JSON body."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:5] == b"%PDF-":  # a document: its text as a reader copies it
        if document_tools.MISSING:
            pytest.skip(f"reading a PDF needs {document_tools.MISSING}: run `make documents-deps`")
        return document_tools.pdf_text(content)
    if content[:2] == b"PK":  # an XLSX file
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return "\n".join("\t".join("" if cell is None else str(cell) for cell in row) for row in sheet.values)
    return content.decode("utf-8-sig")
