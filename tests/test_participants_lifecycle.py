"""Registration rules, seats and the waiting list, through the participant service (one transaction per call)."""

import pytest

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import EventService, ParticipantService

from factories import make_event, make_user, open_event, register


def statuses(event):
    return [
        (p.email.split("@")[0], p.status, p.waitlist_position)
        for p in Participant.objects.live().filter(event=event).order_by("registered_at", "email")
    ]


def waitlist(event):
    return list(
        Participant.objects.live()
        .filter(event=event, status="WAITLISTED")
        .order_by("waitlist_position")
        .values_list("email", "waitlist_position")
    )


@pytest.mark.django_db
def test_registrations_confirm_until_full_then_waitlist_in_order(admin):
    event = open_event(admin, capacity=2)
    for number in range(1, 5):
        assert register(admin, event, number)["success"]

    assert [(s, pos) for _, s, pos in statuses(event)] == [
        ("CONFIRMED", None),
        ("CONFIRMED", None),
        ("WAITLISTED", 1),
        ("WAITLISTED", 2),
    ]


@pytest.mark.django_db
def test_cancelling_a_confirmed_seat_promotes_the_head_of_the_waiting_list(admin):
    event = open_event(admin, capacity=1)
    first, second, third = (register(admin, event, n)["data"]["id"] for n in (1, 2, 3))

    result = ParticipantService(admin).cancel({"id": first})

    assert result["success"], result
    assert {p.id.hex: (p.status, p.waitlist_position) for p in Participant.objects.all()} == {
        first.replace("-", ""): ("CANCELLED", None),
        second.replace("-", ""): ("CONFIRMED", None),
        third.replace("-", ""): ("WAITLISTED", 1),
    }


@pytest.mark.django_db
def test_leaving_the_waiting_list_closes_the_gap(admin):
    event = open_event(admin, capacity=1)
    ids = [register(admin, event, n)["data"]["id"] for n in range(1, 6)]

    assert ParticipantService(admin).withdraw({"id": ids[2]})["success"]

    assert waitlist(event) == [("person2@example.cm", 1), ("person4@example.cm", 2), ("person5@example.cm", 3)]


@pytest.mark.django_db
def test_raising_capacity_promotes_from_the_waiting_list(admin):
    event = open_event(admin, capacity=1)
    for n in range(1, 5):
        register(admin, event, n)

    assert EventService(admin).update({"id": str(event.id), "capacity": 3})["success"]

    assert [s for _, s, _ in statuses(event)] == ["CONFIRMED", "CONFIRMED", "CONFIRMED", "WAITLISTED"]
    assert waitlist(event) == [("person4@example.cm", 1)]


@pytest.mark.django_db
def test_seats_added_while_postponed_go_to_the_waiting_list_when_it_reopens(admin):
    event = open_event(admin, capacity=1)
    for number in range(1, 4):
        assert register(admin, event, number)["success"]
    service = EventService(admin)
    assert service.change_status({"id": str(event.id), "status": "POSTPONED"})["success"]
    assert service.update({"id": str(event.id), "capacity": 3})["success"]
    assert [s for _, s, _ in statuses(event)] == ["CONFIRMED", "WAITLISTED", "WAITLISTED"]  # nothing moves meanwhile

    assert service.change_status({"id": str(event.id), "status": "REGISTRATION_OPEN"})["success"]

    assert [(s, pos) for _, s, pos in statuses(event)] == [("CONFIRMED", None)] * 3


@pytest.mark.django_db
def test_approval_flow_pending_then_confirmed_or_waitlisted_or_rejected(admin):
    event = open_event(admin, capacity=1, requires_approval=True)
    a, b, c = (register(admin, event, n)["data"]["id"] for n in (1, 2, 3))
    assert [s for _, s, _ in statuses(event)] == ["PENDING"] * 3

    service = ParticipantService(admin)
    assert service.approve({"id": a})["success"]
    assert service.approve({"id": b})["success"]
    refused = service.reject({"id": c, "reason": ""})
    assert refused["detail"]["code"] == "meeting.participant.rejection_reason_required"
    assert service.reject({"id": c, "reason": "Duplicate of another delegate"})["success"]

    assert [(s, p) for _, s, p in statuses(event)] == [("CONFIRMED", None), ("WAITLISTED", 1), ("REJECTED", None)]
    assert Participant.objects.get(id=c).rejection_reason == "Duplicate of another delegate"
    again = service.approve({"id": a})
    assert again["detail"]["code"] == "meeting.participant.illegal_transition"


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["PERSON1@example.cm", " person1@EXAMPLE.cm "])
def test_duplicate_email_for_the_same_event_is_refused(admin, email):
    event = open_event(admin)
    assert register(admin, event, 1)["success"]

    result = register(admin, event, 2, email=email)

    assert result["detail"]["code"] == "meeting.participant.email_taken"
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_the_same_person_may_register_again_after_cancelling(admin):
    event = open_event(admin)
    first = register(admin, event, 1)["data"]["id"]
    ParticipantService(admin).cancel({"id": first})

    assert register(admin, event, 1)["success"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"email": "not-an-email"}, "meeting.validation.invalid_email"),
        ({"phone": "call me maybe"}, "meeting.validation.invalid_phone"),
        ({"organisation_id": "0190c6b4-0000-7000-8000-000000000000"}, "meeting.organisation.not_found"),
        ({"first_name": ""}, "meeting.validation.required"),
        ({"role": "KING"}, "meeting.validation.invalid_choice"),
        ({"country": "ZZ"}, "meeting.validation.unknown_country"),
        ({"consent_listed": None}, "meeting.validation.required"),
        ({"consent_photos": "yes"}, "meeting.validation.required"),
    ],
)
def test_bad_registration_is_refused_and_writes_nothing(admin, change, code):
    event = open_event(admin)

    result = register(admin, event, 1, **change)

    assert result["success"] is False
    assert result["detail"]["code"] == code
    assert Participant.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", [(), ("PUBLISHED",), ("PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED"), ("CANCELLED",)]
)
def test_registration_only_while_open_for_holders_of_the_register_right(admin, path):
    event = make_event(admin)
    for status in path:
        EventService(admin).change_status({"id": str(event.id), "status": status})
    clerk = make_user("Clerk", rights=["216002"])

    result = register(clerk, event, 1)

    assert result["detail"]["code"] == "meeting.participant.registration_closed"
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_administrators_may_add_people_before_registration_opens_but_not_after_cancellation(admin):
    event = make_event(admin)
    organiser = make_user("Organiser", rights=["216002", "216007"])
    assert register(organiser, event, 1)["success"]

    EventService(admin).change_status({"id": str(event.id), "status": "CANCELLED"})
    assert register(organiser, event, 2)["detail"]["code"] == "meeting.participant.registration_closed"


@pytest.mark.django_db
def test_registration_to_a_deleted_event_is_refused(admin):
    event = open_event(admin)
    EventService(admin).delete({"ids": [str(event.id)]})

    assert register(admin, event, 1)["detail"]["code"] == "meeting.event.not_found"


@pytest.mark.django_db
def test_cancelled_participant_cannot_be_cancelled_again(admin):
    event = open_event(admin)
    pid = register(admin, event, 1)["data"]["id"]
    assert ParticipantService(admin).cancel({"id": pid})["success"]

    again = ParticipantService(admin).cancel({"id": pid})

    assert again["detail"]["code"] == "meeting.participant.illegal_transition"
    assert Participant.objects.get(id=pid).history.count() == 2
