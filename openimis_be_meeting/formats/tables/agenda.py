"""The agenda export: one row per session, with its speakers, chairs and showcases."""

from django.db.models import Prefetch
from django.db.models.functions import Lower

from ...models import Participant, Session, SessionType, Showcase
from ...selectors import lists
from ...selectors.filters import SessionFilter
from ...timeutils import zone_or_none
from .base import CHUNK_SIZE, Column, Table, full_name, label
from .params import codes_param, filtered, text_param, uuid_param


def people():
    """Live registrations that stand, by name: speakers, chairs and presenters as GraphQL names them."""
    people = Participant.objects.filter(is_deleted=False, status__in=lists.PROGRAMME_STATUSES)
    return people.order_by(Lower("last_name"), Lower("first_name"), "id")


SESSION_COLUMNS = [
    Column("ID", lambda s: str(s.id)),
    Column("Starts at", lambda s: s.starts_at),
    Column("Ends at", lambda s: s.ends_at),
    Column("Title", lambda s: s.local_title),
    Column("Type", lambda s: label(SessionType, s.session_type)),
    Column("Room", lambda s: s.room),
    Column("Languages", lambda s: s.languages),
    Column("Interpretation into", lambda s: s.interpretation),
    Column("Capacity", lambda s: s.capacity),
    Column("Speakers", lambda s: [full_name(person) for person in s.speakers.all()]),
    Column("Chairs", lambda s: [full_name(person) for person in s.chairs.all()]),
    Column("Showcases", lambda s: [showcase.local_title for showcase in s.showcases.all()]),
    Column("Description", lambda s: s.local_description),
]


def agenda_table(*, request, event, params, language: str) -> Table:
    """An event's live sessions (or those the filters keep) by start, room and id, as meetingSessions lists them."""
    queryset = lists.sessions_for(user=request.user, queryset=Session.objects.filter(event=event))
    data = {
        "session_type__in": codes_param(params, "sessionType", SessionType),
        "room__iexact": text_param(params, "room", max_length=128),
        "speaker_id": uuid_param(params, "speakerId"),
        "showcase_id": uuid_param(params, "showcaseId"),
        "title__icontains": text_param(params, "title", max_length=255),
    }
    queryset = (
        filtered(SessionFilter, data, queryset, request)
        .prefetch_related(
            Prefetch("speakers", queryset=people()),
            Prefetch("chairs", queryset=people()),
            Prefetch("showcases", queryset=Showcase.objects.filter(is_deleted=False).order_by(Lower("title"), "id")),
        )
        .order_by("starts_at", "room", "id")
    )
    return Table(
        name=f"{event.code}-agenda",
        columns=SESSION_COLUMNS,
        rows=lambda: queryset.iterator(chunk_size=CHUNK_SIZE),
        zone=zone_or_none(event.timezone),
        language=language,
    )
