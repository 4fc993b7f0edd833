"""Hostile numbers and lists through the real mutations (literals as the frontend writes them, and variables):
out-of-range, beyond 32 bits, oversized, empty or holding nulls, each is refused with a clear error naming its field,
and a refused request writes nothing. Runs on SQLite and PostgreSQL alike."""

import json
import uuid

import pytest
from core.models import MutationLog
from hostile_world import base_input, plain, refused, snapshot, world_for_module

from factories import PASSWORD
from frontend import Enum, logged_in


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture
def session(hostile, db):
    return logged_in("Admin", PASSWORD)


def showcase_input(hostile) -> dict:
    return base_input(hostile, "createMeetingShowcase")


# -- numbers -------------------------------------------------------------------------------------------------------

CAPACITY_INVALID = ("meeting.event.capacity_invalid", "The capacity must be at least 1, or empty for no limit.")
CAPACITY_TOO_LARGE = ("meeting.validation.too_large", "capacity must be at most 1000000.")


@pytest.mark.django_db
@pytest.mark.parametrize("mutation", ["createMeetingEvent", "createMeetingSession"])
@pytest.mark.parametrize(
    ("capacity", "expected"),
    [(0, CAPACITY_INVALID), (-1, CAPACITY_INVALID), (-(2**31), CAPACITY_INVALID), (1_000_001, CAPACITY_TOO_LARGE)]
    + [(2**31 - 1, CAPACITY_TOO_LARGE)],
)
def test_capacity_out_of_range_is_refused(hostile, session, mutation, capacity, expected):
    error = refused(session, mutation, {**base_input(hostile, mutation), "capacity": capacity})

    assert (error["code"], error["message"], error["field"]) == (*expected, "capacity")


@pytest.mark.django_db
@pytest.mark.parametrize("as_variable", [False, True], ids=["literal", "variable"])
def test_numbers_beyond_32_bits_are_refused_by_graphql_and_write_nothing(hostile, session, as_variable):
    before, logs = snapshot(), MutationLog.objects.count()
    data = {**base_input(hostile, "reviewMeetingShowcase"), "relevance": 2**31}
    kind = "ReviewMeetingShowcaseMutationInput" if as_variable else None

    _id, response = session.send_mutation(
        "reviewMeetingShowcase", plain(data) if as_variable else data, input_type=kind
    )

    assert session.last_status == 400
    assert "data" not in response
    assert "2147483648" in response["errors"][0]["message"]
    assert (snapshot(), MutationLog.objects.count()) == (before, logs)


@pytest.mark.django_db
@pytest.mark.parametrize("score", [0, 6, -1, 2**31 - 1])
def test_scores_outside_one_to_five_are_refused(hostile, session, score):
    data = {**base_input(hostile, "reviewMeetingShowcase"), "depth": score}

    error = refused(logged_in("Reviewer", PASSWORD), "reviewMeetingShowcase", data)

    assert error == {
        "code": "meeting.validation.score_invalid",
        "field": "depth",
        "message": "depth must be a whole number from 1 to 5.",
    }


# -- lists ---------------------------------------------------------------------------------------------------------


def ids_of(count: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(count)]


LIST_CASES = [
    ("deleteMeetingEvent", "ids", lambda h: {"ids": ids_of(101)}, "meeting.validation.too_many_ids"),
    ("deleteMeetingEvent", "ids", lambda h: {"ids": []}, "meeting.validation.no_ids"),
    ("deleteMeetingSession", "ids", lambda h: {"ids": ids_of(101)}, "meeting.validation.too_many_ids"),
    ("createMeetingShowcase", "presenterIds", lambda h: {**showcase_input(h), "presenterIds": ids_of(51)}, None),
    (
        "createMeetingShowcase",
        "partnerOrganisationIds",
        lambda h: {**showcase_input(h), "partnerOrganisationIds": ids_of(51)},
        None,
    ),
    (
        "createMeetingShowcase",
        "integrations",
        lambda h: {**showcase_input(h), "integrations": showcase_input(h)["integrations"] * 21},
        "meeting.showcase.too_many_integrations",
    ),
    ("createMeetingShowcase", "useCases", lambda h: {**showcase_input(h), "useCases": [Enum("CLAIMS")] * 21}, None),
    ("createMeetingShowcase", "countries", lambda h: {**showcase_input(h), "countries": ["CM"] * 51}, None),
    (
        "createMeetingShowcase",
        "mediaLinks",
        lambda h: {**showcase_input(h), "mediaLinks": ["https://example.org"] * 11},
        None,
    ),
    (
        "createMeetingSession",
        "speakerIds",
        lambda h: {**base_input(h, "createMeetingSession"), "speakerIds": ids_of(51)},
        None,
    ),
    (
        "createMeetingSession",
        "languages",
        lambda h: {**base_input(h, "createMeetingSession"), "languages": ["fr"] * 11},
        None,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("mutation", "field", "data", "code"), LIST_CASES, ids=[f"{c[0]}.{c[1]}" for c in LIST_CASES])
def test_oversized_and_empty_lists_are_refused(hostile, session, mutation, field, data, code):
    error = refused(session, mutation, data(hostile))

    assert (error["code"], error["field"]) == (code or "meeting.validation.too_many_ids", field)


@pytest.mark.django_db
def test_a_body_over_the_upload_limit_is_a_400_in_json(hostile, session):
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 3_000_000}})
    before = snapshot()

    response = session.http.post("/api/graphql", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."}]}
    assert snapshot() == before


@pytest.mark.django_db
def test_null_items_in_lists_are_refused_naming_the_item(hostile, session):
    # The frontend never sends them, but GraphQL lets a variable hold [null] for a list of nullable items.
    data = {**plain(showcase_input(hostile)), "integrations": [None]}

    log = session.mutate("createMeetingShowcase", data, input_type="CreateMeetingShowcaseMutationInput")

    assert log["errors"] == [
        {"code": "meeting.validation.required", "field": "integrations.0", "message": "integrations.0 is required."}
    ]
