"""Registrations: who may register when, seats and the waiting list, and every status change of a participant.
Every change that can move a seat locks the event row first (SELECT ... FOR UPDATE), so registrations, approvals,
cancellations and promotions of one event happen one after another: capacity is never exceeded and waiting-list
positions stay 1..n without gaps, whatever the concurrency."""

from core.models import User
from core.services import BaseService
from django.db import IntegrityError, transaction
from django.db.models import Max

from .. import validation as v
from ..errors import MeetingError, Problems
from ..mail import outbox
from ..models import (
    ACTIVE_PARTICIPANT_STATUSES,
    AttendanceMode,
    Event,
    EventStatus,
    Gender,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    new_checkin_token,
)
from ..permissions import Action, can
from ..timeutils import now_for_storage
from .base import public_method, service_method
from .history import shift_waitlist
from .locks import locked_event, locked_in_event
from .lookups import openimis_location
from .organisations import live_organisation

P = ParticipantStatus
# The one place where the participant lifecycle is written down: status -> the statuses it may move to.
PARTICIPANT_TRANSITIONS = {
    P.PENDING: {P.CONFIRMED, P.WAITLISTED, P.REJECTED, P.CANCELLED, P.WITHDRAWN},
    P.CONFIRMED: {P.CANCELLED, P.WITHDRAWN, P.NO_SHOW},
    P.WAITLISTED: {P.CONFIRMED, P.CANCELLED, P.WITHDRAWN},
    P.REJECTED: set(),
    P.CANCELLED: set(),
    P.WITHDRAWN: set(),
    # A late check-in (an offline device syncing after the event was completed) shows the person was there.
    P.NO_SHOW: {P.CONFIRMED},
}
# Event statuses in which anyone with the register right may register (within the registration window).
OPEN_FOR_EVERYONE = {EventStatus.REGISTRATION_OPEN}
# Event statuses in which holders of the approve right may still add people, at any time.
OPEN_FOR_ADMINISTRATORS = {
    EventStatus.DRAFT,
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.ONGOING,
}
# Event statuses in which freed seats go to the waiting list.
SEATS_MOVE_IN = OPEN_FOR_ADMINISTRATORS

_TEXT_FIELDS = {
    "first_name": ("firstName", 100, True),
    "last_name": ("lastName", 100, True),
    "job_title": ("jobTitle", 255, False),
    "accessibility_needs": ("accessibilityNeeds", 2_000, False),
    "dietary_needs": ("dietaryNeeds", 2_000, False),
}
_CONSENTS = ("consent_listed", "consent_photos", "consent_contact")
# What a person may change of their own registration on the public pages, and give when registering there.
OWN_FIELDS = (
    *_TEXT_FIELDS,
    "phone",
    "country",
    "organisation_id",
    "attendance_mode",
    *_CONSENTS,
)
PUBLIC_FIELDS = (*OWN_FIELDS, "email", "role")
# Roles a person may give themselves; speakers, presenters and organisers are named by the organisers.
PUBLIC_ROLES = (
    ParticipantRole.ATTENDEE,
    ParticipantRole.DONOR_REPRESENTATIVE,
    ParticipantRole.KNOWLEDGE_HUB_REPRESENTATIVE,
    ParticipantRole.OBSERVER,
    ParticipantRole.PRESS,
)


def apply_changes(participant: Participant, data: dict) -> None:
    """Copy the given personal and registration details onto the participant, each value cleaned."""
    for key, (field, max_length, required) in _TEXT_FIELDS.items():
        if key in data:
            setattr(participant, key, v.clean_text(data[key], field=field, max_length=max_length, required=required))
    if "email" in data:
        participant.email = v.clean_email(data["email"])
    if "phone" in data:
        participant.phone = v.clean_phone(data["phone"])
    if "gender" in data:
        participant.gender = v.clean_choice(data["gender"], field="gender", choices=Gender, required=False) or ""
    if "country" in data:
        participant.country = v.clean_country(data["country"])
    if "role" in data:
        participant.role = v.clean_choice(data["role"], field="role", choices=ParticipantRole)
    if "attendance_mode" in data:
        participant.attendance_mode = v.clean_choice(
            data["attendance_mode"], field="attendanceMode", choices=AttendanceMode
        )
    if "organisation_id" in data:
        organisation_id = data["organisation_id"]
        participant.organisation = (
            live_organisation(organisation_id, field="organisationId", lock=True) if organisation_id else None
        )
    if "location_id" in data:
        participant.location = openimis_location(data["location_id"])
    if "user_id" in data:
        participant.user = _openimis_user(data["user_id"])
    for key in _CONSENTS:
        if key in data:
            setattr(participant, key, v.clean_flag(data[key], field=_camel(key)))
    if "language" in data:
        participant.language = v.clean_language(data["language"])


# The message a registration's new status sends the person.
_STATUS_MESSAGES = {P.PENDING: "RECEIVED", P.CONFIRMED: "CONFIRMED", P.WAITLISTED: "WAITLISTED"}


def tell_status(participant: Participant, user, *, approved: bool = False) -> None:
    """Queue the message that tells a person where their registration stands (received, confirmed or waitlisted
    with their place in line; approved when an organiser accepted it), in the current transaction."""
    kind = "APPROVED" if approved and participant.status == P.CONFIRMED else _STATUS_MESSAGES[participant.status]
    context = {"approved": approved}
    if participant.status == P.WAITLISTED:
        context["position"] = participant.waitlist_position
    outbox.queue(kind, participant, context=context, user=user)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def _openimis_user(user_id) -> User | None:
    if not user_id:
        return None
    uuid = v.clean_uuid(user_id, field="userId")
    user = User.objects.filter(id=uuid).first()
    if user is None:
        raise MeetingError(Problems.USER_NOT_FOUND, field="userId", value=str(uuid))
    return user


def _check_participant(participant: Participant) -> None:
    for key, (field, _max, required) in _TEXT_FIELDS.items():
        if required and not getattr(participant, key):
            raise MeetingError(Problems.REQUIRED, field=field)
    if not participant.email:
        raise MeetingError(Problems.REQUIRED, field="email")
    duplicates = Participant.objects.live().filter(
        event_id=participant.event_id, email=participant.email, status__in=ACTIVE_PARTICIPANT_STATUSES
    )
    if participant.status in ACTIVE_PARTICIPANT_STATUSES and duplicates.exclude(id=participant.id).exists():
        raise MeetingError(Problems.PARTICIPANT_EMAIL_TAKEN, field="email", value=participant.email)


def save_participant(participant: Participant, user) -> Participant:
    """Check the rules every saved registration keeps, and save it."""
    _check_participant(participant)
    try:
        with transaction.atomic():
            participant.save(user=user)
    except IntegrityError:
        raise MeetingError(Problems.PARTICIPANT_EMAIL_TAKEN, field="email", value=participant.email) from None
    return participant


def _locked_participant(participant_id) -> tuple[Event, Participant]:
    uuid = v.clean_uuid(participant_id, field="id")
    not_found = MeetingError(Problems.PARTICIPANT_NOT_FOUND, field="id", value=uuid)
    event, participant = locked_in_event(Participant, not_found=not_found, id=uuid)
    refuse_erased(participant)
    return event, participant


def refuse_erased(participant: Participant) -> None:
    """An erased registration only counts in the statistics: it no longer changes (docs/retention.md)."""
    if participant.erased_at is not None:
        raise MeetingError(Problems.PARTICIPANT_ERASED, field="id")


def _locked_own(obj_data: dict) -> tuple[Event, Participant]:
    """The registration a personal-link token opens, locked with its event; an unknown or replaced token, or a
    registration deleted since, is the same refusal."""
    from .personal import participant_id_for_token

    participant_id = participant_id_for_token(obj_data.get("token"))
    not_found = MeetingError(Problems.PUBLIC_LINK_INVALID, field="token")
    if participant_id is None:
        raise not_found
    return locked_in_event(Participant, not_found=not_found, id=participant_id)


def check_registration_open(event: Event, user) -> None:
    """Anyone with the register right while registration is open and within its window; administrators longer. An
    event without a waiting list takes nobody once full, administrators included."""
    check_not_full(event)
    if can(user, Action.DECIDE_PARTICIPANTS) and event.status in OPEN_FOR_ADMINISTRATORS:
        return
    if event.status not in OPEN_FOR_EVERYONE:
        raise MeetingError(Problems.REGISTRATION_CLOSED, field="eventId", status=event.get_status_display())
    now = now_for_storage()
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if (opens is not None and now < opens) or (closes is not None and now > closes):
        raise MeetingError(Problems.REGISTRATION_OUTSIDE_WINDOW, field="eventId")


def check_not_full(event: Event) -> None:
    """An event without a waiting list takes no registration once every seat is taken."""
    if event.no_waiting_list and seats_left(event) == 0:
        raise MeetingError(Problems.EVENT_FULL, field="eventId")


def seats_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    confirmed = Participant.objects.live().filter(event=event, status=P.CONFIRMED).count()
    return max(event.capacity - confirmed, 0)


def next_waitlist_position(event: Event) -> int:
    waitlisted = Participant.objects.live().filter(event=event, status=P.WAITLISTED)
    return (waitlisted.aggregate(last=Max("waitlist_position"))["last"] or 0) + 1


def move(participant: Participant, target: str, *, position: int | None = None) -> None:
    """Set a new status (checked against PARTICIPANT_TRANSITIONS) and its timestamp; saving is the caller's."""
    if target not in PARTICIPANT_TRANSITIONS[participant.status]:
        raise MeetingError(
            Problems.PARTICIPANT_ILLEGAL_TRANSITION, field="status", current=participant.status, target=target
        )
    participant.status = target
    participant.waitlist_position = position
    participant.status_changed_at = now_for_storage()


def _seat_or_waitlist(event: Event, participant: Participant) -> None:
    """CONFIRMED while seats remain, otherwise WAITLISTED at the end of the line."""
    seats = seats_left(event)
    if seats is None or seats > 0:
        move(participant, P.CONFIRMED)
    elif event.no_waiting_list:
        raise MeetingError(Problems.EVENT_FULL, field="eventId")
    else:
        move(participant, P.WAITLISTED, position=next_waitlist_position(event))


def _close_gap(event: Event, position: int | None, user, *, size: int = 1) -> None:
    """Move up everyone behind a place that was left on the waiting list."""
    if position is None:
        return
    behind = Participant.objects.live().filter(event=event, status=P.WAITLISTED, waitlist_position__gt=position)
    shift_waitlist(behind, by=size, user=user)


def fill_seats(event: Event, user) -> list[Participant]:
    """Promote the head of the waiting list into every free seat (call with the event locked)."""
    if event.status not in SEATS_MOVE_IN:
        return []
    seats = seats_left(event)
    queue = (
        Participant.objects.select_for_update().live().filter(event=event, status=P.WAITLISTED, erased_at__isnull=True)
    )
    promoted = list(queue.order_by("waitlist_position")[:seats] if seats is not None else queue)
    for participant in promoted:
        move(participant, P.CONFIRMED)
        participant.save(user=user)
        outbox.queue("MOVED_UP", participant, user=user)
    if promoted:
        waiting = Participant.objects.live().filter(event=event, status=P.WAITLISTED)
        shift_waitlist(waiting, by=len(promoted), user=user)
    return promoted


class ParticipantService(BaseService):
    """Every write to participants; each method checks the caller's right and returns core's result dictionary."""

    OBJECT_TYPE = Participant

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_participant_service.register", Action.REGISTER_PARTICIPANTS)
    def register(self, obj_data: dict) -> Participant:
        """Register a person: PENDING when the event needs approval, else CONFIRMED while seats remain, else
        WAITLISTED at the end of the line."""
        event = locked_event(obj_data.get("event_id"), field="eventId")
        return self._register(event, obj_data)

    def _register(self, event: Event, obj_data: dict) -> Participant:
        check_registration_open(event, self.user)
        now = now_for_storage()
        participant = Participant(event=event, status=P.PENDING, registered_at=now, status_changed_at=now)
        participant.checkin_token = new_checkin_token()
        apply_changes(participant, obj_data)
        if not event.requires_approval:
            _seat_or_waitlist(event, participant)
        save_participant(participant, self.user)
        tell_status(participant, self.user)
        return participant

    # -- the public pages' acts (services.base.public_method): the person's own, proven by their secret link ------

    @public_method("meeting_participant_service.register_public")
    def register_public(self, obj_data: dict) -> Participant:
        """A person registers themselves (their email verified by services.public): only where the event takes
        public registrations, with the fields a person may give, and then exactly as `register`."""
        event = locked_event(obj_data.get("event_id"), field="eventId")
        if not event.public_registration:
            raise MeetingError(Problems.PUBLIC_REGISTRATION_OFF, field="eventId")
        if obj_data.get("role") not in (None, *PUBLIC_ROLES):
            raise MeetingError(Problems.PUBLIC_ROLE_NOT_OFFERED, field="role")
        return self._register(event, {key: obj_data[key] for key in PUBLIC_FIELDS if key in obj_data})

    @public_method("meeting_participant_service.update_own")
    def update_own(self, obj_data: dict) -> Participant:
        """A person changes their own details (not their email, role or status), named by their personal link."""
        _event, participant = _locked_own(obj_data)
        apply_changes(participant, {key: obj_data[key] for key in OWN_FIELDS if key in obj_data})
        return save_participant(participant, self.user)

    @public_method("meeting_participant_service.cancel_own")
    def cancel_own(self, obj_data: dict) -> Participant:
        """A person cancels their own registration, as `cancel` does; `stamp` (when the status last changed, as the
        confirmation page showed it) must still be current, so a stale or replayed confirmation does nothing."""
        _event, participant = _locked_own(obj_data)
        if obj_data.get("stamp") != participant.status_changed_at.isoformat():
            raise MeetingError(Problems.PUBLIC_STALE, field="stamp")
        return self._leave({"id": participant.id}, P.CANCELLED)

    @service_method("meeting_participant_service.update", Action.UPDATE_PARTICIPANTS)
    def update(self, obj_data: dict) -> Participant:
        """Change a participant's details; the status changes only through the lifecycle methods."""
        _event, participant = _locked_participant(obj_data.get("id"))
        apply_changes(participant, obj_data)
        return save_participant(participant, self.user)

    @service_method("meeting_participant_service.approve", Action.DECIDE_PARTICIPANTS)
    def approve(self, obj_data: dict) -> Participant:
        """Accept a PENDING registration: CONFIRMED while seats remain, else WAITLISTED."""
        event, participant = _locked_participant(obj_data.get("id"))
        if participant.status != P.PENDING:
            raise MeetingError(
                Problems.PARTICIPANT_ILLEGAL_TRANSITION, field="status", current=participant.status, target=P.CONFIRMED
            )
        _seat_or_waitlist(event, participant)
        save_participant(participant, self.user)
        tell_status(participant, self.user, approved=True)
        return participant

    @service_method("meeting_participant_service.reject", Action.DECIDE_PARTICIPANTS)
    def reject(self, obj_data: dict) -> Participant:
        """Refuse a PENDING registration, with the reason given."""
        reason = v.clean_text(obj_data.get("reason"), field="reason", max_length=2_000)
        if not reason:
            raise MeetingError(Problems.REJECTION_REASON_REQUIRED, field="reason")
        _event, participant = _locked_participant(obj_data.get("id"))
        move(participant, P.REJECTED)
        participant.rejection_reason = reason
        save_participant(participant, self.user)
        outbox.queue("REJECTED", participant, context={"reason": reason}, user=self.user)
        return participant

    @service_method("meeting_participant_service.cancel", Action.UPDATE_PARTICIPANTS)
    def cancel(self, obj_data: dict) -> Participant:
        """The person cancels: a freed seat goes to the head of the waiting list in the same transaction."""
        return self._leave(obj_data, P.CANCELLED)

    @service_method("meeting_participant_service.withdraw", Action.DECIDE_PARTICIPANTS)
    def withdraw(self, obj_data: dict) -> Participant:
        """The organisers withdraw a registration; seats and the waiting list move as for a cancellation."""
        return self._leave(obj_data, P.WITHDRAWN)

    @service_method("meeting_participant_service.delete", Action.DELETE_PARTICIPANTS)
    def delete(self, obj_data: dict) -> None:
        """Soft-delete a registration; a seat or place in line it held is given on as for a cancellation."""
        event, participant = _locked_participant(obj_data.get("id"))
        held_seat, position = participant.status == P.CONFIRMED, participant.waitlist_position
        participant.delete(user=self.user)
        self._give_on(event, held_seat=held_seat, position=position)

    def _leave(self, obj_data: dict, target: str) -> Participant:
        event, participant = _locked_participant(obj_data.get("id"))
        held_seat, position = participant.status == P.CONFIRMED, participant.waitlist_position
        move(participant, target)
        save_participant(participant, self.user)
        outbox.queue(target, participant, user=self.user)  # the kinds CANCELLED and WITHDRAWN
        self._give_on(event, held_seat=held_seat, position=position)
        return participant

    def _give_on(self, event: Event, *, held_seat: bool, position: int | None) -> None:
        _close_gap(event, position, self.user)
        if held_seat:
            fill_seats(event, self.user)
