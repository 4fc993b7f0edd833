"""What the public verification page may say about a code: the name, the event and the days of a certificate (or
that it was revoked), the number, name and event of an approved letter, and nothing else. A letter is also found by
its printed number, but only together with the passport number it names: numbers are sequential, and walking
through them alone would list who asked for a visa."""

import hmac
import re
from dataclasses import dataclass

from django.utils import formats

from ..errors import MeetingError, Problems
from ..models import Certificate, LetterStatus, VisaLetter
from ..services.public import config, within_limit
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
        return _of_letter(letter)
    return None


def _passport(text) -> str | None:
    """A passport number as letters store it (spaces and dashes dropped, upper case), or None when it cannot be one."""
    number = re.sub(r"[\s-]", "", str(text or "")).upper()
    return number if re.fullmatch(r"[A-Z0-9]{5,20}", number) else None


def verify_letter(number: str, passport: str, *, ip: str) -> Verified | None:
    """An approved letter by its printed number and the passport number it names, or None for anything else (an
    unknown number, another passport, a letter not approved or whose passport details were erased), alike. Passport
    numbers can be guessed more easily than a code: each IP address may check documents_letter_checks_per_ip
    letters per window, then MeetingError(PUBLIC_TOO_MANY_REQUESTS), whether or not the check would match."""
    if not within_limit("letter-check", ip or "unknown", limit=config("documents_letter_checks_per_ip")):
        raise MeetingError(Problems.PUBLIC_TOO_MANY_REQUESTS)
    number, passport = str(number or "").strip()[:64], _passport(passport)
    if not number or passport is None:
        return None
    letter = (
        VisaLetter.objects.select_related("participant__event")
        .filter(number__iexact=number, status=LetterStatus.APPROVED)
        .first()
    )
    if letter is None or not hmac.compare_digest(_passport(letter.passport_number) or "", passport):
        return None
    return _of_letter(letter)


def _of_letter(letter: VisaLetter) -> Verified:
    event = letter.participant.event
    return Verified("letter", str(letter.participant), event.local_name, event_dates(event), [], letter.number, False)


def _of_certificate(certificate: Certificate) -> Verified:
    event = certificate.participant.event
    if certificate.revoked_at is not None:  # revoked: said so, and the attendance is no longer confirmed
        return Verified("certificate", str(certificate.participant), event.local_name, "", [], "", True)
    from datetime import date

    days = [formats.date_format(date.fromisoformat(day), "j F Y") for day in certificate.days]
    return Verified("certificate", str(certificate.participant), event.local_name, event_dates(event), days, "", False)
