"""Personal links: the secret address of one participant's own page. Only the token's SHA-256 is stored, so neither
the database nor its query log holds a working link; a new token replaces the old, which then opens nothing."""

import hashlib
import secrets

from ..models import Participant, PersonalLink
from ..timeutils import now_for_storage

LANGUAGES = ("en", "fr")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def participant_id_for_token(token) -> object | None:
    """The id of the registration a personal-link token opens, or None."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    link = PersonalLink.objects.filter(token_hash=token_hash(token), participant__is_deleted=False).first()
    return link.participant_id if link is not None else None


def issue_link(participant: Participant, *, language: str | None = None) -> str:
    """A new personal-link token for the participant (replacing any earlier one) and, if given, the language the
    person chose; returns the token, which only the mail to the person carries."""
    token = secrets.token_urlsafe(32)
    link = PersonalLink.objects.select_for_update().filter(participant=participant).first()
    if link is None:
        link = PersonalLink(participant=participant, language=language or "en")
    link.token_hash = token_hash(token)
    link.issued_at = now_for_storage()
    if language in LANGUAGES:
        link.language = language
    link.save()
    return token


def preferred_language(participant: Participant) -> str:
    link = PersonalLink.objects.filter(participant=participant).first()
    return link.language if link is not None else "en"
