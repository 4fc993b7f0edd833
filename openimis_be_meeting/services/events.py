"""Writes to events: creation, changes, soft deletion and the status lifecycle."""

from core.services import BaseService
from django.db import IntegrityError, transaction

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..mail import outbox
from ..models import (
    ACTIVE_PARTICIPANT_STATUSES,
    Event,
    EventStatus,
    EventType,
    Participant,
    ParticipantStatus,
    ParticipationMode,
)
from ..permissions import Action
from ..timeutils import to_storage
from .attendance import mark_no_shows
from .base import service_method
from .locks import locked_event
from .lookups import openimis_location
from .participants import fill_seats
from .retention import last_day

S = EventStatus
_BEFORE_COMPLETION = {S.CANCELLED, S.POSTPONED}
# The one place where the event lifecycle is written down: status -> the statuses it may move to.
EVENT_TRANSITIONS = {
    S.DRAFT: {S.PUBLISHED, *_BEFORE_COMPLETION},
    S.PUBLISHED: {S.REGISTRATION_OPEN, *_BEFORE_COMPLETION},
    S.REGISTRATION_OPEN: {S.REGISTRATION_CLOSED, *_BEFORE_COMPLETION},
    S.REGISTRATION_CLOSED: {S.ONGOING, *_BEFORE_COMPLETION},
    S.ONGOING: {S.COMPLETED, *_BEFORE_COMPLETION},
    # A postponed event comes back once it has new dates.
    S.POSTPONED: {S.DRAFT, S.PUBLISHED, S.REGISTRATION_OPEN, S.CANCELLED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}

# Statuses in which an event is a record of what happened (or did not): its details no longer change.
FINISHED = {S.COMPLETED, S.CANCELLED}

# The input of a change allowed on a finished event.
RETENTION_ONLY = {"id", "retention_date"}

# Input key -> (API field name, maximum length, required)
_TEXT_FIELDS = {
    "code": ("code", 32, True),
    "name": ("name", 255, True),
    "name_fr": ("nameFr", 255, False),
    "description": ("description", 10_000, False),
    "description_fr": ("descriptionFr", 10_000, False),
    "venue": ("venue", 255, False),
    "city": ("city", 128, False),
    "organisers": ("organisers", 5_000, False),
    "privacy_notice_en": ("privacyNoticeEn", 10_000, False),
    "privacy_notice_fr": ("privacyNoticeFr", 10_000, False),
}
_DATETIME_FIELDS = {
    "starts_at": "startsAt",
    "ends_at": "endsAt",
    "registration_opens_at": "registrationOpensAt",
    "registration_closes_at": "registrationClosesAt",
}


def _apply_changes(event: Event, data: dict) -> None:
    """Copy the given input onto the event, each value cleaned; keys absent from `data` are left as they are."""
    if "timezone" in data or event.timezone == "":
        zone = v.clean_timezone(data.get("timezone"))
        event.timezone = zone.key
    else:
        zone = v.clean_timezone(event.timezone)
    for key, (field, max_length, required) in _TEXT_FIELDS.items():
        if key in data:
            setattr(event, key, v.clean_text(data[key], field=field, max_length=max_length, required=required))
    for key, field in _DATETIME_FIELDS.items():
        if key in data:
            setattr(event, key, to_storage(v.clean_datetime(data[key], field=field, zone=zone), zone))
    if "event_type" in data:
        event.event_type = v.clean_choice(data["event_type"], field="eventType", choices=EventType)
    if "participation_mode" in data:
        event.participation_mode = v.clean_choice(
            data["participation_mode"], field="participationMode", choices=ParticipationMode
        )
    if "country" in data:
        event.country = v.clean_country(data["country"])
    if "online_url" in data:
        event.online_url = v.clean_url(data["online_url"], field="onlineUrl", max_length=500)
    if "capacity" in data:
        event.capacity = v.clean_capacity(data["capacity"])
    if "requires_approval" in data:
        event.requires_approval = v.clean_flag(data["requires_approval"], field="requiresApproval")
    if "waiting_list" in data:
        event.no_waiting_list = not v.clean_flag(data["waiting_list"], field="waitingList")
    if "location_id" in data:
        event.location = openimis_location(data["location_id"])
    if "retention_date" in data:
        event.retention_date = v.clean_date(data["retention_date"], field="retentionDate")
    if "public_registration" in data:
        event.public_registration = v.clean_flag(data["public_registration"], field="publicRegistration")


def _check_event(event: Event) -> None:
    """The rules that hold for every saved event, whatever changed."""
    for key, (field, _max, required) in _TEXT_FIELDS.items():
        if required and not getattr(event, key):
            raise MeetingError(Problems.REQUIRED, field=field)
    if not event.event_type:
        raise MeetingError(Problems.REQUIRED, field="eventType")
    v.require_datetime(event.starts_at, field="startsAt")
    v.require_datetime(event.ends_at, field="endsAt")
    v.check_before(event.starts_at, event.ends_at, Problems.EVENT_ENDS_BEFORE_START, field="endsAt")
    v.check_before(
        event.registration_opens_at,
        event.registration_closes_at,
        Problems.EVENT_REGISTRATION_CLOSES_BEFORE_OPENS,
        field="registrationClosesAt",
    )
    if event.registration_closes_at is not None and event.registration_closes_at > event.ends_at:
        raise MeetingError(Problems.EVENT_REGISTRATION_CLOSES_AFTER_END, field="registrationClosesAt")
    if event.participation_mode != ParticipationMode.IN_PERSON and not event.online_url:
        raise MeetingError(Problems.EVENT_ONLINE_URL_REQUIRED, field="onlineUrl")
    if event.retention_date is not None and event.retention_date < last_day(event):
        raise MeetingError(Problems.EVENT_RETENTION_BEFORE_END, field="retentionDate")
    if event.public_registration and not (event.privacy_notice_en or event.privacy_notice_fr):
        # People accept the privacy notice when they register themselves: there must be one to accept.
        raise MeetingError(Problems.EVENT_PRIVACY_NOTICE_REQUIRED, field="privacyNoticeEn")
    if event.no_waiting_list and not event._state.adding:  # a new event has nobody waiting
        waiting = Participant.objects.live().filter(event_id=event.pk, status=ParticipantStatus.WAITLISTED).count()
        if waiting:
            raise MeetingError(Problems.EVENT_WAITING_LIST_NOT_EMPTY, field="waitingList", count=waiting)
    taken = Event.objects.live().filter(code__iexact=event.code).exclude(id=event.id).exists()
    if taken:
        raise MeetingError(Problems.EVENT_CODE_TAKEN, field="code", value=event.code)


# What participants are told about when it changes: when and where the event takes place.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "timezone", "venue", "city", "country", "online_url", "participation_mode")
# An event's status that every active registration hears of.
_STATUS_MESSAGES = {S.POSTPONED: "EVENT_POSTPONED", S.CANCELLED: "EVENT_CANCELLED"}


def _tell_everyone(event: Event, kind: str, user, context: dict | None = None) -> None:
    """Queue one message to each person whose registration stands (pending, confirmed, waitlisted)."""
    people = Participant.objects.live().filter(event=event, status__in=ACTIVE_PARTICIPANT_STATUSES)
    outbox.queue_many(kind, people.select_related("event").order_by("registered_at", "id"), context=context, user=user)


def _where_and_when(event: Event) -> dict:
    return {
        "starts_at": event.starts_at.isoformat() if event.starts_at else None,
        "ends_at": event.ends_at.isoformat() if event.ends_at else None,
        **{key: getattr(event, key) for key in NOTIFIED_FIELDS if key not in ("starts_at", "ends_at")},
    }


def _save(event: Event, user) -> Event:
    _check_event(event)
    try:
        with transaction.atomic():
            event.save(user=user)
    except IntegrityError:
        # Two requests raced past the check above; the partial unique index decided.
        raise MeetingError(Problems.EVENT_CODE_TAKEN, field="code", value=event.code) from None
    return event


class EventService(BaseService):
    """Every write to events; each method checks the caller's right and returns core's result dictionary."""

    OBJECT_TYPE = Event

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_event_service.create", Action.CREATE_EVENTS)
    def create(self, obj_data: dict) -> Event:
        """Create an event in DRAFT from the given fields."""
        event = Event(status=EventStatus.DRAFT)
        _apply_changes(event, obj_data)
        return _save(event, self.user)

    @service_method("meeting_event_service.update", Action.UPDATE_EVENTS)
    def update(self, obj_data: dict) -> Event:
        """Change the given fields of a live event; the status changes only through change_status."""
        event = locked_event(obj_data.get("id"))
        # A finished event is a record; only how long its participants' personal data is kept may still change.
        if event.status in FINISHED and set(obj_data) - RETENTION_ONLY:
            raise MeetingError(Problems.EVENT_FINISHED, field="id", status=event.get_status_display())
        before = _where_and_when(event)
        _apply_changes(event, obj_data)
        _save(event, self.user)
        if _where_and_when(event) != before and event.status not in (S.DRAFT, S.POSTPONED):
            _tell_everyone(event, "EVENT_CHANGED", self.user, {"previous": before})
        fill_seats(event, self.user)  # a larger capacity moves people up from the waiting list
        return event

    @service_method("meeting_event_service.delete", Action.DELETE_EVENTS)
    def delete(self, obj_data: dict) -> None:
        """Soft-delete every named event, or none of them if one is missing."""
        ids = v.clean_ids(obj_data.get("ids"), field="ids", max_count=int(MeetingConfig.config["max_ids_per_delete"]))
        # One locking query in id order, so that two deletes naming the same events cannot deadlock.
        events = {e.id: e for e in Event.objects.select_for_update().live().filter(id__in=ids).order_by("id")}
        for event_id in ids:
            if event_id not in events:
                raise MeetingError(Problems.EVENT_NOT_FOUND, field="ids", value=str(event_id))
            events[event_id].delete(user=self.user)

    @service_method("meeting_event_service.change_status", Action.UPDATE_EVENTS)
    def change_status(self, obj_data: dict) -> Event:
        """Move an event to another status along EVENT_TRANSITIONS; on completion, absent confirmed participants
        become NO_SHOW; back from a postponement, seats freed meanwhile (a larger capacity) go to the waiting list."""
        event = locked_event(obj_data.get("id"))
        target = v.clean_choice(obj_data.get("status"), field="status", choices=EventStatus)
        if target not in EVENT_TRANSITIONS[event.status]:
            raise MeetingError(Problems.EVENT_ILLEGAL_TRANSITION, field="status", current=event.status, target=target)
        event.status = target
        _save(event, self.user)
        if target == S.COMPLETED:
            mark_no_shows(event, self.user)
        if target in _STATUS_MESSAGES:
            _tell_everyone(event, _STATUS_MESSAGES[target], self.user)
        fill_seats(event, self.user)  # a no-op outside the statuses in which seats move in
        return event
