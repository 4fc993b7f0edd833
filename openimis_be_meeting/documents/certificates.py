"""Certificates of attendance: issued only to those whose attendance meets the event's rule, one by one or in bulk
once the event is completed (each then mailed), revoked with a reason; the days and sessions are frozen on issue."""

from core.services import BaseService
from django.conf import settings
from django.db import IntegrityError, transaction

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import Certificate, Event, EventStatus, Participant, ParticipantStatus
from ..permissions import Action
from ..services.base import service_method
from ..services.locks import live_row, locked_event
from ..timeutils import now_for_storage
from . import codes, notify
from .attendance import attended, settings_of, shortfall
from .problems import DocumentProblems

ISSUING_EVENT_STATUSES = {EventStatus.ONGOING, EventStatus.COMPLETED}
# Those who held a seat; a no-show's attendance is checked like anyone's (a late check-in may prove them there).
CERTIFIED_STATUSES = {ParticipantStatus.CONFIRMED, ParticipantStatus.NO_SHOW}


def live_certificate(participant) -> Certificate | None:
    return Certificate.objects.filter(participant=participant, revoked_at__isnull=True).first()


def certificate_language(participant, asked: str | None) -> str:
    """The participant's openIMIS language when they have an account, else the one asked for, else the one their
    mail is written in (chosen at registration), else the instance's."""
    offered = [code for code, _name in settings.LANGUAGES]
    i_user = getattr(participant.user, "i_user", None) if participant.user_id else None
    for candidate in (getattr(i_user, "language_id", None), asked, participant.language, settings.LANGUAGE_CODE):
        if candidate in offered:
            return candidate
    return offered[0] if offered else "en"


def _participant(participant_id, *, lock: bool = True) -> Participant:
    problem = Problems.PARTICIPANT_NOT_FOUND
    participant = live_row(Participant, participant_id, field="participantId", problem=problem, lock=lock)
    if participant.event.is_deleted:
        raise MeetingError(problem, field="participantId", value=str(participant.id))
    return participant


def issue_to(participant: Participant, *, user, language: str | None = None) -> Certificate:
    """The participant's valid certificate, issued now if they have none and their attendance meets the rule."""
    existing = live_certificate(participant)
    if existing is not None:
        return existing
    if participant.event.status not in ISSUING_EVENT_STATUSES:
        raise MeetingError(DocumentProblems.NO_CERTIFICATE_YET, field="participantId")
    if participant.status not in CERTIFIED_STATUSES:
        status = ParticipantStatus(participant.status).label
        raise MeetingError(DocumentProblems.NOT_CERTIFIED_STATUS, field="participantId", status=status)
    language = certificate_language(participant, language)
    seen = attended(participant, language)
    missing = shortfall(settings_of(participant.event), seen)
    if missing is not None:
        problem, numbers = missing
        raise MeetingError(problem, field="participantId", person=str(participant), **numbers)
    certificate = Certificate(
        participant=participant,
        code=codes.new_code(),
        language=language,
        days=[day.isoformat() for day in seen.days],
        sessions=seen.sessions,
        issued_at=now_for_storage(),
        issued_by=user,
    )
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:  # another request issued it in the meantime (or, once in 10^17, the same code)
        return live_certificate(participant) or issue_to(participant, user=user, language=language)
    return certificate


class CertificateService(BaseService):
    OBJECT_TYPE = Certificate

    @service_method("meeting_certificate_service.issue", Action.ISSUE_CERTIFICATES)
    def issue(self, obj_data: dict) -> Certificate:
        """Issue a participant's certificate (or give the valid one they have) when their attendance meets the
        event's rule."""
        participant = _participant(obj_data.get("participant_id"))
        language = v.clean_text(obj_data.get("language"), field="language", max_length=8) or None
        return issue_to(participant, user=self.user, language=language)

    @service_method("meeting_certificate_service.issue_all", Action.ISSUE_CERTIFICATES)
    def issue_all(self, obj_data: dict) -> Event:
        """Once the event is completed, issue a certificate to everyone whose attendance meets the rule and who has
        none yet, and mail each after the commit; the others are left as they are."""
        event = locked_event(obj_data.get("event_id"), field="eventId")
        if event.status != EventStatus.COMPLETED:
            raise MeetingError(DocumentProblems.BULK_NEEDS_COMPLETED, field="eventId")
        people = Participant.objects.filter(event=event, is_deleted=False, status__in=CERTIFIED_STATUSES)
        holders = Certificate.objects.filter(participant__event=event, revoked_at__isnull=True)
        people = people.exclude(id__in=holders.values("participant_id")).select_related("event", "user")
        for participant in people.order_by("last_name", "first_name", "id"):
            try:
                certificate = issue_to(participant, user=self.user)
            except MeetingError:
                continue  # not enough attendance: no certificate, and nothing to say to them
            notify.certificate_issued(certificate, user=self.user)
        return event

    @service_method("meeting_certificate_service.revoke", Action.ISSUE_CERTIFICATES)
    def revoke(self, obj_data: dict) -> Certificate:
        """Revoke a participant's valid certificate, saying why; the verification page then says it was revoked."""
        participant = _participant(obj_data.get("participant_id"))
        reason = v.clean_text(obj_data.get("reason"), field="reason", max_length=2000)
        if not reason:
            raise MeetingError(DocumentProblems.REASON_REQUIRED, field="reason")
        certificate = Certificate.objects.select_for_update().filter(participant=participant, revoked_at=None).first()
        if certificate is None:
            raise MeetingError(DocumentProblems.NO_LIVE_CERTIFICATE, field="participantId")
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = (
            now_for_storage(),
            self.user,
            reason,
        )
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        return certificate
