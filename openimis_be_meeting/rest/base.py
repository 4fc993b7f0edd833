"""What every REST view of the module shares: openIMIS authentication (JWT or session), the module's one rights
layer, and JSON errors ({"code", "message", "field"}) instead of HTML pages or 500s."""

import logging
from contextlib import nullcontext

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ..errors import MeetingError, MeetingNotFound, MeetingPermissionDenied, Problem, Problems
from ..permissions import Action, require
from ..selectors import lists

logger = logging.getLogger(__name__)


def error_response(error: MeetingError, http_status: int) -> Response:
    return Response(error.as_dict(), status=http_status)


def _check_csrf(request) -> None:
    """A write authenticated by a cookie (the frontend's JWT cookie, or a Django session) must carry the CSRF token,
    as Django asks of any cookie-authenticated POST; a client sending `Authorization: Bearer` is not a browser
    tricked into sending a cookie. core's JWT authentication skips this check, so the module makes it."""
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or request.META.get("HTTP_AUTHORIZATION"):
        return
    if not getattr(request.user, "is_authenticated", False):
        return  # nobody to impersonate: the rights check answers 401
    check = CsrfViewMiddleware(lambda _request: None)
    check.process_request(request._request)
    reason = check.process_view(request._request, None, (), {})
    if reason is not None:
        raise MeetingPermissionDenied(Problems.CSRF_FAILED)


class _JsonAnswers(DefaultContentNegotiation):
    """Answers that are not files are JSON, whatever the client accepts: a download sent with `Accept: text/csv`
    must get its JSON error, not a 406, and a browser must not get DRF's HTML page."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class MeetingAPIView(APIView):
    """An APIView whose subclasses name the Action they need; refusals come back as the module's JSON errors."""

    action: Action | None = None  # the right every request needs; None when the view checks itself
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _JsonAnswers

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        _check_csrf(request)
        if self.action is not None:
            require(request.user, self.action)

    def handle_exception(self, exc):
        # Refusals in the caller's language too, when it can be told (an unknown `language` falls back).
        try:
            language = request_language(self.request)
        except MeetingError:  # the refusal itself must come through
            language = None
        with translation.override(language) if language else nullcontext():
            return self._refusal(exc)

    def _refusal(self, exc):
        if isinstance(exc, MeetingNotFound):
            return error_response(exc, status.HTTP_404_NOT_FOUND)
        if isinstance(exc, MeetingPermissionDenied):
            unknown_caller = exc.problem is Problems.AUTHENTICATION_REQUIRED
            return error_response(exc, status.HTTP_401_UNAUTHORIZED if unknown_caller else status.HTTP_403_FORBIDDEN)
        if isinstance(exc, MeetingError):
            return error_response(exc, status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Http404):
            return error_response(MeetingError(Problems.NOT_FOUND), status.HTTP_404_NOT_FOUND)
        if isinstance(exc, PermissionDenied):
            return error_response(MeetingError(Problems.PERMISSION_DENIED), status.HTTP_403_FORBIDDEN)
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return error_response(MeetingError(Problems.AUTHENTICATION_REQUIRED), status.HTTP_401_UNAUTHORIZED)
        if isinstance(exc, exceptions.APIException):
            problem = Problem("meeting.http.refused", exc.detail if isinstance(exc.detail, str) else str(exc.detail))
            return error_response(MeetingError(problem), exc.status_code)
        logger.exception("%s failed", type(self).__name__)
        return error_response(MeetingError(Problems.UNEXPECTED), status.HTTP_500_INTERNAL_SERVER_ERROR)


def request_language(request) -> str:
    """The `language` parameter when given, else the user's openIMIS language, else the request's (Accept-Language),
    among the instance's LANGUAGES."""
    offered = [code for code, _name in settings.LANGUAGES]
    asked = request.query_params.get("language")
    if asked:
        if asked not in offered:
            raise MeetingError(Problems.INVALID_CHOICE, field="language", value=asked[:16])
        return asked
    i_user = getattr(request.user, "i_user", None)
    for candidate in (getattr(i_user, "language_id", None), translation.get_language(), settings.LANGUAGE_CODE):
        if candidate in offered:
            return candidate
        if candidate and candidate.split("-")[0] in offered:
            return candidate.split("-")[0]
    return offered[0] if offered else "en"


def path_event(event_id):
    """The live event the request's address names; a 404 when there is none."""
    try:
        return lists.live_event(event_id, field="eventId")
    except MeetingError as error:
        if error.problem is Problems.EVENT_NOT_FOUND:
            raise MeetingNotFound(error.problem, field=error.field, value=error.params.get("value")) from None
        raise
