"""The calendars (iCalendar, RFC 5545) of an event, of its agenda, of its public programme and of one participant's
personal agenda, in the active language: the feeds of rest/feeds.py and public/agenda.py serve them, reminders
attach the personal one (mail/messages.py). Times are written in the event's own zone (TZID with a VTIMEZONE built
from the zone's transitions); UIDs are `<row uuid>@openimis-be-meeting`, so a re-import updates the entries;
SEQUENCE grows with the rows' versions. Drafts and postponed events are written STATUS:TENTATIVE, cancelled events
(and their sessions) STATUS:CANCELLED: a subscribed calendar learns of the change instead of keeping a stale copy."""

import re
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..models import (
    ACTIVE_PARTICIPANT_STATUSES,
    Event,
    EventStatus,
    Participant,
    ParticipantStatus,
    Session,
    Showcase,
    ShowcaseStatus,
)
from ..timeutils import now_for_storage, zone_or_none
from . import calendars as ical

# Registrations whose personal feed is served: those holding a seat, a place in line or a pending request, and the
# confirmed people marked absent when the event completed (their calendar keeps the event). Rejected, cancelled,
# withdrawn and deleted registrations get the same 404 as an unknown token.
FEED_PARTICIPANT_STATUSES = frozenset({*ACTIVE_PARTICIPANT_STATUSES, ParticipantStatus.NO_SHOW})
# Showcases named in a session's description: only those on the programme.
PROGRAMME_SHOWCASES = (ShowcaseStatus.ACCEPTED, ShowcaseStatus.SCHEDULED, ShowcaseStatus.PRESENTED)


def _line(label, value) -> str:
    """A "label: value" line; labels are translated outside f-strings, where gettext's extraction finds them."""
    return f"{label}: {value}"


_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _vevent_status(event: Event) -> str:
    if event.status == EventStatus.CANCELLED:
        return "CANCELLED"
    if event.status in (EventStatus.DRAFT, EventStatus.POSTPONED):
        return "TENTATIVE"
    return "CONFIRMED"


def _sequence(*rows) -> int:
    """0 for rows never changed; grows by one with every saved change of any of them."""
    return int(sum(max(int(row.version or 1) - 1, 0) for row in rows))


def _revised(*rows):
    """When the newest of the rows was last changed (naive UTC, as stored)."""
    stamps = [row.date_updated or row.date_created for row in rows if (row.date_updated or row.date_created)]
    return max(stamps) if stamps else now_for_storage()


def _label(model, field: str) -> str:
    return capfirst(str(model._meta.get_field(field).verbose_name))


def _language_names(codes) -> str:
    names = []
    for code in codes:
        try:
            names.append(str(translation.get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names)


def _name(person: Participant) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def _registration_stands(person: Participant) -> bool:
    """Speakers and chairs named to holders of the agenda right (as GraphQL names them), unless they left."""
    return person.status in FEED_PARTICIPANT_STATUSES


def _listed(person: Participant) -> bool:
    """Speakers and chairs named in a personal feed: as in the published participant list, confirmed people who
    agreed to be listed; nobody else's name, and never anyone's contact details."""
    return person.status == ParticipantStatus.CONFIRMED and person.consent_listed


def _event_vevent(event: Event, zone, participant: Participant | None = None) -> ical.Component:
    vevent = ical.Component("VEVENT")
    vevent.add("UID", ical.uid(event.id))
    vevent.add("DTSTAMP", ical.in_utc(_revised(event)))
    vevent.add_instant("DTSTART", event.starts_at, zone)
    vevent.add_instant("DTEND", event.ends_at, zone)
    vevent.add("SEQUENCE", _sequence(event))
    if event.date_created:
        vevent.add("CREATED", ical.in_utc(event.date_created))
    vevent.add("LAST-MODIFIED", ical.in_utc(_revised(event)))
    vevent.add_text("SUMMARY", event.local_name)
    lines = [event.local_description]
    if event.online_url:
        lines.append(f"{_label(Event, 'online_url')}: {event.online_url}")
    if event.organisers:
        lines.append(f"{_label(Event, 'organisers')}: {event.organisers}")
    if participant is not None:
        lines.append(_line(_("Your registration"), participant.get_status_display()))
    vevent.add_text("DESCRIPTION", "\n\n".join(line for line in lines if line))
    vevent.add_text("LOCATION", ", ".join(part for part in (event.venue, event.city, event.country) if part))
    if event.online_url:
        vevent.add("URL", event.online_url)
    vevent.add("STATUS", _vevent_status(event))
    vevent.add_texts("CATEGORIES", [event.get_event_type_display()])
    vevent.add("TRANSP", "OPAQUE")
    vevent.add_text("X-OPENIMIS-EVENT-CODE", event.code)
    vevent.add_text("X-OPENIMIS-EVENT-STATUS", event.status)
    if participant is not None:
        vevent.add_text("X-OPENIMIS-REGISTRATION-STATUS", participant.status)
    return vevent


def _session_vevent(session: Session, event: Event, zone, *, may_name, me: Participant | None = None):
    roles = {}  # the participant's own roles here: code -> label
    if me is not None and any(person.id == me.id for person in session.speakers.all()):
        roles["SPEAKER"] = _("Speaker")
    if me is not None and any(person.id == me.id for person in session.chairs.all()):
        roles["CHAIR"] = _("Chair")
    vevent = ical.Component("VEVENT")
    vevent.add("UID", ical.uid(session.id))
    vevent.add("DTSTAMP", ical.in_utc(_revised(session, event)))
    vevent.add_instant("DTSTART", session.starts_at, zone)
    vevent.add_instant("DTEND", session.ends_at, zone)
    # The entry also shows the event's status: a change of either must reach the calendars.
    vevent.add("SEQUENCE", _sequence(session, event))
    if session.date_created:
        vevent.add("CREATED", ical.in_utc(session.date_created))
    vevent.add("LAST-MODIFIED", ical.in_utc(_revised(session, event)))
    vevent.add_text("SUMMARY", session.local_title)
    type_label = session.get_session_type_display()
    lines = [f"{_label(Session, 'session_type')}: {type_label}"]
    if session.languages:
        lines.append(f"{_label(Session, 'languages')}: {_language_names(session.languages)}")
    if session.interpretation:
        lines.append(f"{_label(Session, 'interpretation')}: {_language_names(session.interpretation)}")
    speakers = [_name(person) for person in session.speakers.all() if may_name(person)]
    chairs = [_name(person) for person in session.chairs.all() if may_name(person)]
    if speakers:
        lines.append(_line(_("Speakers"), ", ".join(speakers)))
    if chairs:
        lines.append(_line(_("Chairs"), ", ".join(chairs)))
    showcases = [showcase.local_title for showcase in session.showcases.all()]
    if showcases:
        lines.append(f"{_label(Session, 'showcases')}: {'; '.join(showcases)}")
    if roles:
        lines.append(_line(_("Your role"), ", ".join(roles.values())))
    details = "\n".join(lines)
    vevent.add_text(
        "DESCRIPTION", f"{session.local_description}\n\n{details}" if session.local_description else details
    )
    vevent.add_text("LOCATION", session.room)
    vevent.add("STATUS", _vevent_status(event))
    vevent.add_texts("CATEGORIES", [type_label, *roles.values()])
    # Parallel sessions do not all block the day; one's own sessions do.
    vevent.add("TRANSP", "OPAQUE" if roles else "TRANSPARENT")
    vevent.add("RELATED-TO", ical.uid(event.id))
    vevent.add_text("X-OPENIMIS-SESSION-TYPE", session.session_type)
    vevent.add_texts("X-OPENIMIS-LANGUAGES", session.languages)
    vevent.add_texts("X-OPENIMIS-INTERPRETATION", session.interpretation)
    vevent.add_texts("X-OPENIMIS-ROLE", list(roles))
    return vevent


def _sessions(event: Event):
    people = Participant.objects.live().order_by("last_name", "first_name", "id")
    return list(
        Session.objects.live()
        .filter(event=event)
        .prefetch_related(
            Prefetch("speakers", queryset=people),
            Prefetch("chairs", queryset=people),
            Prefetch(
                "showcases",
                queryset=Showcase.objects.live().filter(status__in=PROGRAMME_SHOWCASES).order_by("starts_at", "title"),
            ),
        )
        .order_by("starts_at", "ends_at", "title", "id")
    )


def _calendar(event: Event, zone, name: str) -> ical.Component:
    root = ical.calendar(name, zone)
    if zone is not None:
        # Sessions lie within the event's dates: its span covers every time written in the zone.
        root.append(ical.vtimezone(zone, event.starts_at, event.ends_at))
    return root


def _filename(event: Event, suffix: str) -> str:
    return f"{_FILENAME_UNSAFE.sub('-', event.code).strip('-') or 'event'}-{suffix}.ics"


def refreshing(root: ical.Component) -> ical.Component:
    """A subscribed feed's calendar asks its reader to fetch it again every hour (RFC 7986 and the older X- name)."""
    root.add("REFRESH-INTERVAL", timedelta(hours=1), value="DURATION")
    root.add("X-PUBLISHED-TTL", "PT1H")
    return root


def personal_agenda(participant: Participant) -> tuple[ical.Component, str]:
    """A participant's agenda (the event and its sessions, their own roles marked) and its file name, in the active
    language: the feed above, and the calendar attached to reminders."""
    event = participant.event
    zone = zone_or_none(event.timezone)
    root = refreshing(_calendar(event, zone, event.local_name))
    root.append(_event_vevent(event, zone, participant))
    for session in _sessions(event):
        root.append(_session_vevent(session, event, zone, may_name=_listed, me=participant))
    return root, _filename(event, "my-agenda")


def event_calendar(event: Event) -> tuple[ical.Component, str]:
    """The event as one VEVENT, and the file's name."""
    zone = zone_or_none(event.timezone)
    root = _calendar(event, zone, event.local_name)
    root.append(_event_vevent(event, zone))
    return root, _filename(event, "event")


def agenda_calendar(event: Event) -> tuple[ical.Component, str]:
    """Every live session of the event as one VEVENT (speakers and chairs named while their registration stands),
    and the file's name."""
    zone = zone_or_none(event.timezone)
    root = _calendar(event, zone, f"{event.local_name} – {capfirst(str(Session._meta.verbose_name_plural))}")
    for session in _sessions(event):
        root.append(_session_vevent(session, event, zone, may_name=_registration_stands))
    return root, _filename(event, "agenda")


def public_agenda(event: Event, sessions) -> tuple[ical.Component, str]:
    """The event and the given sessions, each person in them named (the public page's selection, names only with
    consent), refreshed hourly by subscribers, and the file's name."""
    zone = zone_or_none(event.timezone)
    root = refreshing(_calendar(event, zone, event.local_name))
    root.append(_event_vevent(event, zone))
    for session in sessions:
        root.append(_session_vevent(session, event, zone, may_name=lambda person: True))
    return root, _filename(event, "agenda")
