"""Addresses of the public pages, for GraphQL, mail and the pages themselves."""

from django.urls import reverse

from ..models import Event
from ..selectors.public import PUBLIC_EVENT_STATUSES, privacy_notice

__all__ = ["event_url", "privacy_notice"]


def event_url(event: Event, *, request=None) -> str | None:
    """The event's public page, absolute when a request says where the instance is; None while it is a draft."""
    if event.status not in PUBLIC_EVENT_STATUSES or event.is_deleted:
        return None
    path = reverse("meeting-public-event", kwargs={"event_id": event.id})
    return request.build_absolute_uri(path) if request is not None else path
