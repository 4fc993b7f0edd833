"""The public agenda of an announced event: its days, rooms and sessions as a grid, in the event's own time zone,
with a calendar feed; the register button while public registration is open."""

from itertools import groupby

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse

from ..apps import DEFAULT_CFG, MeetingConfig
from ..formats import agenda_calendars
from ..rest.feeds import CalendarFeedView
from ..selectors.public import public_event, public_sessions, takes_public_registrations
from ..timeutils import from_storage, zone_or_none
from .pages import page, public_page

NO_ROOM = ""


def _grid(sessions, zone) -> list[dict]:
    """Per day: its rooms (columns) and one row per starting time, each cell the sessions starting then there."""
    days = []
    local = [(from_storage(s.starts_at, zone), from_storage(s.ends_at, zone), s) for s in sessions]
    for day, items in groupby(local, key=lambda item: item[0].date()):
        items = list(items)
        rooms = sorted({s.room for _start, _end, s in items}, key=lambda room: (room == NO_ROOM, room))
        rows = []
        for start, group in groupby(items, key=lambda item: item[0]):
            group = list(group)
            cells = [[_entry(s, b, e) for b, e, s in group if s.room == room] for room in rooms]
            rows.append({"time": start, "cells": cells})
        days.append({"day": day, "rooms": rooms, "rows": rows})
    return days


def _entry(session, starts, ends) -> dict:
    return {
        "session": session,
        "starts": starts,
        "ends": ends,
        "speakers": [f"{p.first_name} {p.last_name}" for p in session.speakers.all()],
        "chairs": [f"{p.first_name} {p.last_name}" for p in session.chairs.all()],
        "showcases": [showcase.local_title for showcase in session.showcases.all()],
        "languages": [code.upper() for code in session.languages],
        "interpretation": [code.upper() for code in session.interpretation],
    }


@public_page()
def event_page(request, event_id):
    """The event and its agenda, to anyone, for an announced (not draft, not deleted) event. The rendered page is
    kept in the instance's cache for a few seconds (DEFAULT_CFG "public_agenda_cache_seconds"), per language and
    event version, so a registration-day crowd costs one rendering per period: a session changed is shown after at
    most that long, a change of the event itself at once."""
    event = public_event(event_id)
    if event is None:
        raise Http404
    seconds = _cache_seconds()
    if seconds <= 0:
        return _render_event_page(request, event)
    key = f"openimis_be_meeting:public:agenda:{event.id}:{event.version}:{event.status}:{request.page_language}"
    body = cache.get(key)
    if body is None:
        body = _render_event_page(request, event).content
        cache.set(key, body, timeout=seconds)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


def _cache_seconds() -> int:
    return int(MeetingConfig.config.get("public_agenda_cache_seconds", DEFAULT_CFG["public_agenda_cache_seconds"]))


def _render_event_page(request, event):
    zone = zone_or_none(event.timezone)
    context = {
        "event": event,
        "zone": event.timezone,
        "starts": from_storage(event.starts_at, zone),
        "ends": from_storage(event.ends_at, zone),
        "days": _grid(public_sessions(event), zone),
        "open": takes_public_registrations(event),
        "feed_url": reverse("meeting-public-agenda-feed", kwargs={"event_id": event.id}),
    }
    return page(request, "event.html", context)


class PublicAgendaFeed(CalendarFeedView):
    """GET public/events/<id>/agenda.ics: the event and its sessions, named as on the public page, without login."""

    authentication_classes = []
    permission_classes = []

    def get(self, request, event_id):
        event = public_event(event_id)
        if event is None:
            raise Http404
        with self.language(request):
            return self.calendar_response(request, *agenda_calendars.public_agenda(event, public_sessions(event)))
