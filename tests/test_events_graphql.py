"""Events through GraphQL over HTTP, as the openIMIS frontend uses them."""

import pytest
from location.test_helpers import create_test_location

from openimis_be_meeting.models import Event

from factories import PASSWORD, future, make_event
from frontend import Enum, logged_in

EVENT_FIELDS = (
    "id uuid code name description eventType status startsAt endsAt timezone venue city country "
    "location { uuid code name } participationMode onlineUrl capacity registrationOpensAt registrationClosesAt "
    "requiresApproval organisers version"
)

CREATE = {
    "code": "CM-YDE-2023",
    "name": "openIMIS Community Meeting",
    "description": "Users, implementers and developers of openIMIS meet in Yaoundé.",
    "eventType": Enum("COMMUNITY_MEETING"),
    "startsAt": "2030-10-24T09:00:00",
    "endsAt": "2030-10-26T17:30:00",
    "timezone": "Africa/Douala",
    "venue": "Mont Fébé",
    "city": "Yaoundé",
    "country": "cm",
    "participationMode": Enum("HYBRID"),
    "onlineUrl": "https://meet.example.org/openimis",
    "capacity": 120,
    "registrationOpensAt": "2030-09-01T08:00:00Z",
    "registrationClosesAt": "2030-10-20T23:59:00+01:00",
    "requiresApproval": True,
    "organisers": "GIZ; Ministry of Public Health",
}


def read_by_mutation(session, client_mutation_id):
    result = session.post(
        f'{{ meetingEvents(clientMutationId: "{client_mutation_id}", first: 10) '
        f"{{ totalCount edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"
    )
    assert "errors" not in result, result
    return result["data"]["meetingEvents"]


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.mark.django_db
def test_create_event_is_logged_and_reread_by_client_mutation_id(session):
    log = session.mutate("createMeetingEvent", CREATE, label="Create Yaoundé meeting")

    assert log["status"] == 2, log
    assert log["errors"] == []
    events = read_by_mutation(session, log["clientMutationId"])
    assert events["totalCount"] == 1
    node = events["edges"][0]["node"]
    event = Event.objects.get(id=node["uuid"])
    assert node == {
        "id": node["id"],
        "uuid": str(event.id),
        "code": "CM-YDE-2023",
        "name": "openIMIS Community Meeting",
        "description": "Users, implementers and developers of openIMIS meet in Yaoundé.",
        "eventType": "COMMUNITY_MEETING",
        "status": "DRAFT",
        # Wall-clock input is read in the event's zone (Africa/Douala is UTC+1) and shown with its offset.
        "startsAt": "2030-10-24T09:00:00+01:00",
        "endsAt": "2030-10-26T17:30:00+01:00",
        "timezone": "Africa/Douala",
        "venue": "Mont Fébé",
        "city": "Yaoundé",
        "country": "CM",
        "location": None,
        "participationMode": "HYBRID",
        "onlineUrl": "https://meet.example.org/openimis",
        "capacity": 120,
        "registrationOpensAt": "2030-09-01T09:00:00+01:00",
        "registrationClosesAt": "2030-10-20T23:59:00+01:00",
        "requiresApproval": True,
        "organisers": "GIZ; Ministry of Public Health",
        "version": 1,
    }
    # Stored in UTC, naive, as openIMIS instances run with USE_TZ=False.
    assert event.starts_at.isoformat() == "2030-10-24T08:00:00"
    assert event.user_created.username == "Admin"
    assert event.history.count() == 1


@pytest.mark.django_db
def test_create_event_links_an_openimis_location(session):
    region = create_test_location("R", custom_props={"code": "CE", "name": "Centre"})

    log = session.mutate("createMeetingEvent", {**CREATE, "locationId": region.uuid})

    assert log["status"] == 2, log
    node = read_by_mutation(session, log["clientMutationId"])["edges"][0]["node"]
    assert node["location"] == {"uuid": region.uuid, "code": "CE", "name": "Centre"}


@pytest.mark.django_db
def test_update_event_changes_only_given_fields_and_keeps_history(session, admin):
    event = make_event(admin, code="WS-1", name="Workshop", capacity=10)

    log = session.mutate("updateMeetingEvent", {"id": str(event.id), "name": "FHIR workshop", "capacity": 25})

    assert log["status"] == 2, log
    node = read_by_mutation(session, log["clientMutationId"])["edges"][0]["node"]
    assert (node["code"], node["name"], node["capacity"], node["version"]) == ("WS-1", "FHIR workshop", 25, 2)
    assert [h.name for h in event.history.order_by("history_date")] == ["Workshop", "FHIR workshop"]


@pytest.mark.django_db
def test_update_clears_optional_fields_given_as_null_variables(session, admin):
    event = make_event(admin, capacity=10, registration_opens_at=future(1))

    log = session.mutate(
        "updateMeetingEvent",
        {"id": str(event.id), "capacity": None, "registrationOpensAt": None},
        input_type="UpdateMeetingEventMutationInput",
    )

    assert log["status"] == 2, log
    event.refresh_from_db()
    assert (event.capacity, event.registration_opens_at) == (None, None)


@pytest.mark.django_db
def test_update_accepts_a_relay_global_id(session, admin):
    event = make_event(admin)
    global_id = session.post("{ meetingEvents(first: 1) { edges { node { id } } } }")
    global_id = global_id["data"]["meetingEvents"]["edges"][0]["node"]["id"]

    log = session.mutate("updateMeetingEvent", {"id": global_id, "city": "Douala"})

    assert log["status"] == 2, log
    event.refresh_from_db()
    assert event.city == "Douala"


@pytest.mark.django_db
def test_event_lifecycle_moves_through_every_status(session, admin):
    event = make_event(admin)
    for status in ("PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"):
        log = session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})
        assert log["status"] == 2, (status, log)
        event.refresh_from_db()
        assert event.status == status
    assert event.history.count() == 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "target"),
    [
        ((), "ONGOING"),
        ((), "COMPLETED"),
        ((), "DRAFT"),
        (("PUBLISHED",), "REGISTRATION_CLOSED"),
        (("PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"), "CANCELLED"),
        (("CANCELLED",), "PUBLISHED"),
        (("PUBLISHED", "REGISTRATION_OPEN"), "PUBLISHED"),
    ],
)
def test_illegal_transition_is_refused_and_changes_nothing(session, admin, path, target):
    event = make_event(admin)
    for status in path:
        assert session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})["status"] == 2
    before = event.history.count()
    current = path[-1] if path else "DRAFT"

    log = session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(target)})

    assert log["status"] == 1
    assert log["errors"] == [
        {
            "code": "meeting.event.illegal_transition",
            "message": f"An event cannot go from {current} to {target}.",
            "field": "status",
        }
    ]
    event.refresh_from_db()
    assert (event.status, event.history.count()) == (current, before)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [(), ("PUBLISHED", "REGISTRATION_OPEN"), ("PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING")],
)
@pytest.mark.parametrize("target", ["CANCELLED", "POSTPONED"])
def test_cancel_and_postpone_are_reachable_before_completion(session, admin, path, target):
    event = make_event(admin)
    for status in (*path, target):
        assert session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})["status"] == 2
    event.refresh_from_db()
    assert event.status == target


@pytest.mark.django_db
def test_postponed_event_is_published_again(session, admin):
    event = make_event(admin)
    for status in ("PUBLISHED", "POSTPONED", "PUBLISHED"):
        assert session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})["status"] == 2


@pytest.mark.django_db
def test_delete_is_soft_and_hides_the_event(session, admin):
    kept, gone = make_event(admin, code="KEEP"), make_event(admin, code="GONE")

    log = session.mutate("deleteMeetingEvent", {"ids": [str(gone.id)]})

    assert log["status"] == 2, log
    listed = session.post("{ meetingEvents(first: 10) { totalCount edges { node { code } } } }")
    assert listed["data"]["meetingEvents"] == {"totalCount": 1, "edges": [{"node": {"code": "KEEP"}}]}
    gone.refresh_from_db()
    assert gone.is_deleted is True
    assert gone.history.count() == 2
    kept.refresh_from_db()
    assert kept.is_deleted is False


@pytest.mark.django_db
def test_deleted_code_can_be_reused(session, admin):
    old = make_event(admin, code="REUSE")
    assert session.mutate("deleteMeetingEvent", {"ids": [str(old.id)]})["status"] == 2

    log = session.mutate("createMeetingEvent", {**CREATE, "code": "REUSE"})

    assert log["status"] == 2, log


@pytest.mark.django_db
def test_delete_with_one_unknown_id_deletes_nothing(session, admin):
    event = make_event(admin)
    missing = "0190c6b4-0000-7000-8000-000000000000"

    log = session.mutate("deleteMeetingEvent", {"ids": [str(event.id), missing]})

    assert log["status"] == 1
    assert log["errors"][0]["code"] == "meeting.event.not_found"
    assert missing in log["errors"][0]["message"]
    event.refresh_from_db()
    assert event.is_deleted is False


@pytest.mark.django_db
def test_deleted_event_cannot_be_updated_deleted_or_moved(session, admin):
    event = make_event(admin)
    assert session.mutate("deleteMeetingEvent", {"ids": [str(event.id)]})["status"] == 2

    for name, fields in (
        ("updateMeetingEvent", {"id": str(event.id), "name": "Back"}),
        ("deleteMeetingEvent", {"ids": [str(event.id)]}),
        ("changeMeetingEventStatus", {"id": str(event.id), "status": Enum("PUBLISHED")}),
    ):
        log = session.mutate(name, fields)
        assert log["status"] == 1, name
        assert log["errors"][0]["code"] == "meeting.event.not_found", name
    event.refresh_from_db()
    assert (event.name, event.status, event.history.count()) == ("openIMIS Community Meeting", "DRAFT", 2)


@pytest.mark.django_db
def test_a_client_mutation_id_reused_for_another_request_is_refused_not_taken_as_done(admin):
    first, second = make_event(admin, code="E1"), make_event(admin, code="E2")
    session = logged_in("Admin", PASSWORD)

    done = session.mutate("updateMeetingEvent", {"id": str(first.id), "name": "Renamed"}, client_id="reused-1")
    reused = session.mutate("updateMeetingEvent", {"id": str(second.id), "name": "Renamed"}, client_id="reused-1")

    assert done["status"] == 2, done
    assert reused["status"] == 1
    assert [error["code"] for error in reused["errors"]] == ["meeting.mutation.client_id_reused"]
    second.refresh_from_db()
    assert (second.name, second.version) == ("openIMIS Community Meeting", 1)
    assert [edge["node"]["code"] for edge in read_by_mutation(session, "reused-1")["edges"]] == ["E1"]


@pytest.mark.django_db
def test_a_retried_mutation_with_the_same_client_mutation_id_is_done_once(admin):
    """A lost answer or a double click: the frontend sends the same clientMutationId again; nothing is done twice."""
    from core.models import MutationLog

    from openimis_be_meeting.models import Participant

    session = logged_in("Admin", PASSWORD)
    for _ in range(2):
        log = session.mutate("createMeetingEvent", CREATE, client_id="retry-create-1")
        assert log["status"] == 2, log
    assert Event.objects.count() == 1
    assert [log.status for log in MutationLog.objects.filter(client_mutation_id="retry-create-1")] == [2, 2]
    listed = read_by_mutation(session, "retry-create-1")
    assert [edge["node"]["code"] for edge in listed["edges"]] == [CREATE["code"]]

    event = Event.objects.get()
    for status in ("PUBLISHED", "REGISTRATION_OPEN"):
        session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})
    person = {"eventId": str(event.id), "firstName": "Amina", "lastName": "Bello", "email": "amina@example.cm"}
    for _ in range(2):
        log = session.mutate("registerMeetingParticipant", person, client_id="retry-register-1")
        assert log["status"] == 2, log  # not "already registered": it is the same request
    assert Participant.objects.count() == 1
