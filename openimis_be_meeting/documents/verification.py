"""What the public verification page may say about a code: the name, the event and the days of a certificate (or
that it was revoked), the number, name and event of an approved letter, and nothing else."""

from dataclasses import dataclass

from django.utils import formats

from ..models import Certificate, LetterStatus, VisaLetter
from .badges import event_dates
from .codes import normalised


@dataclass(frozen=True)
class Verified:
    kind: str  # "certificate" or "letter"
    name: str
    event: str
    dates: str
    days: list[str]
    number: str
    revoked: bool


def verify(text: str) -> Verified | None:
    """What a code proves, or None for a code that is malformed, unknown or of a letter not approved (alike)."""
    code = normalised(text)
    if code is None:
        return None
    certificate = Certificate.objects.select_related("participant__event").filter(code=code).first()
    if certificate is not None:
        return _of_certificate(certificate)
    letter = VisaLetter.objects.select_related("participant__event").filter(code=code).first()
    if letter is not None and letter.status == LetterStatus.APPROVED:
        event = letter.participant.event
        return Verified("letter", str(letter.participant), event.name, event_dates(event), [], letter.number, False)
    return None


def _of_certificate(certificate: Certificate) -> Verified:
    event = certificate.participant.event
    if certificate.revoked_at is not None:  # revoked: said so, and the attendance is no longer confirmed
        return Verified("certificate", str(certificate.participant), event.name, "", [], "", True)
    from datetime import date

    days = [formats.date_format(date.fromisoformat(day), "j F Y") for day in certificate.days]
    return Verified("certificate", str(certificate.participant), event.name, event_dates(event), days, "", False)
