"""How long participants' personal data is kept, and its erasure: of one person on request, or of every registration
of the events whose retention date has passed (docs/retention.md).

An event keeps its participants' personal data until its retention date: the date an organiser set on it, or
`retention_days_after_end` days after its last day (in its own time zone). After that day, erase_expired() replaces
every personal value by a pseudonym or nothing, in the row, its history and every other store (services/erasers.py).
What is counted stays: status, role, country, organisation, mode, attendances; genders move to a tally.
"""

import hashlib
import secrets
from collections import Counter
from datetime import date, datetime, timedelta

from core.services import BaseService
from django.db import transaction

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import Event, Participant, ParticipantStatus
from ..permissions import Action
from ..timeutils import from_storage, now_for_storage, zone_or_none
from .base import service_method
from .erasers import ERASERS, PERSONAL_TEXT, Subject

PSEUDONYM = "Participant"
# Statuses still waiting for a decision or a seat: erasing them on request would freeze a place in a queue.
UNDECIDED = (ParticipantStatus.PENDING, ParticipantStatus.WAITLISTED)
# Registrations erased in one transaction by the scheduled erasure.
CHUNK = 200


def last_day(event: Event) -> date:
    """The event's last day, in its own time zone."""
    return from_storage(event.ends_at, zone_or_none(event.timezone)).date()


def retention_date(event: Event) -> date:
    """The last day the event's participants' personal data is kept."""
    if event.retention_date is not None:
        return event.retention_date
    return last_day(event) + timedelta(days=int(MeetingConfig.config.get("retention_days_after_end") or 0))


def is_due(event: Event, *, now: datetime | None = None) -> bool:
    """Whether the event's retention date has passed (its zone's today is later)."""
    today = from_storage(now or now_for_storage(), zone_or_none(event.timezone)).date()
    return today > retention_date(event)


def pseudonym_code(participant: Participant) -> str:
    """8 hex digits of a hash of the registration's id: stable, and distinct between registrations (the id's own
    first digits are not: UUIDv7 ids created in the same minute share them)."""
    return hashlib.sha256(participant.id.bytes).hexdigest()[:8].upper()


def replacement_for(participant: Participant) -> dict:
    """What an erased registration holds instead: a stable pseudonym from its id, an address that cannot receive mail
    (RFC 2606's .invalid), a new check-in code nobody knows, and nothing for the rest."""
    return {
        "first_name": PSEUDONYM,
        "last_name": pseudonym_code(participant),
        "email": f"erased-{participant.id.hex}@erased.invalid",
        "phone": "",
        "gender": "",
        "job_title": "",
        "accessibility_needs": "",
        "dietary_needs": "",
        "rejection_reason": "",
        "checkin_token": f"erased-{secrets.token_urlsafe(24)}",
        "user": None,
        "location": None,
        "consent_listed": False,
        "consent_photos": False,
        "consent_contact": False,
        "json_ext": None,
    }


def subject_for(participant: Participant, *, user, now: datetime) -> Subject:
    """Gather every personal value the registration holds or held (its history rows) before anything changes."""
    subject = Subject(participant=participant, user=user, erased_at=now, replacement=replacement_for(participant))
    versions = [
        *Participant.history.filter(id=participant.id).values(*PERSONAL_TEXT),
        {column: getattr(participant, column) for column in PERSONAL_TEXT},
    ]
    for column in PERSONAL_TEXT:
        subject.values[column] = {str(row[column]) for row in versions if row[column]}
    subject.values["full_names"] = {(row["first_name"], row["last_name"]) for row in versions}
    return subject


def erase(participants: list[Participant], *, user) -> Counter:
    """Erase these registrations (not yet erased, locked by the caller) from every store; rows changed per store."""
    now = now_for_storage()
    subjects = [subject_for(participant, user=user, now=now) for participant in participants]
    counts = Counter({name: eraser(subjects) for name, eraser in ERASERS.items()})
    counts["participants"] = len(subjects)
    return counts


def due_events(*, now: datetime | None = None) -> list[Event]:
    """Events, deleted ones too, whose retention date has passed and that still hold registrations not erased."""
    pending = Participant.objects.filter(erased_at__isnull=True).values("event_id")
    return [event for event in Event.objects.filter(id__in=pending).order_by("ends_at") if is_due(event, now=now)]


def erase_expired(*, dry_run: bool = False, now: datetime | None = None) -> Counter:
    """Erase the personal data of every registration of every event past its retention date, one event (and at
    most CHUNK registrations) per transaction; running it again finds nothing left to do. A dry run only counts."""
    counts = Counter()
    for event in due_events(now=now):
        counts["events"] += 1
        remaining = Participant.objects.filter(event=event, erased_at__isnull=True)
        if dry_run:
            counts["participants"] += remaining.count()
            continue
        while True:
            with transaction.atomic():
                Event.objects.select_for_update().filter(id=event.id).first()  # writers of the event queue behind
                chunk = list(remaining.select_for_update().order_by("id")[:CHUNK])
                if not chunk:
                    break
                counts += erase(chunk, user=None)
    return counts


def _locked_any_participant(participant_id) -> Participant:
    """The participant with that id, deleted or not, and its event, locked in the writers' order (event first)."""
    uuid = v.clean_uuid(participant_id, field="id")
    event_id = Participant.objects.filter(id=uuid).values_list("event_id", flat=True).first()
    if event_id is not None:
        Event.objects.select_for_update().filter(id=event_id).first()
    participant = Participant.objects.select_for_update().filter(id=uuid).first()
    if participant is None:
        raise MeetingError(Problems.PARTICIPANT_NOT_FOUND, field="id", value=str(uuid))
    return participant


class RetentionService(BaseService):
    """Erasure on request; the right to it is one of its own (216008 by default)."""

    OBJECT_TYPE = Participant

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_participant_service.erase", Action.ERASE_PARTICIPANTS)
    def erase(self, obj_data: dict) -> Participant:
        """Erase one registration's personal data now, whatever its event's retention date; a registration waiting
        for approval or on the waiting list is refused (withdraw it first). Erasing it again changes nothing."""
        participant = _locked_any_participant(obj_data.get("id"))
        if participant.erased_at is None:
            if participant.status in UNDECIDED:
                raise MeetingError(
                    Problems.PARTICIPANT_ERASE_UNDECIDED, field="id", status=participant.get_status_display()
                )
            erase([participant], user=self.user)
            participant.refresh_from_db()
        return participant
