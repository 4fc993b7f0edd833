"""Hostile ids, cursors and filter values in queries: a GraphQL error that says what is wrong, in JSON, never a 500
and never someone else's rows. Runs on SQLite and PostgreSQL alike."""

import base64

import pytest
from hostile_world import MIXED, world_for_module

from factories import PASSWORD
from frontend import logged_in

GARBAGE_IDS = {
    "words": "not-a-uuid",
    "sql": "' OR 1=1; --",
    "NUL": "\\u0000",
    "huge": "9" * 20_000,
    "global id of no uuid": base64.b64encode(b"MeetingEventGQLType:1").decode(),
}


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture
def session(hostile, db):
    return logged_in("Admin", PASSWORD)


def answer(session, query: str) -> dict:
    result = session.post(query)
    assert session.last_status in (200, 400), (session.last_status, result)
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("name", GARBAGE_IDS)
def test_garbage_ids_in_the_read_queries_are_a_clear_graphql_error(session, name):
    value = GARBAGE_IDS[name]
    for query in (
        f'{{ meetingEventStatistics(eventId: "{value}") {{ registrations }} }}',
        f'{{ meetingPublishedParticipants(eventId: "{value}") {{ edges {{ node {{ firstName }} }} }} }}',
        f'{{ meetingInteroperabilityMatrix(eventId: "{value}") {{ pairs {{ showcaseIds }} }} }}',
        f'{{ meetingInteroperabilityMatrix(standardId: "{value}") {{ pairs {{ showcaseIds }} }} }}',
    ):
        result = answer(session, query)
        assert list(result["data"].values()) == [None], (query, result)
        assert result["errors"][0]["message"].endswith("is not a valid id."), (query, result)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GARBAGE_IDS)
def test_garbage_node_ids_find_nothing(session, name):
    result = answer(session, f'{{ node(id: "{GARBAGE_IDS[name]}") {{ id }} }}')

    assert result.get("data", {}).get("node") is None, result
    for error in result.get("errors", []):
        assert "UUID" in error["message"] or "id" in error["message"], result


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["not-a-uuid", "' OR 1=1; --", "9" * 20_000])
def test_garbage_in_uuid_filters_is_refused_before_the_query_runs(session, value):
    result = answer(session, f'{{ meetingParticipants(eventId: "{value}", first: 5) {{ totalCount }} }}')

    assert session.last_status == 400
    assert "data" not in result
    [error] = result["errors"]  # the module's message, not Python's "badly formed hexadecimal UUID string"
    assert error["message"] == f"{value[:64]} is not a valid id." and error["extensions"]["code"].endswith("invalid_id")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor", ["garbage", "💥", "\\u0000", base64.b64encode(b"arrayconnection:99999999999").decode()]
)
def test_garbage_cursors_page_from_a_valid_place(session, hostile, cursor):
    result = answer(session, f'{{ meetingEvents(first: 5, after: "{cursor}") {{ totalCount }} }}')

    assert result == {"data": {"meetingEvents": {"totalCount": 3}}}


@pytest.mark.django_db
@pytest.mark.parametrize("argument", ["after", "before"])
def test_cursor_holding_a_negative_offset_is_refused(session, argument):
    cursor = base64.b64encode(b"arrayconnection:-5").decode()

    result = answer(session, f'{{ meetingEvents(last: 5, {argument}: "{cursor}") {{ totalCount }} }}')

    assert session.last_status == 400
    assert result["errors"] == [
        {
            "message": f"{argument} of meetingEvents is not a cursor this list gives: {cursor}.",
            "locations": [{"line": 1, "column": 26}],
            "extensions": {"code": "meeting.query.invalid_cursor"},
        }
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("value", [MIXED.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")] + ["%_%"])
def test_hostile_search_text_finds_nothing_and_breaks_nothing(session, value):
    result = answer(session, f'{{ meetingParticipants(search: "{value}", first: 5) {{ totalCount }} }}')

    assert result == {"data": {"meetingParticipants": {"totalCount": 0}}}


@pytest.mark.django_db
def test_nul_in_a_text_filter_is_an_error_not_a_crash(session):
    result = answer(session, '{ meetingParticipants(search: "a\\u0000b", first: 5) { totalCount } }')

    assert result["data"] == {"meetingParticipants": None}
    # Issue 15, finding 10: the module's own message, not Django's form error.
    assert result["errors"][0]["message"] == (
        "search contains a control character (such as NUL) or half a character, which cannot be stored."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("order", ['["\\u0000"]', '["' + "x" * 10_000 + '"]', '["code\'; DROP TABLE x; --"]'])
def test_hostile_order_is_refused(session, order):
    result = answer(session, f"{{ meetingEvents(first: 5, orderBy: {order}) {{ totalCount }} }}")

    assert result["data"] == {"meetingEvents": None}
    assert result["errors"][0]["message"].startswith("The list cannot be ordered by")
