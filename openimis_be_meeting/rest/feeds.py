"""Calendar feeds (iCalendar, RFC 5545) of an event, of its agenda, and of one participant's personal agenda.

    GET events/<event id>/calendar.ics   the event as one VEVENT                        event search right
    GET events/<event id>/agenda.ics     each live session as one VEVENT                agenda search right
    GET feeds/<check-in token>/agenda.ics  the event and all its sessions, the participant's own roles marked;
                                         no login: the registration's opaque check-in token is the key

The calendars themselves are built in formats/agenda_calendars.py; here are who may read them, the language, the
ETag and the refusals.
"""

import hashlib
import hmac
from contextlib import nullcontext

from core.jwt_authentication import JWTAuthentication
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import path
from django.utils import translation
from django.utils.http import parse_etags, quote_etag

from ..errors import MeetingNotFound, Problems
from ..formats import agenda_calendars as calendars
from ..formats import calendars as ical
from ..models import Participant
from ..permissions import Action
from .base import MeetingAPIView, path_event


class CalendarFeedView(MeetingAPIView):
    """A feed: the calendar itself on success, the module's JSON errors otherwise (the base view answers JSON
    whatever the Accept header asks), and 404 rather than 400 for an event or token that is not there."""

    def language(self, request):
        """The caller's openIMIS language, as GraphQL uses it; none (the request's own) for anonymous callers."""
        try:
            language = request.user.language if request.user.is_authenticated else None
        except Exception:  # noqa: BLE001 - a user without an openIMIS profile keeps the request's language
            language = None
        code = getattr(language, "code", language)
        return translation.override(code) if isinstance(code, str) and code else nullcontext()

    def calendar_response(self, request, root: ical.Component, filename: str) -> HttpResponse:
        body = root.to_ical()
        etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["ETag"] = etag
        # Personal or rights-bound: no shared cache keeps it; clients revalidate with the ETag.
        response["Cache-Control"] = "private, no-cache"
        return response


class EventCalendarView(CalendarFeedView):
    """GET events/<event id>/calendar.ics: the event as one VEVENT."""

    action = Action.SEARCH_EVENTS

    def get(self, request, event_id):
        event = path_event(event_id)
        with self.language(request):
            return self.calendar_response(request, *calendars.event_calendar(event))


class EventAgendaView(CalendarFeedView):
    """GET events/<event id>/agenda.ics: every live session of the event as one VEVENT."""

    action = Action.SEARCH_SESSIONS

    def get(self, request, event_id):
        event = path_event(event_id)
        with self.language(request):
            return self.calendar_response(request, *calendars.agenda_calendar(event))


def participant_by_token(token) -> Participant:
    """The live registration with that check-in token, of a live event, in a status whose feed is served; the same
    refusal otherwise. The unique index finds the row; the constant-time comparison then confirms the token, so a
    case-insensitive collation (SQL Server's default) cannot let a differently written token through."""
    unknown = MeetingNotFound(Problems.CHECKIN_TOKEN_UNKNOWN, field="token")
    if not isinstance(token, str) or not 0 < len(token) <= 64 or "\x00" in token:  # PostgreSQL cannot compare NUL
        raise unknown
    participant = (
        Participant.objects.live()
        .filter(checkin_token=token, event__is_deleted=False, status__in=calendars.FEED_PARTICIPANT_STATUSES)
        .select_related("event")
        .first()
    )
    if participant is None or not hmac.compare_digest(participant.checkin_token.encode(), token.encode()):
        raise unknown
    return participant


class PersonalAgendaView(CalendarFeedView):
    """GET feeds/<check-in token>/agenda.ics: a participant's agenda without login. The event and all its sessions,
    those the participant speaks at or chairs marked (X-OPENIMIS-ROLE, the description, CATEGORIES, OPAQUE)."""

    # The token is the key: no login, and a stale JWT cookie of the browser must not turn the feed into a 401.
    authentication_classes = []
    permission_classes = []

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # Django logs every refused request with its path ("Not Found: /…/feeds/<token>/agenda.ics"): the path holds
        # a check-in token (of a cancelled registration, say), which no log may keep. core's rate limit still counts.
        response._has_been_logged = True
        return response

    def get(self, request, token):
        JWTAuthentication.check_rate_limit(request)  # core's limit for unauthenticated guessing (PROD mode)
        participant = participant_by_token(token)
        with self.language(request):
            return self.calendar_response(request, *calendars.personal_agenda(participant))


urlpatterns = [
    path("events/<str:event_id>/calendar.ics", EventCalendarView.as_view(), name="meeting-event-calendar"),
    path("events/<str:event_id>/agenda.ics", EventAgendaView.as_view(), name="meeting-event-agenda"),
    path("feeds/<str:token>/agenda.ics", PersonalAgendaView.as_view(), name="meeting-personal-agenda"),
]
