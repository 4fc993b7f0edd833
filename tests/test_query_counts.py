"""The lists the frontend reads most cost a fixed number of queries, however many rows they return."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import PASSWORD, make_user
from frontend import logged_in
from showcase_setup import advance, build_world, integration, make_showcase

SHOWCASES = (
    "{ meetingShowcases(first: 50) { totalCount edges { node { title status event { code } leadOrganisation { name } "
    "partnerOrganisations { name } presenters { lastName organisation { name } } integrations { sourceSystem { name } "
    "targetSystem { name } standard { code } evidenceLevel } reviewCount meanScores { overall } "
    "reviews { reviewer } } } } }"
)


def queries_for(session, query):
    with CaptureQueriesContext(connection) as captured:
        result = session.post(query)
    assert "errors" not in result, result
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_showcase_list_queries_do_not_grow_with_rows(admin):
    world = build_world(admin)
    reviewer = make_user("Reviewer", rights=["217005"])
    session = logged_in("Admin", PASSWORD)
    advance(admin, reviewer, make_showcase(admin, world), "UNDER_REVIEW")
    few = queries_for(session, SHOWCASES)
    for number in range(6):
        advance(admin, reviewer, make_showcase(admin, world, title=f"More {number}"), "UNDER_REVIEW")

    assert queries_for(session, SHOWCASES) == few


PARTICIPANTS = (
    "{ meetingParticipants(first: 100) { totalCount edges { node { lastName email status event { code } "
    "organisation { acronym } } } } }"
)
ATTENDANCES = (
    "{ meetingAttendances(first: 100) { totalCount edges { node { day checkedInBy checkedInAt "
    "participant { lastName organisation { acronym } event { code } } } } } }"
)
MATRIX = (
    "{ meetingInteroperabilityMatrix { pairs { systemA { name } systemB { name } standards { code } "
    "bestEvidenceLevel showcaseIds progress { event { code } bestEvidenceLevel } } "
    "bySystemStandard { system { name } standard { code } showcaseCount } } }"
)


@pytest.mark.django_db
def test_participant_attendance_and_matrix_queries_do_not_grow_with_rows(admin):
    from openimis_be_meeting.services import AttendanceService, OrganisationService

    from factories import register, running_event

    event = running_event(admin, capacity=None)
    organisation = OrganisationService(admin).create({"name": "KeHIA", "organisation_type": "KNOWLEDGE_HUB"})
    session = logged_in("Admin", PASSWORD)

    def add_people(numbers):
        for number in numbers:
            participant = register(admin, event, number, organisation_id=organisation["data"]["id"])["data"]["id"]
            assert AttendanceService(admin).check_in({"id": participant})["success"]

    add_people(range(2))
    world = build_world(admin)
    reviewer = make_user("Reviewer", rights=["217005"])
    advance(admin, reviewer, make_showcase(admin, world), "ACCEPTED")
    counts = [queries_for(session, query) for query in (PARTICIPANTS, ATTENDANCES, MATRIX)]

    add_people(range(2, 12))
    pairs = [("dhis2", "openimis", "adx"), ("registry", "openimis", "dci"), ("pbf", "dhis2", "fhir")]
    for number, (source, target, standard) in enumerate(pairs):
        links = [integration(world, source, target, standard)]
        advance(admin, reviewer, make_showcase(admin, world, title=f"More {number}", integrations=links), "ACCEPTED")

    assert [queries_for(session, query) for query in (PARTICIPANTS, ATTENDANCES, MATRIX)] == counts


@pytest.mark.django_db
def test_list_rows_are_built_without_dirty_field_tracking(admin):
    """Read-only rows skip django-dirtyfields' per-instance copy, a third of a list page's time (docs/benchmarks.md)."""
    from unittest import mock

    import dirtyfields.dirtyfields

    from factories import register, running_event

    event = running_event(admin)
    for number in range(5):
        register(admin, event, number)
    session = logged_in("Admin", PASSWORD)
    session.post(PARTICIPANTS)  # warm up: the login's own objects

    with mock.patch.object(dirtyfields.dirtyfields, "reset_state", wraps=dirtyfields.dirtyfields.reset_state) as spy:
        result = session.post(PARTICIPANTS)

    assert len(result["data"]["meetingParticipants"]["edges"]) == 5
    tracked = {type(call.kwargs["instance"]).__name__ for call in spy.call_args_list}
    assert tracked.isdisjoint({"Participant", "Event", "Organisation"}), tracked


@pytest.mark.django_db
def test_a_read_only_row_cannot_be_saved(admin):
    from openimis_be_meeting.models import Event

    from factories import make_event

    make_event(admin)
    event = Event.objects.for_reading().get()
    event.name = "Changed"
    with pytest.raises(AttributeError):
        event.save(user=admin)
    assert Event.objects.get().name != "Changed"


# The most SQL queries each list may take for a page, whatever its size (docs/benchmarks.md lists them too):
# session and rights lookups of the request, the count, the page, and one per prefetched relation.
PAGE_QUERIES = {
    "meetingEvents": ("uuid code name startsAt location { code }", 7),
    "meetingParticipants": ("uuid lastName email event { code } organisation { acronym }", 7),
    "meetingShowcases": (
        "uuid title presenters { lastName } partnerOrganisations { acronym } "
        "integrations { sourceSystem { name } targetSystem { name } standard { code } } reviewCount",
        15,
    ),
    "meetingSessions": ("uuid title speakers { lastName } chairs { lastName } showcases { title }", 11),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGE_QUERIES))
def test_a_page_of_100_costs_what_a_page_of_10_costs(admin, name):
    from openimis_be_meeting.services import SessionService

    from factories import future, make_event, register

    fields, bound = PAGE_QUERIES[name]
    world = build_world(admin)
    for number in range(110):
        register(admin, world.event, 1000 + number)
    from location.test_helpers import create_test_location

    region = create_test_location("R", custom_props={"code": "RCM", "name": "Centre"})
    for number in range(12):
        make_event(admin, code=f"MORE-{number}", location_id=str(region.uuid))
    reviewer = make_user("Reviewer", rights=["217005"])
    for number in range(12):
        presenter = [world.presenters[number % 3]]
        showcase = make_showcase(admin, world, title=f"Showcase {number}", presenter_ids=presenter)
        advance(admin, reviewer, showcase, "ACCEPTED")
    for number in range(12):
        created = SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": f"Session {number}",
                "session_type": "WORKSHOP",
                "starts_at": future(30, 8),
                "ends_at": future(30, 9),
                "room": f"Room {number}",
                "speaker_ids": [world.presenters[0]] if number == 0 else [],
                "showcase_ids": [str(showcase.id)],
            }
        )
        assert created["success"], created
    session = logged_in("Admin", PASSWORD)

    def page(size):
        return queries_for(session, f"{{ {name}(first: {size}) {{ totalCount edges {{ node {{ {fields} }} }} }} }}")

    small, large = page(10), page(100)

    assert small == large <= bound, (small, large)
