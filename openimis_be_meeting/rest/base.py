"""What every REST view of the module shares: openIMIS authentication (JWT or session), the module's one rights
layer, and JSON errors ({"code", "message", "field"}) instead of HTML pages or 500s."""

import logging

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ..errors import MeetingError, MeetingPermissionDenied, Problem, Problems
from ..permissions import Action, require

logger = logging.getLogger(__name__)


def error_response(error: MeetingError, http_status: int) -> Response:
    return Response(error.as_dict(), status=http_status)


class MeetingAPIView(APIView):
    """An APIView whose subclasses name the Action they need; refusals come back as the module's JSON errors."""

    action: Action | None = None  # the right every request needs; None when the view checks itself

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action is not None:
            require(request.user, self.action)

    def handle_exception(self, exc):
        if isinstance(exc, MeetingPermissionDenied):
            unknown_caller = exc.problem is Problems.AUTHENTICATION_REQUIRED
            return error_response(exc, status.HTTP_401_UNAUTHORIZED if unknown_caller else status.HTTP_403_FORBIDDEN)
        if isinstance(exc, MeetingError):
            return error_response(exc, status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            return error_response(MeetingError(Problems.AUTHENTICATION_REQUIRED), status.HTTP_401_UNAUTHORIZED)
        if isinstance(exc, exceptions.APIException):
            problem = Problem("meeting.http.refused", exc.detail if isinstance(exc.detail, str) else str(exc.detail))
            return error_response(MeetingError(problem), exc.status_code)
        logger.exception("%s failed", type(self).__name__)
        return error_response(MeetingError(Problems.UNEXPECTED), status.HTTP_500_INTERNAL_SERVER_ERROR)
