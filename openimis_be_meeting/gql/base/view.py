"""The GraphQL view an instance serves its API with (docs/security.md, "The GraphQL view"): graphene-django's view
with the module's query limits as its backend, which also answers 400, with the module's own code, where
graphene-django answers 500 or reads without bound: a body larger than gql_max_body_bytes, a body that is not
UTF-8, JSON nested deeper than gql_max_json_depth (variables included; Python's JSON reader and graphql-core's
variable coercion recurse), and which reports at most gql_max_errors errors.

    path("api/graphql", csrf_exempt(jwt_cookie(MeetingGraphQLView.as_view(graphiql=True))))
"""

import json
import re

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import CsrfViewMiddleware, get_token
from graphene_django.views import GraphQLView, HttpError

from ...apps import MeetingConfig
from ...errors import MeetingError, Problems
from .limits import QueryLimitsBackend


class RequestRefused(HttpError):
    """A request refused before GraphQL reads it, answered with HTTP 400 (413 for a body too large)."""

    def __init__(self, problem, status: int = 400, **params):
        self.problem, self.text = problem, MeetingError(problem, **params).message
        super().__init__(HttpResponse(status=status), self.text)


class MeetingGraphQLView(GraphQLView):
    """graphene-django's GraphQLView with the module's limits on the request, the document and the answer."""

    def __init__(self, *args, backend=None, **kwargs):
        super().__init__(*args, backend=backend if backend is not None else QueryLimitsBackend(), **kwargs)

    def dispatch(self, request, *args, **kwargs):
        # Every answer carries the csrftoken cookie (as ensure_csrf_cookie does), so that the frontend, whose first
        # call is the module configurations query, has the token to repeat when it logs in.
        get_token(request)
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request):
        _check_size(request)
        try:
            body = request.body
        except RequestDataTooBig as error:  # DATA_UPLOAD_MAX_MEMORY_SIZE: refused unread, as graphene-django does
            raise HttpError(HttpResponseBadRequest(str(error))) from None
        if self.get_content_type(request) == "application/graphql":
            return {"query": _text(body)}
        if self.get_content_type(request) == "application/json":
            _text(body)
        try:
            data = super().parse_body(request)
        except RecursionError:
            raise _too_deep() from None
        _check_depth(data)
        return data

    def execute_graphql_request(self, request, data, query, *args, **kwargs):
        if query and _LOGIN.search(query) and _login_is_protected():
            _check_csrf(request)
        return super().execute_graphql_request(request, data, query, *args, **kwargs)

    @staticmethod
    def get_graphql_params(request, data):
        try:
            params = GraphQLView.get_graphql_params(request, data)
        except RecursionError:
            raise _too_deep() from None
        _check_depth(params[1])
        return params

    @staticmethod
    def format_error(error):
        if isinstance(error, RequestRefused):
            return {"message": error.text, "extensions": {"code": error.problem.code}}
        return GraphQLView.format_error(error)


# core's login mutation: a cross-site form must not log a browser into another account (login CSRF).
_LOGIN = re.compile(r"\btokenAuth\b")


def _login_is_protected() -> bool:
    """core's csrf_protect_login setting (true unless the instance turns it off), which core itself never enforces."""
    from core.apps import CoreConfig

    return CoreConfig.csrf_protect_login is not False


def _check_csrf(request) -> None:
    """A login must not come from another site's page: Django's CSRF check (the csrftoken cookie repeated in
    X-CSRFToken, and the origin) passes it; so does a JSON or GraphQL body whose browser says it comes from this very
    origin. A cross-site page can send neither: a form cannot set those content types, and a script that does
    needs CORS and carries its own Origin. The second way is the openIMIS frontend's: fe-core sends, at login, the
    X-CSRFToken it keeps from the previous session (or none), not the cookie."""
    refused = CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})
    if refused is not None and not _same_origin_api_call(request):
        raise RequestRefused(Problems.CSRF_FAILED, status=403)


def _same_origin_api_call(request) -> bool:
    if request.content_type not in ("application/json", "application/graphql"):
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False
    return origin == f"{request.scheme}://{request.get_host()}"


def _setting(name: str) -> int | None:
    value = MeetingConfig.config.get(name)
    return None if value is None else int(value)


def _check_size(request) -> None:
    maximum = _setting("gql_max_body_bytes")
    if maximum is None:
        return
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > maximum or len(request.body) > maximum:  # the header first: a body too large is never read
        raise RequestRefused(Problems.REQUEST_TOO_LARGE, status=413, max=maximum)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestRefused(Problems.REQUEST_NOT_UTF8) from None


def _too_deep() -> RequestRefused:
    return RequestRefused(Problems.REQUEST_INVALID_JSON, max=_setting("gql_max_json_depth") or "∞")


def _check_depth(value) -> None:
    """Refuse JSON (the body, or variables given as text) nested deeper than gql_max_json_depth."""
    maximum = _setting("gql_max_json_depth")
    if maximum is None:
        return
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return  # graphene-django refuses it as invalid JSON itself
    stack = [(value, 1)]
    while stack:  # without recursion: the value may nest deeper than Python's stack
        item, depth = stack.pop()
        if depth > maximum:
            raise _too_deep()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
