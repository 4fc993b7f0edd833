"""Public registration: what the form sends is checked by the rules of a registration, kept as a request, and only
the emailed link (signed, expiring, good once) turns it into a registration, through ParticipantService's
register_public, so capacity, the waiting list and approval are those of every other registration.

The answer to the form never says whether the address is registered already: the mail to that address says it.
Abuse limits (DEFAULT_CFG "public_*"): requests per IP address and per email address counted in the instance's cache
(shared by all its web processes), and a ceiling on unconfirmed requests per event.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import transaction

from .. import validation as v
from ..apps import DEFAULT_CFG, MeetingConfig
from ..errors import MeetingError, Problems
from ..models import (
    ACTIVE_PARTICIPANT_STATUSES,
    Event,
    Organisation,
    OrganisationType,
    Participant,
    RegistrationRequest,
)
from ..permissions import public_actor
from ..public import notify
from ..selectors.public import takes_public_registrations
from ..timeutils import now_for_storage
from . import personal
from .organisations import _apply_changes as apply_organisation
from .organisations import _save as save_organisation
from .participants import PUBLIC_FIELDS, PUBLIC_ROLES, ParticipantService, apply_changes, check_registration_open

logger = logging.getLogger(__name__)
VERIFY_SALT = "openimis_be_meeting.public.verify"
# Fields of the public form that are not the participant's own: the typed organisation and the notice's acceptance.
ORGANISATION_FIELD = "organisation"
PRIVACY_FIELD = "accept_privacy"

# What the mail says, by outcome; UrlFor builds an absolute address of a public page: (url name, token) -> url.
UrlFor = Callable[[str, str], str]


def config(key: str) -> int:
    """One of the public pages' limits, as the instance configures it (DEFAULT_CFG's "public_*" keys)."""
    return int(MeetingConfig.config.get(key, DEFAULT_CFG[key]))


def within_limit(scope: str, key: str, *, limit: int) -> bool:
    """Count one request of `scope` from `key` (an IP or email address, hashed) in the instance's cache; False once
    the count passes `limit` within the window. A fixed window: add() starts it, incr() counts atomically."""
    digest = hashlib.sha256(f"{scope}:{key}".encode("utf-8", "surrogatepass")).hexdigest()
    cache_key = f"openimis_be_meeting:public:{scope}:{digest}"
    window = config("public_rate_window")
    if cache.add(cache_key, 1, timeout=window):
        return limit >= 1
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        return limit >= 1


def check_public_input(data: dict) -> dict[str, MeetingError]:
    """Every problem of the form's input, by form field, found by the same rules as a registration through GraphQL
    (each field on its own, so that all of them are reported at once)."""
    problems = {}
    scratch = Participant()
    for key in PUBLIC_FIELDS:
        if key in data and key != "organisation_id":
            try:
                apply_changes(scratch, {key: data[key]})
            except MeetingError as error:
                problems[key] = error
    if data.get("role") and "role" not in problems and data["role"] not in PUBLIC_ROLES:
        problems["role"] = MeetingError(Problems.PUBLIC_ROLE_NOT_OFFERED, field="role")
    try:
        v.clean_text(data.get(ORGANISATION_FIELD), field="organisation", max_length=255)
    except MeetingError as error:
        problems[ORGANISATION_FIELD] = error
    if data.get(PRIVACY_FIELD) is not True:
        problems[PRIVACY_FIELD] = MeetingError(Problems.PUBLIC_PRIVACY_NOT_ACCEPTED, field=PRIVACY_FIELD)
    for key, field in (("first_name", "firstName"), ("last_name", "lastName"), ("email", "email")):
        if key not in problems and not data.get(key):
            problems[key] = MeetingError(Problems.REQUIRED, field=field)
    return problems


def check_open(event: Event) -> None:
    """Refuse unless the event takes public registrations now (turned on, open, within its window)."""
    if not takes_public_registrations(event):
        raise MeetingError(Problems.PUBLIC_REGISTRATION_OFF, field="eventId")
    check_registration_open(event, public_actor())


def admit(ip: str) -> None:
    """Count one public form sent from this IP address; refuse once it sent more than the limit in the window."""
    if not within_limit("ip", ip or "unknown", limit=config("public_requests_per_ip")):
        raise MeetingError(Problems.PUBLIC_TOO_MANY_REQUESTS)


def request_registration(*, event: Event, data: dict, language: str, url_for: UrlFor) -> None:
    """Take the public form of a person (already checked by check_public_input): within the abuse limits, mail the
    address a link that confirms it, or, if it is registered for the event already, say so to that address only."""
    check_open(event)
    email = v.clean_email(data.get("email"))
    if not within_limit("email", email, limit=(config("public_requests_per_email"))):
        raise MeetingError(Problems.PUBLIC_TOO_MANY_REQUESTS)
    now = now_for_storage()
    with transaction.atomic():
        # What people typed into requests never confirmed is not kept past their links' lifetime.
        RegistrationRequest.objects.filter(expires_at__lte=now).delete()
        if _registered(event, email):
            notify.send("already_registered", to=email, language=language, context=_context(event, url_for))
            return
        waiting = RegistrationRequest.objects.filter(event=event, used_at__isnull=True, expires_at__gt=now)
        if waiting.count() >= (config("public_max_unverified_per_event")):
            raise MeetingError(Problems.PUBLIC_EVENT_BUSY)
        nonce = secrets.token_urlsafe(24)
        kept = {key: data[key] for key in (*PUBLIC_FIELDS, ORGANISATION_FIELD) if key in data and key != "email"}
        request = RegistrationRequest.objects.create(
            event=event,
            email=email,
            data=kept,
            language=language,
            nonce_hash=personal.token_hash(nonce),
            requested_at=now,
            expires_at=now + timedelta(seconds=(config("public_link_max_age"))),
        )
        token = signing.dumps({"r": str(request.id), "n": nonce}, salt=VERIFY_SALT, compress=True)
        context = {**_context(event, url_for), "verify_url": url_for("meeting-public-verify", token)}
        notify.send("verify", to=email, language=language, context=context)


def _registered(event: Event, email: str) -> bool:
    return Participant.objects.live().filter(event=event, email=email, status__in=ACTIVE_PARTICIPANT_STATUSES).exists()


def _context(event: Event, url_for: UrlFor) -> dict:
    return {"event": event, "event_url": url_for("meeting-public-event", str(event.id))}


def pending_request(token: str) -> RegistrationRequest | None:
    """The unused, unexpired request a verification link names, or None (forged, expired, used, unknown)."""
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=(config("public_link_max_age")))
        request_id, nonce = v.clean_uuid(payload["r"], field="token"), str(payload["n"])
    except (signing.BadSignature, MeetingError, KeyError, TypeError, ValueError):
        return None
    request = RegistrationRequest.objects.filter(id=request_id, used_at__isnull=True).first()
    if request is None or request.expires_at <= now_for_storage():
        return None
    return request if secrets.compare_digest(request.nonce_hash, personal.token_hash(nonce)) else None


def confirm_registration(*, token: str, url_for: UrlFor) -> dict:
    """Follow a verification link: its request, locked and marked used (once only), becomes a registration through
    ParticipantService.register_public; the person is mailed their personal link. Returns the service's result
    dictionary (with `participant` on success)."""
    with transaction.atomic():
        found = pending_request(token)
        request = RegistrationRequest.objects.select_for_update().filter(id=found.id).first() if found else None
        if request is None or request.used_at is not None:
            raise MeetingError(Problems.PUBLIC_LINK_INVALID, field="token")
        request.used_at = now_for_storage()
        data, request.data = dict(request.data), {}  # the details now live in the registration, or nowhere
        request.save(update_fields=["used_at", "data"])
        data.update(email=request.email, event_id=str(request.event_id))
        typed = data.pop(ORGANISATION_FIELD, "")
        if typed:
            data["organisation_id"] = str(organisation_for(typed, country=data.get("country") or "").id)
        result = ParticipantService(public_actor()).register_public(data)
        if not result["success"]:
            return result
        participant = Participant.objects.get(id=result["data"]["id"])
        welcome(participant, language=request.language, url_for=url_for)
        return {**result, "participant": participant}


def welcome(participant: Participant, *, language: str | None, url_for: UrlFor, kind: str = "registered") -> str:
    """Issue the participant a new personal link (the old one stops working) and mail it; returns the token."""
    with transaction.atomic():
        token = personal.issue_link(participant, language=language)
        language = personal.preferred_language(participant)
        context = {
            **_context(participant.event, url_for),
            "participant": participant,
            "personal_url": url_for("meeting-public-personal", token),
        }
        notify.send(kind, to=participant.email, language=language, context=context)
    return token


def resend_link(*, event: Event, email, language: str, url_for: UrlFor) -> None:
    """Mail a new personal link to an address registered for the event (the old link stops working); say nothing
    either way, so the answer does not tell whether the address is registered."""
    try:
        email = v.clean_email(email)
    except MeetingError:
        return
    if not within_limit("email", email, limit=(config("public_requests_per_email"))):
        raise MeetingError(Problems.PUBLIC_TOO_MANY_REQUESTS)
    with transaction.atomic():
        participant = (
            Participant.objects.live()
            .filter(event=event, email=email, status__in=ACTIVE_PARTICIPANT_STATUSES)
            .select_for_update()
            .first()
        )
        if participant is not None:
            welcome(participant, language=language, url_for=url_for, kind="new_link")


def organisation_for(name: str, *, country: str) -> Organisation:
    """The known organisation a typed name means (its name or acronym, regardless of case; one of the person's
    country first), else a new one of type "other", created by the organisation rules."""
    name = v.clean_text(name, field="organisation", max_length=255, required=True)
    known = Organisation.objects.live().filter(name__iexact=name) | Organisation.objects.live().filter(
        acronym__iexact=name
    )
    match = known.filter(country=country).order_by("name").first() or known.order_by("name").first()
    if match is not None:
        return match
    organisation = Organisation()
    apply_organisation(organisation, {"name": name, "organisation_type": OrganisationType.OTHER, "country": country})
    return save_organisation(organisation, public_actor())
