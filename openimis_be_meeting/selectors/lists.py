"""Reads with their visibility rules, shared by GraphQL and REST."""

from django.db.models import QuerySet

from .. import validation as v
from ..errors import MeetingError, Problems
from ..models import Attendance, Event, EventStatus, Organisation, Participant, ParticipantStatus, Showcase
from ..permissions import Action, can, guarded

# The API names a list of events may be ordered by (a leading "-" reverses).
EVENT_ORDER_FIELDS = frozenset(
    {"code", "name", "startsAt", "endsAt", "status", "eventType", "country", "city", "dateCreated", "dateUpdated"}
)


@guarded(Action.SEARCH_EVENTS)
def events_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live events a user may see: all of them with the search right, otherwise a refusal."""
    queryset = Event.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False)


ORGANISATION_ORDER_FIELDS = frozenset({"name", "acronym", "organisationType", "country", "dateCreated"})
PARTICIPANT_ORDER_FIELDS = frozenset(
    {"lastName", "firstName", "status", "role", "country", "waitlistPosition", "registeredAt", "statusChangedAt"}
)


ATTENDANCE_ORDER_FIELDS = frozenset({"day", "checkedInAt", "method"})


@guarded(Action.SEARCH_ORGANISATIONS)
def organisations_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live organisations, for holders of the organisation search right."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False)


# A participant's personal data: readable only with the personal-data right (216006), in the GraphQL type and in the
# history alike.
PARTICIPANT_PERSONAL_FIELDS = ("email", "phone", "gender", "accessibility_needs", "dietary_needs", "checkin_token")
# A participant's links to an openIMIS user account and location: in no participant list, and, wherever else a
# participant's fields are shown (history, admin), personal like the fields above.
PARTICIPANT_LINK_FIELDS = ("user", "location")


def hidden_participant_fields(user) -> frozenset:
    """The participant fields a caller may not see, read, search or filter by: without the personal-data right, the
    personal fields and the links; with it, none."""
    if can(user, Action.VIEW_PERSONAL_DATA):
        return frozenset()
    return frozenset(PARTICIPANT_PERSONAL_FIELDS + PARTICIPANT_LINK_FIELDS)


@guarded(Action.SEARCH_PARTICIPANTS)
def participants_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live registrations of live events, for holders of the participant search right."""
    queryset = Participant.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False, event__is_deleted=False)


SHOWCASE_ORDER_FIELDS = frozenset({"title", "status", "startsAt", "dateCreated", "statusChangedAt"})
SYSTEM_ORDER_FIELDS = frozenset({"name", "country", "systemType", "deploymentStage", "dateCreated"})
STANDARD_ORDER_FIELDS = frozenset({"code", "name", "family", "dateCreated"})


@guarded(Action.SEARCH_SHOWCASES)
def showcases_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The live showcases of live events, for holders of the showcase search right."""
    queryset = Showcase.objects.all() if queryset is None else queryset
    return queryset.filter(is_deleted=False, event__is_deleted=False)


@guarded(Action.SEARCH_SHOWCASES)
def showcase_catalogue_for(*, user, queryset: QuerySet) -> QuerySet:
    """Live digital systems or standards, for holders of the showcase search right."""
    return queryset.filter(is_deleted=False)


SESSION_ORDER_FIELDS = frozenset({"startsAt", "endsAt", "title", "room", "sessionType"})


@guarded(Action.SEARCH_SESSIONS)
def sessions_for(*, user, queryset: QuerySet) -> QuerySet:
    """The live sessions of live events, for holders of the agenda search right."""
    return queryset.filter(is_deleted=False, event__is_deleted=False)


# Registrations the programme names (a showcase's presenters, a session's speakers and chairs): live ones that stand.
PROGRAMME_STATUSES = frozenset(
    {ParticipantStatus.PENDING, ParticipantStatus.CONFIRMED, ParticipantStatus.WAITLISTED, ParticipantStatus.NO_SHOW}
)


def programme_people(people) -> list:
    """The people a showcase or session names, for whoever may read it: presenting is public by nature, so their
    names need neither the participant right nor the listing consent (their personal data still needs 216006). A
    deleted, cancelled, rejected or withdrawn registration is named nowhere. Filtered in Python: the lists come
    prefetched."""
    return [person for person in people if not person.is_deleted and person.status in PROGRAMME_STATUSES]


def session_showcases(*, user, session) -> list:
    """A session's showcases: they keep their own right, so the agenda's readers see them only if they may search
    showcases (the list is prefetched with the sessions)."""
    return list(session.showcases.all()) if can(user, Action.SEARCH_SHOWCASES) else []


@guarded(Action.SEARCH_PARTICIPANTS)
def attendances_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """Check-ins of live registrations of live events, for holders of the participant search right."""
    queryset = Attendance.objects.all() if queryset is None else queryset
    return queryset.filter(participant__is_deleted=False, participant__event__is_deleted=False)


def live_event(event_id, *, field: str = "eventId") -> Event:
    uuid = v.clean_uuid(event_id, field=field)
    event = Event.objects.live().filter(id=uuid).first()
    if event is None:
        raise MeetingError(Problems.EVENT_NOT_FOUND, field=field, value=str(uuid))
    return event


# Events whose participant list is published: announced and not called off.
LISTED_EVENT_STATUSES = frozenset(
    {
        EventStatus.PUBLISHED,
        EventStatus.REGISTRATION_OPEN,
        EventStatus.REGISTRATION_CLOSED,
        EventStatus.ONGOING,
        EventStatus.COMPLETED,
    }
)


@guarded(Action.SEE_PUBLISHED_PARTICIPANTS)
def published_participants(*, user, event_id) -> QuerySet:
    """The public list of an event that is no longer a draft: confirmed people who agreed to be listed, with only
    what they agreed to show (names, job title, organisation, country, role)."""
    event = live_event(event_id)
    if event.status not in LISTED_EVENT_STATUSES:
        return Participant.objects.none()
    return (
        Participant.objects.live()
        .filter(event=event, status=ParticipantStatus.CONFIRMED, consent_listed=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "id")
    )


def changed_by(queryset: QuerySet, *, client_mutation_id: str | None) -> QuerySet:
    """Narrow to the rows a given mutation (by the frontend's clientMutationId) created or changed."""
    if not client_mutation_id:
        return queryset
    return queryset.filter(mutations__mutation__client_mutation_id=client_mutation_id).distinct()


def check_order(order_by, *, allowed: frozenset) -> None:
    """Refuse an orderBy naming anything but the allowed API fields, each written as the list orders by it: the name,
    or "-" and the name to reverse (core hands any other prefix to Django, whose refusal lists every column)."""
    for item in order_by or []:
        name = item[1:] if isinstance(item, str) and item.startswith("-") else item
        if name not in allowed:
            raise MeetingError(Problems.UNKNOWN_ORDER, field="orderBy", value=str(item)[:64])
