"""The change history (`meetingHistory`) over HTTP as the frontend reads it: who changed what and when, from which
value to which, for participants and their waiting list; masking; refusals."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from graphql_relay import to_global_id

from openimis_be_meeting.models import Participant
from openimis_be_meeting.selectors.lists import PARTICIPANT_PERSONAL_FIELDS
from openimis_be_meeting.services import ParticipantService

from factories import PASSWORD, make_user, open_event, register
from frontend import Enum, FrontendSession, logged_in
from history_helpers import changes, history_of, read_history, summary


def ok(log: dict) -> dict:
    assert log["status"] == 2, log
    return log


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


AMINA = {
    "firstName": "Amina",
    "lastName": "Njoya",
    "email": "amina.njoya@example.cm",
    "phone": "+237 699 00 11 22",
    "gender": Enum("FEMALE"),
    "dietaryNeeds": "Vegetarian",
}


@pytest.fixture
def event(admin):
    return open_event(admin, capacity=1)


@pytest.mark.django_db
def test_a_participant_history_says_who_changed_what_when_newest_first(admin, event):
    make_user("Clerk", rights=["216002", "216003"])
    make_user("Editor", rights=["216003"])
    clerk, editor = logged_in("Clerk", PASSWORD), logged_in("Editor", PASSWORD)
    started = utc_now()
    ok(clerk.mutate("registerMeetingParticipant", {"eventId": str(event.id), **AMINA}))
    participant = Participant.objects.get()
    ok(editor.mutate("updateMeetingParticipant", {"id": str(participant.id), "jobTitle": "Scheme manager"}))
    ok(clerk.mutate("cancelMeetingParticipant", {"id": str(participant.id)}))
    finished = utc_now()

    entries = history_of(logged_in("Admin", PASSWORD), "PARTICIPANT", participant.id)

    assert summary(entries) == [(3, "CHANGED", "Clerk"), (2, "CHANGED", "Editor"), (1, "CREATED", "Clerk")]
    cancelled, updated, created = entries
    participant.refresh_from_db()
    assert changes(cancelled) == {
        "status": ("CONFIRMED", "CANCELLED"),
        "status_changed_at": (changes(created)["status_changed_at"][1], changes(cancelled)["status_changed_at"][1]),
    }
    labels = [(c["label"], c["masked"]) for c in cancelled["changes"]]
    assert labels == [("status", False), ("status changed at", False)]
    assert changes(updated) == {"job_title": (None, "Scheme manager")}
    assert changes(created) | {"registered_at": None, "status_changed_at": None} == {
        "event": (None, str(event)),
        "first_name": (None, "Amina"),
        "last_name": (None, "Njoya"),
        "email": (None, "amina.njoya@example.cm"),
        "phone": (None, "+237 699 00 11 22"),
        "gender": (None, "FEMALE"),
        "role": (None, "ATTENDEE"),
        "attendance_mode": (None, "IN_PERSON"),
        "consent_listed": (None, "false"),
        "consent_photos": (None, "false"),
        "consent_contact": (None, "false"),
        "dietary_needs": (None, "Vegetarian"),
        "status": (None, "CONFIRMED"),
        "registered_at": None,
        "status_changed_at": None,
        "checkin_token": "masked",
    }
    assert changes(created)["registered_at"] == (None, participant.registered_at.isoformat() + "+00:00")
    times = [datetime.fromisoformat(entry["changedAt"]) for entry in entries]
    assert started - timedelta(seconds=1) <= times[2] <= times[1] <= times[0] <= finished + timedelta(seconds=1)
    assert all(entry["changedAt"].endswith("+00:00") for entry in entries)


@pytest.mark.django_db
def test_a_promotion_from_the_waiting_list_is_in_the_promoted_persons_history_by_the_acting_user(admin, event):
    first, second, third = (register(admin, event, number)["data"]["id"] for number in (1, 2, 3))
    make_user("Desk", rights=["216003"])

    ok(logged_in("Desk", PASSWORD).mutate("cancelMeetingParticipant", {"id": first}))

    session = logged_in("Admin", PASSWORD)
    promoted, moved_up = history_of(session, "PARTICIPANT", second), history_of(session, "PARTICIPANT", third)
    assert summary(promoted) == [(2, "CHANGED", "Desk"), (1, "CREATED", "Admin")]
    assert changes(promoted[0]) | {"status_changed_at": None} == {
        "status": ("WAITLISTED", "CONFIRMED"),
        "waitlist_position": ("1", None),
        "status_changed_at": None,
    }
    assert summary(moved_up) == [(2, "CHANGED", "Desk"), (1, "CREATED", "Admin")]
    assert changes(moved_up[0]) == {"waitlist_position": ("2", "1")}
    stored = Participant.objects.get(id=third)
    assert (stored.waitlist_position, stored.version, stored.user_updated.username) == (1, 2, "Desk")


@pytest.mark.django_db
def test_leaving_the_waiting_list_moves_everyone_behind_up_with_a_history_row_each(admin, event):
    ids = [register(admin, event, number)["data"]["id"] for number in (1, 2, 3, 4)]
    make_user("Desk", rights=["216003"])

    ok(logged_in("Desk", PASSWORD).mutate("cancelMeetingParticipant", {"id": ids[1]}))  # first in line leaves

    session = logged_in("Admin", PASSWORD)
    for participant_id, before, after in ((ids[2], "2", "1"), (ids[3], "3", "2")):
        newest = history_of(session, "PARTICIPANT", participant_id)[0]
        assert (newest["version"], newest["changedBy"], changes(newest)) == (
            2,
            "Desk",
            {"waitlist_position": (before, after)},
        )
    assert len(history_of(session, "PARTICIPANT", ids[0])) == 1  # the confirmed one did not move


def _null_fields(node: dict) -> set:
    return {name for name, value in node.items() if value is None}


def _snake(name: str) -> str:
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name)


@pytest.mark.django_db
def test_personal_fields_are_masked_without_the_personal_data_right_as_in_the_participant_list(admin, event):
    participant_id = register(
        admin, event, 1, phone="+237 699 00 11 22", gender="MALE", dietary_needs="Halal", accessibility_needs="Ramp"
    )["data"]["id"]
    token = Participant.objects.get(id=participant_id).checkin_token
    make_user("Viewer", rights=["216001"])
    viewer = logged_in("Viewer", PASSWORD)

    created = history_of(viewer, "PARTICIPANT", participant_id)[0]

    masked = {c["field"] for c in created["changes"] if c["masked"]}
    assert masked == set(PARTICIPANT_PERSONAL_FIELDS)
    assert all((c["before"], c["after"]) == (None, None) for c in created["changes"] if c["masked"])
    assert changes(created)["first_name"] == (None, "Person1")
    # The participant list hides exactly these fields from the same user.
    camel = "email phone gender accessibilityNeeds dietaryNeeds checkinToken firstName jobTitle"
    listed = viewer.post(f"{{ meetingParticipants(first: 5) {{ edges {{ node {{ {camel} }} }} }} }}")
    node = listed["data"]["meetingParticipants"]["edges"][0]["node"]
    assert {_snake(name) for name in _null_fields(node)} - {"job_title"} == masked
    assert token not in json.dumps(listed) + json.dumps(read_history(viewer, "PARTICIPANT", participant_id))


@pytest.mark.django_db
def test_a_participants_openimis_account_and_location_are_personal_in_the_history(admin, event):
    linked = make_user("Linked", rights=[])
    participant_id = register(admin, event, 1)["data"]["id"]
    assert ParticipantService(admin).update({"id": participant_id, "user_id": str(linked.id)})["success"]
    make_user("Viewer", rights=["216001"])
    make_user("Privileged", rights=["216001", "216006"])

    hidden = history_of(logged_in("Viewer", PASSWORD), "PARTICIPANT", participant_id)[0]
    shown = history_of(logged_in("Privileged", PASSWORD), "PARTICIPANT", participant_id)[0]

    assert changes(hidden)["user"] == "masked"
    assert "Linked" not in json.dumps(hidden)
    assert changes(shown)["user"][1] is not None


@pytest.mark.django_db
def test_personal_fields_are_shown_with_the_right_and_the_check_in_token_to_nobody(admin, event):
    participant_id = register(admin, event, 1, phone="+237 699 00 11 22", dietary_needs="Halal")["data"]["id"]
    participant = Participant.objects.get(id=participant_id)
    make_user("Privileged", rights=["216001", "216006"])

    for session in (logged_in("Privileged", PASSWORD), logged_in("Admin", PASSWORD)):
        result = read_history(session, "PARTICIPANT", participant_id)
        created = result["data"]["meetingHistory"][0]
        assert changes(created)["email"] == (None, "person1@example.cm")
        assert changes(created)["phone"] == (None, "+237 699 00 11 22")
        assert changes(created)["dietary_needs"] == (None, "Halal")
        assert changes(created)["checkin_token"] == "masked"
        assert participant.checkin_token not in json.dumps(result)


@pytest.mark.django_db
def test_anonymous_and_unentitled_callers_are_refused_and_get_nothing(admin, event, nobody):
    participant_id = register(admin, event, 1)["data"]["id"]
    make_user("EventsOnly", rights=["215001", "216002", "216003", "216006"])

    anonymous = read_history(FrontendSession(), "PARTICIPANT", participant_id)
    assert anonymous["data"] == {"meetingHistory": None}
    assert [error["message"] for error in anonymous["errors"]] == ["You must be logged in."]
    for username in ("Nobody", "EventsOnly"):
        refused = read_history(logged_in(username, PASSWORD), "PARTICIPANT", participant_id)
        assert refused["data"] == {"meetingHistory": None}
        assert [error["message"] for error in refused["errors"]] == ["You do not have the right to do this."]
    # Without the right, an unknown id is refused the same way: the answer tells nothing about what exists.
    unknown = read_history(logged_in("EventsOnly", PASSWORD), "PARTICIPANT", "5d0f2c2e-0000-4000-8000-000000000000")
    assert unknown["errors"][0]["message"] == "You do not have the right to do this."


@pytest.mark.django_db
def test_unknown_and_malformed_ids_are_clear_errors_and_relay_ids_are_accepted(admin, event):
    participant_id = register(admin, event, 1)["data"]["id"]
    session = logged_in("Admin", PASSWORD)

    unknown = read_history(session, "PARTICIPANT", "5d0f2c2e-0000-4000-8000-000000000000")
    assert unknown["data"] == {"meetingHistory": None}
    assert unknown["errors"][0]["message"] == "No participant exists with the id 5d0f2c2e-0000-4000-8000-000000000000."
    # An event's id is not a participant's.
    other = read_history(session, "PARTICIPANT", event.id)
    assert other["errors"][0]["message"] == f"No participant exists with the id {event.id}."
    malformed = read_history(session, "PARTICIPANT", "nope")
    assert malformed["errors"][0]["message"] == "nope is not a valid id."
    bad_entity = session.post(f'{{ meetingHistory(entity: PERSON, id: "{participant_id}") {{ version }} }}')
    assert "errors" in bad_entity and bad_entity.get("data") is None

    relay = history_of(session, "PARTICIPANT", to_global_id("MeetingParticipantGQLType", participant_id))
    assert summary(relay) == [(1, "CREATED", "Admin")]


@pytest.mark.django_db
def test_a_deleted_participant_keeps_a_readable_history_ending_in_its_deletion(admin, event):
    participant_id = register(admin, event, 1)["data"]["id"]
    make_user("Remover", rights=["216004"])
    ok(logged_in("Remover", PASSWORD).mutate("deleteMeetingParticipant", {"id": participant_id}))

    entries = history_of(logged_in("Admin", PASSWORD), "PARTICIPANT", participant_id)

    assert summary(entries) == [(2, "DELETED", "Remover"), (1, "CREATED", "Admin")]
    assert entries[0]["changes"] == []
