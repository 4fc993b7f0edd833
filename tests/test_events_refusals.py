"""Bad input and missing rights: a clear error in the mutation log, and nothing written."""

import json

import pytest
from core.models import MutationLog
from django.test import Client

from openimis_be_meeting.models import Event, EventMutation
from openimis_be_meeting.services import EventService

from factories import PASSWORD, make_event, make_user
from frontend import Enum, FrontendSession, logged_in
from test_events_graphql import CREATE


def event_snapshot():
    return (
        sorted((e.code, e.name, e.status, e.is_deleted, e.version, e.capacity) for e in Event.objects.all()),
        Event.history.count(),
        EventMutation.objects.count(),
    )


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


_BAD_DATE = "%s is not a valid date and time."
_NO_ZONE = "%s is not a known IANA time zone."

BAD_CREATES = [
    (
        {"endsAt": "2030-10-24T08:00:00"},
        "meeting.event.ends_before_start",
        "endsAt",
        "The event must end after it starts.",
    ),
    (
        {"endsAt": "2030-10-24T09:00:00"},
        "meeting.event.ends_before_start",
        "endsAt",
        "The event must end after it starts.",
    ),
    (
        {"timezone": "Africa/Yaounde"},
        "meeting.validation.unknown_timezone",
        "timezone",
        "Africa/Yaounde is not a known IANA time zone.",
    ),
    (
        {"timezone": "../../etc/passwd"},
        "meeting.validation.unknown_timezone",
        "timezone",
        "../../etc/passwd is not a known IANA time zone.",
    ),
    (
        {"country": "XX"},
        "meeting.validation.unknown_country",
        "country",
        "XX is not an ISO 3166-1 alpha-2 country code.",
    ),
    (
        {"country": "Cameroon"},
        "meeting.validation.unknown_country",
        "country",
        "CAMEROON is not an ISO 3166-1 alpha-2 country code.",
    ),
    (
        {"capacity": -5},
        "meeting.event.capacity_invalid",
        "capacity",
        "The capacity must be at least 1, or empty for no limit.",
    ),
    (
        {"capacity": 0},
        "meeting.event.capacity_invalid",
        "capacity",
        "The capacity must be at least 1, or empty for no limit.",
    ),
    (
        {"registrationClosesAt": "2030-08-01T00:00:00Z"},
        "meeting.event.registration_closes_before_opens",
        "registrationClosesAt",
        "Registration must close after it opens.",
    ),
    (
        {"registrationClosesAt": "2030-10-27T00:00:00Z"},
        "meeting.event.registration_closes_after_end",
        "registrationClosesAt",
        "Registration must close before the event ends.",
    ),
    ({"name": "   "}, "meeting.validation.required", "name", "name is required."),
    ({"code": "x" * 33}, "meeting.validation.too_long", "code", "code is longer than 32 characters."),
    (
        {"onlineUrl": "javascript:alert(1)"},
        "meeting.validation.invalid_url",
        "onlineUrl",
        "javascript:alert(1) is not a valid web address.",
    ),
    (
        {"onlineUrl": ""},
        "meeting.event.online_url_required",
        "onlineUrl",
        "An online or hybrid event needs an online address.",
    ),
    # Dates travel as text and are parsed by the service, so bad ones are refused in the mutation log, not by HTTP.
    ({"startsAt": "next tuesday"}, "meeting.validation.invalid_datetime", "startsAt", _BAD_DATE % "startsAt"),
    ({"startsAt": "2030-02-30T09:00:00"}, "meeting.validation.invalid_datetime", "startsAt", _BAD_DATE % "startsAt"),
    ({"endsAt": "9999-12-31T23:59:59-12:00"}, "meeting.validation.invalid_datetime", "endsAt", _BAD_DATE % "endsAt"),
    ({"startsAt": "1066-10-14T09:00:00Z"}, "meeting.validation.invalid_datetime", "startsAt", _BAD_DATE % "startsAt"),
    (
        # 02:30 on 2030-03-31 does not exist in Paris (clocks go from 02:00 to 03:00).
        {"timezone": "Europe/Paris", "startsAt": "2030-03-31T02:30:00", "endsAt": "2030-04-02T17:00:00"},
        "meeting.validation.local_time_ambiguous",
        "startsAt",
        "startsAt falls in a daylight-saving change in Europe/Paris; give it with its UTC offset.",
    ),
    (
        # 02:30 on 2030-10-27 happens twice in Paris.
        {"timezone": "Europe/Paris", "startsAt": "2030-10-25T09:00:00", "endsAt": "2030-10-27T02:30:00"},
        "meeting.validation.local_time_ambiguous",
        "endsAt",
        "endsAt falls in a daylight-saving change in Europe/Paris; give it with its UTC offset.",
    ),
    ({"timezone": "localtime"}, "meeting.validation.unknown_timezone", "timezone", _NO_ZONE % "localtime"),
    ({"timezone": "posixrules"}, "meeting.validation.unknown_timezone", "timezone", _NO_ZONE % "posixrules"),
    ({"locationId": "not-a-uuid"}, "meeting.validation.invalid_id", "locationId", "not-a-uuid is not a valid id."),
    (
        {"locationId": "8b4f4a38-5d0c-4b1c-9f7d-2f2f1f0b7c11"},
        "meeting.event.location_not_found",
        "locationId",
        "No openIMIS location exists with the id 8b4f4a38-5d0c-4b1c-9f7d-2f2f1f0b7c11.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "code", "field", "message"), BAD_CREATES)
def test_bad_create_is_refused_with_a_named_problem(session, change, code, field, message):
    before = event_snapshot()

    log = session.mutate("createMeetingEvent", {**CREATE, **change})

    assert log["status"] == 1
    assert log["errors"] == [{"code": code, "field": field, "message": message}]
    assert event_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["code", "name", "eventType", "startsAt", "endsAt", "timezone"])
def test_create_without_a_required_field_is_refused(session, missing):
    fields = {key: value for key, value in CREATE.items() if key != missing}

    log = session.mutate("createMeetingEvent", fields)

    assert log["status"] == 1
    assert log["errors"] == [
        {"code": "meeting.validation.required", "field": missing, "message": f"{missing} is required."}
    ]
    assert Event.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["CM-YDE-2023", "cm-yde-2023", "  CM-YDE-2023 "])
def test_duplicate_code_among_live_events_is_refused(session, admin, code):
    make_event(admin, code="CM-YDE-2023")
    before = event_snapshot()

    log = session.mutate("createMeetingEvent", {**CREATE, "code": code})

    assert log["status"] == 1
    assert log["errors"][0]["code"] == "meeting.event.code_taken"
    assert event_snapshot() == before


@pytest.mark.django_db
def test_update_to_another_events_code_is_refused(session, admin):
    make_event(admin, code="A")
    other = make_event(admin, code="B")
    before = event_snapshot()

    log = session.mutate("updateMeetingEvent", {"id": str(other.id), "code": "A", "name": "Renamed"})

    assert log["errors"][0]["code"] == "meeting.event.code_taken"
    assert event_snapshot() == before


@pytest.mark.django_db
def test_bad_update_writes_nothing(session, admin):
    event = make_event(admin, code="UPD")
    before = event_snapshot()

    log = session.mutate(
        "updateMeetingEvent", {"id": str(event.id), "name": "New name", "endsAt": "2000-01-01T00:00:00Z"}
    )

    assert log["errors"][0]["code"] == "meeting.event.ends_before_start"
    assert event_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [["PUBLISHED", "CANCELLED"], ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"]],
)
def test_a_completed_or_cancelled_event_is_not_edited(session, admin, path):
    event = make_event(admin, code="DONE")
    for status in path:
        assert EventService(admin).change_status({"id": str(event.id), "status": status})["success"]
    before = event_snapshot()

    log = session.mutate("updateMeetingEvent", {"id": str(event.id), "name": "Rewritten history"})

    status = "Cancelled" if path[-1] == "CANCELLED" else "Completed"
    assert log["errors"] == [
        {
            "code": "meeting.event.finished",
            "field": "id",
            "message": f"The event is {status}; its details can no longer be changed.",
        }
    ]
    assert event_snapshot() == before


@pytest.mark.django_db
def test_null_for_a_yes_no_field_is_refused_not_read_as_no(session, admin):
    event = make_event(admin, code="FLAG", requires_approval=True)
    before = event_snapshot()

    log = session.mutate(
        "updateMeetingEvent",
        {"id": str(event.id), "requiresApproval": None},
        input_type="UpdateMeetingEventMutationInput",
    )

    assert log["errors"][0]["code"] == "meeting.validation.required"
    assert log["errors"][0]["field"] == "requiresApproval"
    assert event_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("bad_id", ["", "42", "'; DROP TABLE tblUsers; --", "0190c6b4-0000-7000-8000-000000000000"])
def test_update_of_unknown_or_malformed_id_is_refused(session, bad_id):
    log = session.mutate("updateMeetingEvent", {"id": bad_id, "name": "x"})

    assert log["status"] == 1
    expected = "meeting.event.not_found" if len(bad_id) == 36 else "meeting.validation.invalid_id"
    assert log["errors"][0]["code"] == expected
    assert log["errors"][0]["field"] == "id"


@pytest.mark.django_db
def test_delete_without_ids_or_with_too_many_is_refused(session, admin):
    make_event(admin)
    assert session.mutate("deleteMeetingEvent", {"ids": []})["errors"][0]["code"] == "meeting.validation.no_ids"
    many = [str(Event.objects.get().id)] * 101
    assert session.mutate("deleteMeetingEvent", {"ids": many})["errors"][0]["code"] == "meeting.validation.too_many_ids"
    assert Event.objects.get().is_deleted is False


# --- rights -------------------------------------------------------------------------------------------------------

MUTATIONS = {
    # mutation: (right that allows it, input builder)
    "createMeetingEvent": ("215002", lambda event: {**CREATE, "code": "NEW"}),
    "updateMeetingEvent": ("215003", lambda event: {"id": str(event.id), "name": "Changed"}),
    "changeMeetingEventStatus": ("215003", lambda event: {"id": str(event.id), "status": Enum("PUBLISHED")}),
    "deleteMeetingEvent": ("215004", lambda event: {"ids": [str(event.id)]}),
}
ALL_EVENT_RIGHTS = ["215001", "215002", "215003", "215004"]


@pytest.mark.django_db
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutation_without_its_right_is_refused(admin, mutation):
    right, build = MUTATIONS[mutation]
    event = make_event(admin, code="EXISTING")
    make_user("Clerk", rights=[r for r in ALL_EVENT_RIGHTS if r != right])
    before = event_snapshot()

    log = logged_in("Clerk", PASSWORD).mutate(mutation, build(event))

    assert log["status"] == 1
    assert log["errors"] == [
        {"code": "meeting.auth.permission_denied", "field": None, "message": "You do not have the right to do this."}
    ]
    assert event_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutation_with_only_its_right_succeeds(admin, mutation):
    right, build = MUTATIONS[mutation]
    event = make_event(admin, code="EXISTING")
    make_user("Clerk", rights=[right])

    log = logged_in("Clerk", PASSWORD).mutate(mutation, build(event))

    assert log["status"] == 2, log


@pytest.mark.django_db
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_anonymous_mutation_is_refused_and_logged_as_json(admin, mutation):
    _, build = MUTATIONS[mutation]
    event = make_event(admin, code="EXISTING")
    before = event_snapshot()
    client_mutation_id, response = FrontendSession().send_mutation(mutation, build(event))

    assert response["data"][mutation]["internalId"]
    log = MutationLog.objects.get(client_mutation_id=client_mutation_id)
    assert log.status == MutationLog.ERROR
    assert json.loads(log.error) == [
        {"code": "meeting.auth.authentication_required", "field": None, "message": "You must be logged in."}
    ]
    assert event_snapshot() == before


@pytest.mark.django_db
def test_query_without_search_right_returns_an_error_and_no_data(admin):
    make_event(admin)
    make_user("Clerk", rights=["215002", "215003", "215004"])
    session = logged_in("Clerk", PASSWORD)

    result = session.post("{ meetingEvents(first: 10) { totalCount edges { node { code } } } }")

    assert result["data"] == {"meetingEvents": None}
    assert result["errors"][0]["message"] == "You do not have the right to do this."


@pytest.mark.django_db
def test_node_lookup_without_search_right_returns_no_event(admin):
    event = make_event(admin)
    admin_session = logged_in("Admin", PASSWORD)
    global_id = admin_session.post("{ meetingEvents(first: 1) { edges { node { id } } } }")
    global_id = global_id["data"]["meetingEvents"]["edges"][0]["node"]["id"]
    make_user("Clerk", rights=["215002"])

    result = logged_in("Clerk", PASSWORD).post(
        f'{{ node(id: "{global_id}") {{ ... on MeetingEventGQLType {{ code name }} }} }}'
    )

    assert result["data"] == {"node": None}
    assert "errors" in result
    assert event.code not in str(result)


@pytest.mark.django_db
def test_anonymous_query_returns_an_error_and_no_data(admin):
    make_event(admin)

    response = Client().post(
        "/api/graphql",
        data={"query": "{ meetingEvents(first: 10) { edges { node { code } } } }"},
        content_type="application/json",
    )

    body = response.json()
    assert body["data"] == {"meetingEvents": None}
    assert body["errors"]


@pytest.mark.django_db
def test_user_with_only_search_right_sees_events(admin):
    make_event(admin, code="SEEN")
    make_user("Reader", rights=["215001"])

    result = logged_in("Reader", PASSWORD).post("{ meetingEvents(first: 10) { totalCount edges { node { code } } } }")

    assert result["data"]["meetingEvents"] == {"totalCount": 1, "edges": [{"node": {"code": "SEEN"}}]}
