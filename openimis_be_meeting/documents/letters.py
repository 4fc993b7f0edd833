"""Visa invitation letters: asked for by a confirmed participant (on the personal page) or an organiser on their
behalf with the passport details (personal data, 216006); approved or refused by a holder of the letters' own right
(216010). An approval numbers the letter per event and year from a counter row locked in the approving transaction:
numbers are never reused and have no gaps, however many approvals run at once."""

import re
from datetime import date

from core.services import BaseService
from django.db import transaction

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import LetterCounter, LetterStatus, Participant, ParticipantStatus, VisaLetter
from ..permissions import Action
from ..services.attendance import event_days
from ..services.base import service_method
from ..services.locks import live_row
from ..timeutils import now_for_storage
from . import codes
from .attendance import settings_of
from .problems import DocumentProblems

PASSPORT = re.compile(r"^[A-Z0-9]{5,20}$")
PERSONAL_FIELDS = ("passport_number", "nationality", "date_of_birth", "passport_expiry")


def _date(value, *, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        raise MeetingError(DocumentProblems.INVALID_DATE, field=field) from None


def request_letter(participant: Participant, data: dict, *, user=None) -> VisaLetter:
    """Ask for a letter for a confirmed participant (call with the participant locked); the personal page calls this
    for the participant it authenticated, the service for an organiser."""
    if participant.status != ParticipantStatus.CONFIRMED:
        status = ParticipantStatus(participant.status).label
        raise MeetingError(DocumentProblems.LETTER_NEEDS_SEAT, field="participantId", status=status)
    if VisaLetter.objects.filter(participant=participant, status=LetterStatus.REQUESTED).exists():
        raise MeetingError(DocumentProblems.LETTER_ALREADY_REQUESTED, field="participantId")
    number = re.sub(r"[\s-]", "", v.clean_text(data.get("passport_number"), field="passportNumber", max_length=32))
    if not PASSPORT.match(number.upper()):
        raise MeetingError(DocumentProblems.INVALID_PASSPORT, field="passportNumber")
    nationality = v.clean_country(data.get("nationality"), field="nationality")
    if not nationality:
        raise MeetingError(Problems.REQUIRED, field="nationality")
    born = _date(data.get("date_of_birth"), field="dateOfBirth")
    if born >= date.today():
        raise MeetingError(DocumentProblems.BIRTH_IN_FUTURE, field="dateOfBirth")
    expiry = _date(data.get("passport_expiry"), field="passportExpiry")
    last_day = event_days(participant.event)[1]
    if expiry < last_day:
        raise MeetingError(DocumentProblems.PASSPORT_EXPIRES, field="passportExpiry", day=last_day.isoformat())
    letter = VisaLetter(
        participant=participant,
        status=LetterStatus.REQUESTED,
        passport_number=number.upper(),
        nationality=nationality,
        date_of_birth=born,
        passport_expiry=expiry,
        requested_at=now_for_storage(),
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    letter.save()
    return letter


def next_number(letter: VisaLetter, *, year: int) -> tuple[int, str]:
    """The next number of the letter's event and year, from its counter row, locked until the transaction ends."""
    event = letter.participant.event
    LetterCounter.objects.get_or_create(event=event, year=year)
    counter = LetterCounter.objects.select_for_update().get(event=event, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    prefix = settings_of(event).letter_prefix or f"OIM-{event.code}"
    return counter.last, f"{prefix.upper()}-VL-{year}-{counter.last:04d}"


def _undecided(letter_id) -> VisaLetter:
    letter = VisaLetter.objects.select_for_update().filter(id=v.clean_uuid(letter_id, field="id")).first()
    if letter is None or letter.participant.is_deleted:
        raise MeetingError(DocumentProblems.LETTER_NOT_FOUND, field="id")
    if letter.status != LetterStatus.REQUESTED:
        raise MeetingError(DocumentProblems.LETTER_DECIDED, field="id", status=LetterStatus(letter.status).label)
    return letter


class VisaLetterService(BaseService):
    OBJECT_TYPE = VisaLetter

    @service_method("meeting_visa_letter_service.request", Action.REQUEST_VISA_LETTERS)
    def request(self, obj_data: dict) -> VisaLetter:
        """Ask, on a confirmed participant's behalf, for a visa invitation letter with their passport details."""
        participant = live_row(
            Participant,
            obj_data.get("participant_id"),
            field="participantId",
            problem=Problems.PARTICIPANT_NOT_FOUND,
            lock=True,
        )
        return request_letter(participant, obj_data, user=self.user)

    @service_method("meeting_visa_letter_service.approve", Action.DECIDE_VISA_LETTERS)
    def approve(self, obj_data: dict) -> VisaLetter:
        """Approve a requested letter of a participant still confirmed: it gets the next number of its event and
        year, and a verification code."""
        letter = _undecided(obj_data.get("id"))
        if letter.participant.status != ParticipantStatus.CONFIRMED:
            status = ParticipantStatus(letter.participant.status).label
            raise MeetingError(DocumentProblems.LETTER_NEEDS_SEAT, field="id", status=status)
        now = now_for_storage()
        letter.sequence, letter.number = next_number(letter, year=now.year)
        letter.year, letter.code = now.year, codes.new_code()
        letter.status, letter.decided_at, letter.decided_by = LetterStatus.APPROVED, now, self.user
        letter.save()
        return letter

    @service_method("meeting_visa_letter_service.refuse", Action.DECIDE_VISA_LETTERS)
    def refuse(self, obj_data: dict) -> VisaLetter:
        """Refuse a requested letter, saying why."""
        letter = _undecided(obj_data.get("id"))
        reason = v.clean_text(obj_data.get("reason"), field="reason", max_length=2000)
        if not reason:
            raise MeetingError(DocumentProblems.REASON_REQUIRED, field="reason")
        letter.status, letter.decided_at, letter.decided_by = LetterStatus.REFUSED, now_for_storage(), self.user
        letter.refusal_reason = reason
        letter.save()
        return letter


def erase_personal(participant: Participant) -> int:
    """Erase the passport details of a participant's letters (the event's retention date has come); the letters'
    numbers, names and decisions stay, so an approved letter is still verifiable. Returns how many were erased."""
    with transaction.atomic():
        letters = VisaLetter.objects.filter(participant=participant, personal_data_erased_at__isnull=True)
        return letters.update(
            passport_number="",
            nationality="",
            date_of_birth=None,
            passport_expiry=None,
            personal_data_erased_at=now_for_storage(),
        )
