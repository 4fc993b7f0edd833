"""Check-in: who was present on which day, recorded once however often a badge is scanned or a device replays."""

from datetime import timedelta

from core.services import BaseService
from django.db import IntegrityError, transaction

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import (
    Attendance,
    AttendanceMode,
    CheckInMethod,
    CheckInScan,
    Event,
    EventStatus,
    Participant,
    ParticipantStatus,
    Session,
)
from ..permissions import Action
from ..timeutils import from_storage, now_for_storage, to_storage, zone_or_none
from .base import public_method, service_method
from .doors import match_door_code
from .locks import live_row, locked_in_event
from .participants import move, refuse_erased, save_participant

P = ParticipantStatus
# Event statuses in which people can be checked in; COMPLETED so that offline devices can still sync.
CHECK_IN_EVENT_STATUSES = {
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.ONGOING,
    EventStatus.COMPLETED,
}
# How far ahead of the server's clock a device's checkedInAt may be.
CLOCK_SKEW = timedelta(minutes=10)
# Methods in which the participant is named by the badge's token, never by id.
TOKEN_METHODS = {CheckInMethod.QR, CheckInMethod.SELF}


def event_days(event: Event) -> tuple:
    """The first and last calendar day of the event in its own time zone."""
    zone = zone_or_none(event.timezone)
    # An event ending at midnight ends on the day before: that midnight begins no day of the event.
    last = from_storage(event.ends_at - timedelta(microseconds=1), zone).date()
    return from_storage(event.starts_at, zone).date(), last


def _locked_by_id_or_token(data: dict, method: str) -> tuple[Event, Participant]:
    """The participant named by badge token or id, and its event, both locked; a badge scanned at a door must be
    for that door's event."""
    token = v.clean_text(data.get("token"), field="token", max_length=64)
    participant_id = data.get("id")
    door_event = data.get("event_id")
    if method in TOKEN_METHODS and not token:
        raise MeetingError(Problems.CHECKIN_TOKEN_REQUIRED, field="token")
    if method in TOKEN_METHODS and not door_event:
        raise MeetingError(Problems.REQUIRED, field="eventId")
    door_event = v.clean_uuid(door_event, field="eventId") if door_event else None
    if token:
        event, participant = locked_in_event(
            Participant, checkin_token=token, not_found=MeetingError(Problems.CHECKIN_TOKEN_UNKNOWN, field="token")
        )
        if participant_id and v.clean_uuid(participant_id, field="id") != participant.id:
            raise MeetingError(Problems.CHECKIN_TOKEN_MISMATCH, field="token")
    elif participant_id:
        uuid = v.clean_uuid(participant_id, field="id")
        not_found = MeetingError(Problems.PARTICIPANT_NOT_FOUND, field="id", value=uuid)
        event, participant = locked_in_event(Participant, not_found=not_found, id=uuid)
    else:
        raise MeetingError(Problems.REQUIRED, field="id")
    refuse_erased(participant)
    if door_event is not None and door_event != event.id:
        raise MeetingError(Problems.CHECKIN_OTHER_EVENT, field="token" if token else "id", event=event.code)
    return event, participant


def _checked_in_at(event: Event, value):
    """When the person arrived: the device's time if it gives one (not in the future), else now; and that day."""
    zone = zone_or_none(event.timezone)
    now = now_for_storage()
    given = v.clean_datetime(value, field="checkedInAt", zone=zone)
    at = to_storage(given, zone) if given is not None else now
    if at > now + CLOCK_SKEW:
        raise MeetingError(Problems.CHECKIN_IN_FUTURE, field="checkedInAt")
    day = from_storage(at, zone).date()
    first, last = event_days(event)
    if not first <= day <= last:
        raise MeetingError(Problems.CHECKIN_OUTSIDE_EVENT, field="checkedInAt", day=day, first=first, last=last)
    return at, day


def mark_no_shows(event: Event, user) -> list[Participant]:
    """On completion: confirmed participants expected in person and checked in on no day become NO_SHOW (call with
    the event locked). Online participants are not scanned at a door, so nothing says they were absent."""
    confirmed = list(
        Participant.objects.select_for_update()
        .live()
        .filter(event=event, status=P.CONFIRMED, attendance_mode=AttendanceMode.IN_PERSON, erased_at__isnull=True)
        .order_by("id")
    )
    # Read after the locks: a check-in that committed while we waited is seen.
    present = set(Attendance.objects.filter(participant__event=event).values_list("participant_id", flat=True))
    absent = [participant for participant in confirmed if participant.id not in present]
    for participant in absent:
        move(participant, P.NO_SHOW)
        participant.save(user=user)
    return absent


class AttendanceService(BaseService):
    OBJECT_TYPE = Attendance

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_attendance_service.check_in", Action.CHECK_IN_PARTICIPANTS)
    def check_in(self, obj_data: dict) -> Participant:
        """Record that a confirmed participant is present today (or at the device's `checked_in_at`), at the venue or,
        with `session_id`, at one session.

        Idempotent: a second scan the same day, or a replay of the same client id, records nothing new and succeeds.
        """
        return self._check_in(obj_data)

    @public_method("meeting_attendance_service.self_check_in")
    def self_check_in(self, obj_data: dict) -> Participant:
        """A person checks themselves in from their personal page (`token`) with the door code shown where they are
        (`code`): at that session's door or the day's; then exactly as `check_in` (method SELF)."""
        from .personal import participant_id_for_token

        participant_id = participant_id_for_token(obj_data.get("token"))
        participant = Participant.objects.live().filter(id=participant_id).first() if participant_id else None
        if participant is None:
            raise MeetingError(Problems.PUBLIC_LINK_INVALID, field="token")
        session = match_door_code(participant.event, obj_data.get("code"))
        data = {"method": CheckInMethod.SELF, "token": participant.checkin_token, "event_id": participant.event_id}
        return self._check_in({**data, "session_id": session.id if session is not None else None})

    def _check_in(self, obj_data: dict) -> Participant:
        method = v.clean_choice(obj_data.get("method") or CheckInMethod.MANUAL, field="method", choices=CheckInMethod)
        client_id = v.clean_text(obj_data.get("client_id"), field="clientMutationId", max_length=255)
        event, participant = _locked_by_id_or_token(obj_data, method)
        if client_id:
            replayed = CheckInScan.objects.filter(client_id=client_id).values_list("participant_id", flat=True).first()
            if replayed == participant.id:
                return participant
            if replayed is not None:
                raise MeetingError(Problems.CHECKIN_CLIENT_ID_REUSED, field="clientMutationId")
        if event.status not in CHECK_IN_EVENT_STATUSES:
            raise MeetingError(Problems.CHECKIN_EVENT_NOT_RUNNING, field="id", status=event.get_status_display())
        at, day = _checked_in_at(event, obj_data.get("checked_in_at"))
        session = _session(obj_data.get("session_id"), event)
        if session is not None:
            day = from_storage(session.starts_at, zone_or_none(event.timezone)).date()
        if participant.status == P.NO_SHOW and event.status == EventStatus.COMPLETED:
            move(participant, P.CONFIRMED)
            save_participant(participant, self.user)
        elif participant.status != P.CONFIRMED:
            raise MeetingError(Problems.CHECKIN_NOT_CONFIRMED, field="id", status=participant.get_status_display())
        same = {"session": session} if session is not None else {"day": day, "session": None}
        attendance = Attendance.objects.filter(participant=participant, **same).first()
        if attendance is None:
            attendance = Attendance.objects.create(
                participant=participant,
                session=session,
                day=day,
                checked_in_at=at,
                checked_in_by=self.user,
                method=method,
                recorded_at=now_for_storage(),
            )
        if client_id:
            _remember_scan(client_id, participant, attendance)
        return participant


def _session(session_id, event: Event) -> Session | None:
    """The live session a check-in at a session's door names; it must belong to the registration's event."""
    if not session_id:
        return None
    session = live_row(Session, session_id, field="sessionId", problem=Problems.SESSION_NOT_FOUND)
    if session.event_id != event.id:
        raise MeetingError(Problems.SESSION_OTHER_EVENT, field="sessionId")
    return session


def _remember_scan(client_id: str, participant: Participant, attendance: Attendance) -> None:
    try:
        with transaction.atomic():
            CheckInScan.objects.create(
                client_id=client_id, participant=participant, attendance=attendance, scanned_at=now_for_storage()
            )
    except IntegrityError:  # the same client id, sent at the same moment for another participant
        raise MeetingError(Problems.CHECKIN_CLIENT_ID_REUSED, field="clientMutationId") from None
