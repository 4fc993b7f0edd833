"""What the public pages may show, to anyone and without an openIMIS account."""

from django.db.models import Prefetch

from ..models import Event, EventStatus, Participant, ParticipantStatus, Session
from ..models.content import choose
from .lists import LISTED_EVENT_STATUSES

# Events with a public page: announced ones, as for the published participant list; a draft has none.
PUBLIC_EVENT_STATUSES = LISTED_EVENT_STATUSES
# Showcases the public agenda names: those on the programme.
PROGRAMME_SHOWCASE_STATUSES = ("ACCEPTED", "SCHEDULED", "PRESENTED")


def public_event(event_id) -> Event | None:
    """The live, announced event with that id, or None (unknown, deleted, draft, or an id that is no UUID)."""
    from .. import validation as v
    from ..errors import MeetingError

    try:
        uuid = v.clean_uuid(event_id, field="id")
    except MeetingError:
        return None
    return Event.objects.live().filter(id=uuid, status__in=PUBLIC_EVENT_STATUSES).first()


def takes_public_registrations(event: Event) -> bool:
    """Whether the public form is offered: the organisers turned it on and registration is open."""
    return event.public_registration and event.status == EventStatus.REGISTRATION_OPEN


def public_sessions(event: Event) -> list[Session]:
    """The event's live sessions in time order, with the people a page anyone may open names: speakers and chairs
    as in the personal calendar feed and the published list (confirmed people who agreed to be listed; names only),
    and the showcases on the programme (titles)."""
    people = (
        Participant.objects.live()
        .filter(status=ParticipantStatus.CONFIRMED, consent_listed=True)
        .order_by("last_name", "first_name", "id")
        .only("first_name", "last_name")
    )
    return list(
        Session.objects.live()
        .filter(event=event)
        .order_by("starts_at", "room", "title")
        .prefetch_related(
            Prefetch("speakers", queryset=people),
            Prefetch("chairs", queryset=people),
            Prefetch("showcases", queryset=_programme_showcases()),
        )
    )


def _programme_showcases():
    from ..models import Showcase

    return Showcase.objects.live().filter(status__in=PROGRAMME_SHOWCASE_STATUSES).only("title")


def privacy_notice(event: Event, language: str | None = None) -> str:
    """The event's privacy notice in the language asked for (the active one by default), else in the other."""
    return choose(event.privacy_notice_en, event.privacy_notice_fr, language)
