"""Documents over plain HTTP, under /api/openimis_be_meeting/ (docs/documents.md):

    events/<event id>/badges.pdf          the badge right (216011): the event's badges, several to an A4 sheet with
                                          cutting marks; ?role=, ?status= (a badge status), ?organisationId=
    participants/<participant id>/badge.pdf   the badge right: one badge on a page of its own size
    participants/<participant id>/certificate.pdf   the certificate right (216009): the valid certificate, in its
                                          language; 404 when the participant has none
    visa-letters/<letter id>.pdf          the personal-data right (216006): an approved letter, with the passport
                                          details; refused once they were erased
    verify/<code>, verify/?code=          the public verification page (no login; documents/views.py)

Refusals are the module's JSON errors (rest/base.py); a participant who gets no badge (cancelled, waitlisted...)
is a 400 naming their status. An event's badges are streamed while they are drawn, ten sheets at a time
(documents/stream.py); other PDFs are written to a temporary file (on disk past 1 MB), then sent from it."""

import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.urls import re_path
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from ..documents import badges, rules
from ..documents.certificate_pdf import write_certificate
from ..documents.letter_pdf import write_letter
from ..documents.rules import certificate_of
from ..documents.views import VerificationPage
from ..errors import MeetingError
from ..permissions import Action
from .base import MeetingAPIView, path_event, request_language

PDF = "application/pdf"


def pdf_response(write, *, name: str, language: str) -> FileResponse:
    """A PDF written by `write(file)` into a temporary file, sent as a download that no shared cache keeps."""
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    with translation.override(language):
        write(spool)
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=f"{slugify(name) or 'document'}.pdf", content_type=PDF)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Language"] = language
    return response


def streamed_pdf(pieces, *, name: str, language: str) -> StreamingHttpResponse:
    """A PDF sent while it is made (the event's badges), in the request's language."""

    def translated():
        with translation.override(language):
            yield from pieces

    response = StreamingHttpResponse(translated(), content_type=PDF)
    response["Content-Disposition"] = content_disposition_header(True, f"{slugify(name) or 'document'}.pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Language"] = language
    return response


class EventBadgesView(MeetingAPIView):
    action = Action.PRINT_BADGES

    def get(self, request, event_id):
        language = request_language(request)
        event = path_event(event_id)
        params = request.query_params
        holders = rules.badge_holders(
            user=request.user,
            event=event,
            role=params.get("role"),
            status=params.get("status"),
            organisation_id=params.get("organisationId"),
        )
        limit = rules.badge_limit()
        if holders.count() > limit:
            raise MeetingError(rules.DocumentProblems.TOO_MANY_BADGES, field="eventId", max=limit)
        rows = holders.values(*rules.BADGE_FIELDS).iterator(chunk_size=500)
        return streamed_pdf(
            badges.streamed_sheets(event=event, rows=rows), name=f"{event.code}-badges", language=language
        )


class ParticipantBadgeView(MeetingAPIView):
    action = Action.PRINT_BADGES

    def get(self, request, participant_id):
        language = request_language(request)
        participant = rules.badge_owner(participant_id)
        return pdf_response(
            lambda output: badges.single_badge_pdf(output, participant),
            name=f"{participant.event.code}-badge-{participant.last_name}",
            language=language,
        )


class ParticipantCertificateView(MeetingAPIView):
    action = Action.ISSUE_CERTIFICATES

    def get(self, request, participant_id):
        certificate = certificate_of(participant_id)
        return pdf_response(
            lambda output: write_certificate(output, certificate, request=request),
            name=f"certificate-{certificate.code}",
            language=certificate.language,
        )


class VisaLetterView(MeetingAPIView):
    action = Action.VIEW_PERSONAL_DATA  # the letter shows the passport details

    def get(self, request, letter_id):
        language = request_language(request)
        letter = rules.approved_letter(letter_id)
        return pdf_response(
            lambda output: write_letter(output, letter, request=request), name=letter.number, language=language
        )


urlpatterns = [
    re_path(r"^events/(?P<event_id>[^/]+)/badges\.pdf$", EventBadgesView.as_view(), name="meeting-event-badges"),
    re_path(
        r"^participants/(?P<participant_id>[^/]+)/badge\.pdf$",
        ParticipantBadgeView.as_view(),
        name="meeting-participant-badge",
    ),
    re_path(
        r"^participants/(?P<participant_id>[^/]+)/certificate\.pdf$",
        ParticipantCertificateView.as_view(),
        name="meeting-participant-certificate",
    ),
    re_path(r"^visa-letters/(?P<letter_id>[^/]+)\.pdf$", VisaLetterView.as_view(), name="meeting-visa-letter"),
    # The public verification page (no login): documents/views.py.
    re_path(r"^verify/?$", VerificationPage.as_view(), name="meeting-verify-form"),
    re_path(r"^verify/(?P<code>.*)$", VerificationPage.as_view(), name="meeting-verify"),
]
