"""Exports over plain HTTP, under /api/openimis_be_meeting/:

    events/<event id>/participants.csv | .xlsx      the participants' right (216001); personal columns with 216006
    events/<event id>/showcases.csv | .xlsx         the showcases' right (217001); review columns with 217006
    events/<event id>/agenda.csv | .xlsx            the agenda's right (215001)
    interoperability-matrix.csv | .xlsx             the showcases' right (217001)

Authentication and rights are those of GraphQL (the JWT as a Bearer header or the frontend's JWT cookie; the
module's Action rights). Refusals are the module's JSON errors: 401 unauthenticated, 403 without the right,
400 for a bad parameter or a malformed event id, 404 for an event id that names no live event. Rights are checked
before the event is looked up, so callers without them learn nothing about which events exist.

CSV is streamed while the rows are read; XLSX is written to a temporary file, then sent. What the files hold is
decided in openimis_be_meeting/formats/tables/.
"""

from django.http import FileResponse, StreamingHttpResponse
from django.urls import re_path
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from ..formats import tables
from ..permissions import Action
from .base import MeetingAPIView, path_event, request_language


def _file_name(stem: str, extension: str) -> str:
    return f"{slugify(stem) or 'export'}.{extension}"


def csv_response(table: tables.Table) -> StreamingHttpResponse:
    response = StreamingHttpResponse(tables.csv_pieces(table), content_type=tables.CSV_MEDIA_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _file_name(table.name, "csv"))
    return response


def xlsx_response(table: tables.Table) -> FileResponse:
    return FileResponse(
        tables.xlsx_file(table),
        as_attachment=True,
        filename=_file_name(table.name, "xlsx"),
        content_type=tables.XLSX_MEDIA_TYPE,
    )


def file_response(table: tables.Table, extension: str, language: str):
    """The download of a table, with the headers every export carries."""
    response = csv_response(table) if extension == "csv" else xlsx_response(table)
    # The files may hold personal data: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Language"] = language
    return response


class ExportView(MeetingAPIView):
    """A table as a CSV or XLSX download; subclasses name the right and build the table."""

    def table(self, request, **kwargs) -> tables.Table:
        raise NotImplementedError

    def get(self, request, extension: str, **kwargs):
        language = request_language(request)
        return file_response(self.table(request, language=language, **kwargs), extension, language)


class ParticipantsExport(ExportView):
    action = Action.SEARCH_PARTICIPANTS

    def table(self, request, *, language, event_id):
        event = path_event(event_id)
        return tables.participants_table(request=request, event=event, params=request.query_params, language=language)


class ShowcasesExport(ExportView):
    action = Action.SEARCH_SHOWCASES

    def table(self, request, *, language, event_id):
        event = path_event(event_id)
        return tables.showcases_table(request=request, event=event, params=request.query_params, language=language)


class AgendaExport(ExportView):
    action = Action.SEARCH_SESSIONS

    def table(self, request, *, language, event_id):
        event = path_event(event_id)
        return tables.agenda_table(request=request, event=event, params=request.query_params, language=language)


class MatrixExport(ExportView):
    action = Action.SEARCH_SHOWCASES

    def table(self, request, *, language):
        return tables.matrix_table(request=request, params=request.query_params, language=language)


_FORMAT = r"\.(?P<extension>csv|xlsx)$"
urlpatterns = [
    re_path(
        rf"^events/(?P<event_id>[^/]+)/participants{_FORMAT}",
        ParticipantsExport.as_view(),
        name="meeting-export-participants",
    ),
    re_path(
        rf"^events/(?P<event_id>[^/]+)/showcases{_FORMAT}", ShowcasesExport.as_view(), name="meeting-export-showcases"
    ),
    re_path(rf"^events/(?P<event_id>[^/]+)/agenda{_FORMAT}", AgendaExport.as_view(), name="meeting-export-agenda"),
    re_path(rf"^interoperability-matrix{_FORMAT}", MatrixExport.as_view(), name="meeting-export-matrix"),
]
