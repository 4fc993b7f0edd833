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
