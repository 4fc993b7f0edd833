"""What a participant attended, and whether it meets the event's rule for a certificate of attendance."""

from dataclasses import dataclass
from datetime import date

from ..apps import MeetingConfig
from ..errors import Problem
from ..models import Attendance, CertificateRule, DocumentSettings, Event, Participant, Session
from ..models.content import choose
from .problems import DocumentProblems


@dataclass(frozen=True)
class Attended:
    days: list[date]
    sessions: list[str]  # the titles, in programme order
    session_total: int


def settings_of(event: Event) -> DocumentSettings:
    """The event's document settings, or (unsaved) the instance's defaults."""
    found = DocumentSettings.objects.filter(event=event).first()
    if found is not None:
        return found
    config = MeetingConfig.config
    return DocumentSettings(
        event=event,
        certificate_rule=config.get("documents_certificate_rule") or CertificateRule.DAYS,
        certificate_min_days=int(config.get("documents_certificate_min_days") or 1),
        certificate_min_session_percent=int(config.get("documents_certificate_min_session_percent") or 75),
    )


def attended(participant: Participant, language: str | None = None) -> Attended:
    """The days a participant was checked in on (at the venue or a session's door) and the sessions they entered,
    their titles in the given language (else the other, models/content.py)."""
    rows = Attendance.objects.filter(participant=participant)
    days = sorted(set(rows.values_list("day", flat=True)))
    sessions = list(
        Session.objects.filter(attendances__participant=participant, is_deleted=False)
        .order_by("starts_at", "title")
        .values_list("title", "title_fr")
        .distinct()
    )
    sessions = [choose(title, title_fr, language) for title, title_fr in sessions]
    total = Session.objects.filter(event_id=participant.event_id, is_deleted=False).count()
    return Attended(days, sessions, total)


def shortfall(settings: DocumentSettings, seen: Attended) -> tuple[Problem, dict] | None:
    """None when the attendance meets the rule; else the refusal, with what the rule needs and what was attended."""
    if settings.certificate_rule == CertificateRule.SESSION_SHARE:
        percent = settings.certificate_min_session_percent
        if seen.session_total and 100 * len(seen.sessions) >= percent * seen.session_total:
            return None
        return DocumentProblems.NOT_ENOUGH_SESSIONS, {
            "needed": percent,
            "attended": len(seen.sessions),
            "total": seen.session_total,
        }
    if len(seen.days) >= settings.certificate_min_days:
        return None
    return DocumentProblems.NOT_ENOUGH_DAYS, {"needed": settings.certificate_min_days, "attended": len(seen.days)}
