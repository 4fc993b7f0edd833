"""The meetingEvents list: filters, ordering and pagination as the frontend asks for them."""

import pytest

from openimis_be_meeting.services import EventService

from factories import PASSWORD, future, make_event
from frontend import logged_in


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.fixture
def events(admin):
    past = make_event(
        admin,
        code="PAST-21",
        name="Webinar on FHIR",
        event_type="WEBINAR",
        country="KE",
        participation_mode="ONLINE",
        online_url="https://example.org/w",
        starts_at=future(-400),
        ends_at=future(-400, 12),
    )
    yaounde = make_event(
        admin, code="CM-YDE", name="Community Meeting Yaoundé", country="CM", starts_at=future(20), ends_at=future(22)
    )
    training = make_event(
        admin,
        code="TR-DLA",
        name="Claims training",
        event_type="TRAINING",
        country="CM",
        starts_at=future(60),
        ends_at=future(61),
    )
    EventService(admin).change_status({"id": str(yaounde.id), "status": "PUBLISHED"})
    return past, yaounde, training


def codes(session, arguments: str) -> list[str]:
    result = session.post(f"{{ meetingEvents({arguments}) {{ totalCount edges {{ node {{ code }} }} }} }}")
    assert "errors" not in result, result
    found = [edge["node"]["code"] for edge in result["data"]["meetingEvents"]["edges"]]
    assert result["data"]["meetingEvents"]["totalCount"] >= len(found)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("first: 10", ["TR-DLA", "CM-YDE", "PAST-21"]),
        ("status: PUBLISHED, first: 10", ["CM-YDE"]),
        ("status: DRAFT, first: 10", ["TR-DLA", "PAST-21"]),
        ("status_In: [PUBLISHED, CANCELLED], first: 10", ["CM-YDE"]),
        ("eventType: TRAINING, first: 10", ["TR-DLA"]),
        ('country: "CM", first: 10', ["TR-DLA", "CM-YDE"]),
        ("participationMode: ONLINE, first: 10", ["PAST-21"]),
        ('code: "CM-YDE", first: 10', ["CM-YDE"]),
        ('code_Iexact: "cm-yde", first: 10', ["CM-YDE"]),
        ('name_Icontains: "yaoundé", first: 10', ["CM-YDE"]),
        ("upcoming: true, first: 10", ["TR-DLA", "CM-YDE"]),
        ("upcoming: false, first: 10", ["PAST-21"]),
        ('orderBy: ["code"], first: 10', ["CM-YDE", "PAST-21", "TR-DLA"]),
        ('orderBy: ["-name"], first: 10', ["PAST-21", "CM-YDE", "TR-DLA"]),
        ('orderBy: ["startsAt"], first: 2', ["PAST-21", "CM-YDE"]),
    ],
)
def test_events_filter_and_order(session, events, arguments, expected):
    assert codes(session, arguments) == expected


@pytest.mark.django_db
def test_events_start_window_filters(session, events):
    after = future(10).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    before = future(30).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert codes(session, f'startsAfter: "{after}", first: 10') == ["TR-DLA", "CM-YDE"]
    assert codes(session, f'startsBefore: "{before}", first: 10') == ["CM-YDE", "PAST-21"]
    assert codes(session, f'startsAfter: "{after}", startsBefore: "{before}", first: 10') == ["CM-YDE"]


@pytest.mark.django_db
def test_events_paginate_with_cursors_and_total_count(session, events):
    first = session.post(
        '{ meetingEvents(first: 2, orderBy: ["code"]) { totalCount pageInfo { hasNextPage, hasPreviousPage, '
        "startCursor, endCursor } edges { node { code } } } }"
    )["data"]["meetingEvents"]
    assert first["totalCount"] == 3
    assert [e["node"]["code"] for e in first["edges"]] == ["CM-YDE", "PAST-21"]
    assert first["pageInfo"]["hasNextPage"] is True

    after = first["pageInfo"]["endCursor"]
    second = session.post(
        f'{{ meetingEvents(after: "{after}", first: 2, orderBy: ["code"]) {{ totalCount '
        "pageInfo { hasNextPage } edges { node { code } } } }"
    )["data"]["meetingEvents"]
    assert [e["node"]["code"] for e in second["edges"]] == ["TR-DLA"]
    assert second["pageInfo"]["hasNextPage"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("order", ['["userCreated__password"]', '["isDeleted"]', '["?"]', '["json_ext"]'])
def test_ordering_by_anything_but_listed_fields_is_refused(session, events, order):
    result = session.post(f"{{ meetingEvents(first: 10, orderBy: {order}) {{ edges {{ node {{ code }} }} }} }}")

    assert result["data"] == {"meetingEvents": None}
    assert "cannot be ordered by" in result["errors"][0]["message"]


@pytest.mark.django_db
def test_page_size_above_the_instance_maximum_is_refused(session, events):
    result = session.post("{ meetingEvents(first: 101) { edges { node { code } } } }")

    # Refused before it runs, by the host's query limits (gql/base/limits.py; more in test_query_limits.py).
    assert session.last_status == 400
    assert "data" not in result
    assert result["errors"][0]["message"] == (
        "first of meetingEvents must be a whole number from 0 to 100; 101 was given."
    )


@pytest.mark.django_db
def test_one_event_by_its_uuid(session, events):
    past, yaounde, training = events
    assert codes(session, f'uuid: "{yaounde.id}"') == ["CM-YDE"]
    assert codes(session, 'uuid: "00000000-0000-0000-0000-000000000000"') == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ meetingEvents(uuid: "not-a-uuid") { totalCount } }', None),
        ("query ($id: UUID) { meetingEvents(uuid: $id) { totalCount } }", {"id": "not-a-uuid"}),
        ('{ meetingParticipants(eventId: "not-a-uuid") { totalCount } }', None),
        ("query ($id: UUID) { meetingParticipants(eventId: $id) { totalCount } }", {"id": "not-a-uuid"}),
    ],
)
def test_an_id_that_is_not_a_uuid_is_refused_with_the_modules_message(session, query, variables):
    result = session.post(query, variables=variables)

    assert session.last_status == 400 and "data" not in result, result
    [error] = result["errors"]
    assert error["message"] == "not-a-uuid is not a valid id."
    assert error["extensions"]["code"] == "meeting.validation.invalid_id"


@pytest.mark.django_db
def test_invalid_status_filter_is_an_error(session, events):
    result = session.post("{ meetingEvents(status: NOT_A_STATUS, first: 10) { edges { node { code } } } }")

    assert session.last_status == 400
    assert "data" not in result
    assert 'Expected type "MeetingEventStatusEnum", found NOT_A_STATUS' in result["errors"][0]["message"]


@pytest.mark.django_db
def test_a_custom_order_ends_with_the_id_so_pages_never_repeat_rows(admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        make_event(admin, code=f"SAME-{number}", name="Same name")
    session = logged_in("Admin", PASSWORD)
    seen, after = [], ""
    with CaptureQueriesContext(connection) as queries:
        for _page in range(3):
            result = session.post(
                f'{{ meetingEvents(orderBy: ["name"], first: 1{after}) '
                "{ pageInfo { endCursor } edges { node { code } } } }"
            )
            page = result["data"]["meetingEvents"]
            seen += [edge["node"]["code"] for edge in page["edges"]]
            after = f', after: "{page["pageInfo"]["endCursor"]}"'
    assert sorted(seen) == ["SAME-0", "SAME-1", "SAME-2"]
    from openimis_be_meeting.models import Event

    last_key = f'"{Event._meta.db_table}"."{Event._meta.pk.column}" ASC'
    orders = [
        q["sql"].split("ORDER BY")[1].split("LIMIT")[0].strip()
        for q in queries.captured_queries
        if "ORDER BY" in q["sql"] and Event._meta.db_table in q["sql"]
    ]
    assert len(orders) == 3
    assert all(order.endswith(last_key) and "name" in order for order in orders), orders


@pytest.mark.django_db
def test_deep_pages_found_by_primary_keys_first_give_the_same_rows(admin, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openimis_be_meeting.gql.base import connection as gql_connection

    for number in range(7):
        make_event(admin, code=f"E{number}", name=f"Event {number % 3}")
    session = logged_in("Admin", PASSWORD)
    query = '{ meetingEvents(orderBy: ["name"], first: 3, offset: 3) { totalCount edges { node { code } } } }'

    shallow = session.post(query)["data"]["meetingEvents"]
    monkeypatch.setattr(gql_connection, "DEFERRED_JOIN_FROM", 1)
    with CaptureQueriesContext(connection) as queries:
        deep = session.post(query)["data"]["meetingEvents"]

    assert deep == shallow
    assert shallow["totalCount"] == 7 and len(shallow["edges"]) == 3
    page_sql = [q["sql"] for q in queries.captured_queries if "LIMIT 3" in q["sql"]]
    assert len(page_sql) == 1 and " IN (SELECT " in page_sql[0]
