"""Where each document is downloaded: the addresses GraphQL, the admin and the personal page hand out."""

from django.urls import reverse

from ..permissions import Action, can
from . import rules


def event_badges_url(event, *, user) -> str | None:
    """The address of the event's badges, for holders of the badge right; None for anyone else."""
    if not can(user, Action.PRINT_BADGES):
        return None
    return reverse("meeting-event-badges", kwargs={"event_id": str(event.id)})


def badge_url(participant, *, user) -> str | None:
    """The address of one participant's badge, for holders of the badge right when the participant gets one."""
    if not can(user, Action.PRINT_BADGES) or not rules.may_have_badge(participant):
        return None
    return reverse("meeting-participant-badge", kwargs={"participant_id": str(participant.id)})


def verification_url(code: str, *, request=None) -> str:
    """The public verification page of a certificate's code or a letter's number, as an absolute address: on the
    instance's MEETING_PUBLIC_BASE_URL when set (e.g. "https://meetings.openimis.org"), else on the request's host."""
    from django.conf import settings

    path = reverse("meeting-verify", kwargs={"code": code})
    base = getattr(settings, "MEETING_PUBLIC_BASE_URL", "") or ""
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def certificate_url(participant, *, user) -> str | None:
    """The address of a participant's valid certificate (PDF), for holders of the certificate right."""
    from ..models import Certificate

    if not can(user, Action.ISSUE_CERTIFICATES):
        return None
    if not Certificate.objects.filter(participant=participant, revoked_at__isnull=True).exists():
        return None
    return reverse("meeting-participant-certificate", kwargs={"participant_id": str(participant.id)})


def letter_url(letter, *, user) -> str | None:
    """The address of an approved letter's PDF (it shows passport details): for holders of the personal-data right."""
    if letter.status != "APPROVED" or letter.personal_data_erased_at is not None:
        return None
    if not can(user, Action.VIEW_PERSONAL_DATA):
        return None
    return reverse("meeting-visa-letter", kwargs={"letter_id": str(letter.id)})
