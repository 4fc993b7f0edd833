"""POST events/<id>/participants/import: register the participants of a CSV or XLSX file (multipart field `file`).

Options, as query parameters or form fields: dryRun (check and report, write nothing), partial (import the valid
rows even when others have errors), createOrganisations (create the organisations no live one is named or
abbreviated as). Answers 200 with the report; 400 with the module's JSON error when the file, an option or the
event's state is refused (404 when the id names no live event), and 400 with the error and the report together
when a real all-or-nothing run has invalid rows. Rights are checked before the event is looked up. Messages (row
errors and refusals) are in the `language` parameter's language, else the user's openIMIS language, else the
request's, as for the exports.
"""

from django.urls import re_path
from django.utils import translation
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from ..errors import MeetingError
from ..permissions import Action
from ..services.imports import import_participants
from ..services.imports.report import ImportOptions, ImportProblems, import_limits, parse_option
from .base import MeetingAPIView, path_event, request_language


def _option(request, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None:
        value = request.data.get(name)
    return parse_option(value, field=name)


class ParticipantImportView(MeetingAPIView):
    action = Action.REGISTER_PARTICIPANTS
    parser_classes = [MultiPartParser, FormParser]

    def post(self, request, event_id):
        path_event(event_id)  # 404 for an event that is not there, before the upload is read
        options = ImportOptions(
            dry_run=_option(request, "dryRun"),
            create_organisations=_option(request, "createOrganisations"),
            partial=_option(request, "partial"),
        )
        upload = request.FILES.get("file")
        if upload is None:
            raise MeetingError(ImportProblems.FILE_REQUIRED, field="file")
        max_bytes, _rows = import_limits()
        # Refused before reading it; the service checks the size again for callers that hand it bytes.
        data = upload.read(max_bytes + 1)
        language = request_language(request)
        with translation.override(language):  # the rows' messages are written while they are checked
            report = import_participants(request.user, event_id, name=upload.name, data=data, options=options)
            body = report.as_dict()
        response = Response(body, status=status.HTTP_400_BAD_REQUEST if report.refusal else status.HTTP_200_OK)
        response["Content-Language"] = language
        return response


urlpatterns = [
    re_path(r"^events/(?P<event_id>[^/]+)/participants/import/?$", ParticipantImportView.as_view()),
]
