"""Participants in the Django admin: registrations through ParticipantService (capacity, waiting list, approval) and
the lifecycle actions with a report per row (personal data and the export: test_admin_personal_data.py)."""

import pytest

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import EventService

from admin_pages import APP, ORGANISER, REGISTRAR, action, admin_login, errors, messages_of, registration, text
from factories import make_event, make_user, open_event, register, running_event

pytestmark = pytest.mark.django_db


def people(event) -> dict:
    return {
        p.first_name: (p.status, p.waitlist_position) for p in Participant.objects.filter(event=event, is_deleted=False)
    }


def participant(result: dict) -> Participant:
    assert result["success"], result
    return Participant.objects.get(id=result["data"]["id"])


@pytest.fixture
def organiser(db):
    make_user("Organiser", rights=ORGANISER)
    return admin_login("Organiser")


@pytest.fixture
def registrar(db):
    make_user("Registrar", rights=REGISTRAR)
    return admin_login("Registrar")


def test_a_registration_added_beyond_capacity_goes_to_the_waiting_list(registrar, admin):
    event = open_event(admin, capacity=1)
    register(admin, event, 1)

    response = registrar.post(APP + "participant/add/", registration(event, 2))

    assert response.status_code == 302, errors(response)
    assert people(event) == {"Person1": ("CONFIRMED", None), "Person2": ("WAITLISTED", 1)}
    added = Participant.objects.get(first_name="Person2")
    assert (added.user_created.username, added.version, len(added.checkin_token)) == ("Registrar", 1, 32)
    assert [row.history_type for row in Participant.history.filter(id=added.id)] == ["+"]


def test_a_registration_for_an_event_needing_approval_is_pending(registrar, admin):
    event = open_event(admin, requires_approval=True)

    registrar.post(APP + "participant/add/", registration(event, 1))

    assert people(event) == {"Person1": ("PENDING", None)}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"email": "person1@EXAMPLE.cm"}, "This email address is already registered for this event."),
        ({"phone": "call me"}, "The phone number is not valid (digits, spaces, + - ( ) only)."),
        ({"country": "XX"}, "XX is not an ISO 3166-1 alpha-2 country code."),
    ],
)
def test_a_refused_registration_shows_the_services_message_and_writes_nothing(registrar, admin, typed, message):
    event = open_event(admin)
    register(admin, event, 1)

    response = registrar.post(APP + "participant/add/", registration(event, 2, **typed))

    assert response.status_code == 200
    assert errors(response) == [message]
    assert list(people(event)) == ["Person1"]


def test_registering_for_an_event_not_open_is_refused_without_the_approve_right(registrar, admin):
    event = make_event(admin)

    response = registrar.post(APP + "participant/add/", registration(event, 1))

    assert errors(response) == ["The event does not accept registrations while Draft."]
    assert people(event) == {}


def test_lowering_the_capacity_below_the_confirmed_keeps_every_seat_and_sends_newcomers_to_the_line(registrar, admin):
    # The same rule as updateMeetingEvent: a smaller capacity takes no seat away, it only stops new confirmations.
    event = open_event(admin, capacity=3)
    for number in (1, 2, 3):
        register(admin, event, number)
    assert EventService(admin).update({"id": str(event.id), "capacity": 1})["success"]

    registrar.post(APP + "participant/add/", registration(event, 4))

    assert people(event) == {
        "Person1": ("CONFIRMED", None),
        "Person2": ("CONFIRMED", None),
        "Person3": ("CONFIRMED", None),
        "Person4": ("WAITLISTED", 1),
    }


def test_approving_confirms_while_seats_remain_then_waitlists_and_refuses_what_is_not_pending(organiser, admin):
    event = open_event(admin, capacity=1, requires_approval=True)
    first, second = participant(register(admin, event, 1)), participant(register(admin, event, 2))

    response = action(organiser, "participant", "approve_participants", [first, second])
    again = action(organiser, "participant", "approve_participants", [first])

    assert messages_of(response) == [
        ("success", "Person1 Ndongo: Confirmed."),
        ("success", "Person2 Ndongo: Waiting list."),
    ]
    assert messages_of(again) == [("error", "Person1 Ndongo: A participant cannot go from CONFIRMED to CONFIRMED.")]
    assert people(event) == {"Person1": ("CONFIRMED", None), "Person2": ("WAITLISTED", 1)}
    assert Participant.objects.get(id=first.id).user_updated.username == "Organiser"


def test_rejecting_asks_for_the_reason_then_rejects_each_pending_registration(organiser, admin):
    event = open_event(admin, requires_approval=True)
    pending = participant(register(admin, event, 1))
    confirmed = participant(register(admin, event, 2))
    Participant.objects.filter(id=confirmed.id).update(status="CONFIRMED")

    page = action(organiser, "participant", "reject_participants", [pending, confirmed])
    assert page.status_code == 200
    assert "Give the reason for the rejection" in text(page) and "Person1 Ndongo (CM-YAOUNDE)" in text(page)
    assert people(event) == {"Person1": ("PENDING", None), "Person2": ("CONFIRMED", None)}

    selected = [str(pending.id), str(confirmed.id)]
    response = organiser.post(
        APP + "participant/",
        {"action": "reject_participants", "_selected_action": selected, "apply": "Reject", "reason": "Seats for MoH"},
        follow=True,
    )

    assert messages_of(response) == [
        ("success", "Person1 Ndongo: Rejected."),
        ("error", "Person2 Ndongo: A participant cannot go from CONFIRMED to REJECTED."),
    ]
    assert Participant.objects.get(id=pending.id).rejection_reason == "Seats for MoH"


def test_rejecting_without_a_reason_is_refused_in_the_services_words(organiser, admin):
    event = open_event(admin, requires_approval=True)
    pending = participant(register(admin, event, 1))

    response = organiser.post(
        APP + "participant/",
        {"action": "reject_participants", "_selected_action": [str(pending.id)], "apply": "Reject", "reason": " "},
        follow=True,
    )

    assert messages_of(response) == [("error", "Person1 Ndongo: Give the reason for the rejection.")]
    assert people(event) == {"Person1": ("PENDING", None)}


def test_cancelling_frees_the_seat_for_the_head_of_the_waiting_list(organiser, admin):
    event = open_event(admin, capacity=1)
    first = participant(register(admin, event, 1))
    register(admin, event, 2)
    register(admin, event, 3)

    response = action(organiser, "participant", "cancel_participants", [first])

    assert messages_of(response) == [("success", "Person1 Ndongo: Cancelled.")]
    assert people(event) == {
        "Person1": ("CANCELLED", None),
        "Person2": ("CONFIRMED", None),
        "Person3": ("WAITLISTED", 1),
    }


def test_checking_in_records_today_for_the_confirmed_and_refuses_the_others(organiser, admin):
    event = running_event(admin, capacity=1)
    confirmed = participant(register(admin, event, 1))
    waiting = participant(register(admin, event, 2))

    response = action(organiser, "participant", "check_in_participants", [confirmed, waiting])

    assert messages_of(response) == [
        ("success", "Person1 Ndongo: checked in."),
        ("error", "Person2 Ndongo: Only confirmed participants can be checked in; this one is Waiting list."),
    ]
    attendance = Attendance.objects.get()
    assert (attendance.participant_id, attendance.method, attendance.checked_in_by.username) == (
        confirmed.id,
        "MANUAL",
        "Organiser",
    )


def test_actions_need_their_own_rights(registrar, admin):
    event = open_event(admin, requires_approval=True)
    pending = participant(register(admin, event, 1))

    listing = registrar.get(APP + "participant/").content.decode()
    response = action(registrar, "participant", "approve_participants", [pending])

    assert 'value="approve_participants"' not in listing and 'value="check_in_participants"' not in listing
    assert 'value="cancel_participants"' in listing and 'value="export_participants_csv"' in listing
    assert messages_of(response) == [("warning", "No action selected.")]
    assert people(event) == {"Person1": ("PENDING", None)}


def test_deleting_a_confirmed_participant_gives_the_seat_on(organiser, admin):
    event = open_event(admin, capacity=1)
    first = participant(register(admin, event, 1))
    register(admin, event, 2)

    response = organiser.post(f"{APP}participant/{first.id}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert people(event) == {"Person2": ("CONFIRMED", None)}
    assert Participant.objects.get(id=first.id).is_deleted
