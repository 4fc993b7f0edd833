"""The agenda: sessions within the event, no room double-booked, nobody speaking or chairing in two places at once.

Writes lock the event row first, so two sessions cannot be booked into one room at the same time concurrently.
"""

import re

from core.services import BaseService

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import ACTIVE_PARTICIPANT_STATUSES, Event, Participant, Session, SessionType, Showcase, ShowcaseStatus
from ..permissions import Action
from ..timeutils import to_storage, zone_or_none
from .base import service_method, touch
from .history import record_lists
from .locks import locked_event, locked_in_event
from .showcases import EVENT_CLOSED, ON_PROGRAMME

# Showcases a session can present: those the organisers accepted, scheduled or already saw presented.
ON_PROGRAMME_OR_ACCEPTED = {*ON_PROGRAMME, ShowcaseStatus.ACCEPTED}

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_TEXT_FIELDS = {
    "title": ("title", 255, True),
    "title_fr": ("titleFr", 255, False),
    "description": ("description", 10_000, False),
    "description_fr": ("descriptionFr", 10_000, False),
    "room": ("room", 128, False),
}


def _languages(values, *, field: str) -> list[str]:
    """ISO 639-1 codes, lower case, without repeats."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)) or len(values) > 10:
        raise MeetingError(Problems.TOO_MANY_IDS, field=field, max=10)
    codes = [v.clean_text(value, field=field, max_length=8).lower() for value in values]
    for code in codes:
        if not _LANGUAGE.match(code):
            raise MeetingError(Problems.UNKNOWN_LANGUAGE, field=field, value=code)
    return list(dict.fromkeys(codes))


def _people(data: dict, key: str, field: str, event: Event) -> list[Participant] | None:
    if key not in data:
        return None
    ids = v.clean_ids(data[key], field=field, max_count=50) if data[key] else []
    found = {p.id: p for p in Participant.objects.live().filter(id__in=ids, event=event)}
    for participant_id in ids:
        person = found.get(participant_id)
        if person is None or person.status not in ACTIVE_PARTICIPANT_STATUSES:
            raise MeetingError(Problems.SESSION_PERSON_OTHER_EVENT, field=field, value=str(participant_id))
    return [found[participant_id] for participant_id in ids]


def _showcases(data: dict, event: Event) -> list[Showcase] | None:
    if "showcase_ids" not in data:
        return None
    ids = v.clean_ids(data["showcase_ids"], field="showcaseIds", max_count=50) if data["showcase_ids"] else []
    on_programme = Showcase.objects.live().filter(id__in=ids, event=event, status__in=ON_PROGRAMME_OR_ACCEPTED)
    found = {s.id: s for s in on_programme}
    for showcase_id in ids:
        if showcase_id not in found:
            raise MeetingError(Problems.SHOWCASE_NOT_FOUND, field="showcaseIds", value=str(showcase_id))
    return [found[showcase_id] for showcase_id in ids]


def _apply_changes(session: Session, data: dict, event: Event) -> None:
    for key, (field, max_length, required) in _TEXT_FIELDS.items():
        if key in data:
            setattr(session, key, v.clean_text(data[key], field=field, max_length=max_length, required=required))
    if "session_type" in data:
        session.session_type = v.clean_choice(data["session_type"], field="sessionType", choices=SessionType)
    zone = zone_or_none(event.timezone)
    for key, field in (("starts_at", "startsAt"), ("ends_at", "endsAt")):
        if key in data:
            value = v.clean_datetime(data[key], field=field, zone=zone, required=True)
            setattr(session, key, to_storage(value, zone))
    if "languages" in data:
        session.languages = _languages(data["languages"], field="languages")
    if "interpretation" in data:
        session.interpretation = _languages(data["interpretation"], field="interpretation")
    if "capacity" in data:
        session.capacity = v.clean_capacity(data["capacity"])


def _check(session: Session, event: Event, people: list[Participant]) -> None:
    """Inside the event; its room and its speakers and chairs free at that time."""
    for key, field in (("title", "title"), ("session_type", "sessionType")):
        if not getattr(session, key):
            raise MeetingError(Problems.REQUIRED, field=field)
    v.require_datetime(session.starts_at, field="startsAt")
    v.require_datetime(session.ends_at, field="endsAt")
    v.check_before(session.starts_at, session.ends_at, Problems.SESSION_ENDS_BEFORE_START, field="endsAt")
    if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
        raise MeetingError(Problems.SESSION_OUTSIDE_EVENT, field="startsAt")
    overlapping = (
        Session.objects.live()
        .filter(event=event, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
        .exclude(id=session.id)
    )
    if session.room:
        taken = overlapping.filter(room__iexact=session.room).values_list("title", flat=True).first()
        if taken is not None:
            raise MeetingError(Problems.SESSION_ROOM_TAKEN, field="room", room=session.room, other=taken)
    busy = {person.id: person for person in people}
    for other in overlapping.prefetch_related("speakers", "chairs"):
        for person in [*other.speakers.all(), *other.chairs.all()]:
            if person.id in busy:
                raise MeetingError(Problems.SESSION_PERSON_BUSY, field="speakerIds", person=str(person), other=other)


def _save(session: Session, event: Event, user, data: dict) -> Session:
    speakers = _people(data, "speaker_ids", "speakerIds", event)
    chairs = _people(data, "chair_ids", "chairIds", event)
    showcases = _showcases(data, event)
    if session.id is None:
        current_speakers, current_chairs = [], []
    else:
        current_speakers, current_chairs = list(session.speakers.all()), list(session.chairs.all())
    people = [
        *(speakers if speakers is not None else current_speakers),
        *(chairs if chairs is not None else current_chairs),
    ]
    _check(session, event, people)
    if session.id is not None and (speakers, chairs, showcases) != (None, None, None):
        touch(session)  # a change of its lists alone is a change of the session: new version, history row
    record_lists(session, speakers=speakers, chairs=chairs, showcases=showcases)
    session.save(user=user)
    if speakers is not None:
        session.speakers.set(speakers)
    if chairs is not None:
        session.chairs.set(chairs)
    if showcases is not None:
        session.showcases.set(showcases)
    return session


def _check_open(event: Event, *, field: str) -> Event:
    """The agenda of a completed or cancelled event no longer changes."""
    if event.status in EVENT_CLOSED:
        raise MeetingError(Problems.EVENT_FINISHED, field=field, status=event.get_status_display())
    return event


def _locked_event(event_id, *, field: str) -> Event:
    return _check_open(locked_event(event_id, field=field), field=field)


def _locked_session(session_id) -> tuple[Event, Session]:
    uuid = v.clean_uuid(session_id, field="id")
    not_found = MeetingError(Problems.SESSION_NOT_FOUND, field="id", value=str(uuid))
    event, session = locked_in_event(Session, not_found=not_found, id=uuid)
    return _check_open(event, field="id"), session


class SessionService(BaseService):
    """Every write to the agenda; each method checks the caller's right and returns core's result dictionary."""

    OBJECT_TYPE = Session

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_session_service.create", Action.MANAGE_AGENDA)
    def create(self, obj_data: dict) -> Session:
        event = _locked_event(obj_data.get("event_id"), field="eventId")
        session = Session(event=event)
        _apply_changes(session, obj_data, event)
        return _save(session, event, self.user, obj_data)

    @service_method("meeting_session_service.update", Action.MANAGE_AGENDA)
    def update(self, obj_data: dict) -> Session:
        event, session = _locked_session(obj_data.get("id"))
        _apply_changes(session, obj_data, event)
        return _save(session, event, self.user, obj_data)

    @service_method("meeting_session_service.delete", Action.MANAGE_AGENDA)
    def delete(self, obj_data: dict) -> None:
        """Soft-delete every named session, or none of them if one is missing."""
        ids = v.clean_ids(obj_data.get("ids"), field="ids", max_count=int(MeetingConfig.config["max_ids_per_delete"]))
        sessions = {s.id: s for s in Session.objects.select_for_update().live().filter(id__in=ids).order_by("id")}
        for session_id in ids:
            if session_id not in sessions:
                raise MeetingError(Problems.SESSION_NOT_FOUND, field="ids", value=str(session_id))
            sessions[session_id].delete(user=self.user)
