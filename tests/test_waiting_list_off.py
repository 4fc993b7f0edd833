"""An event without a waiting list (`waitingList: false`): once every seat is taken, registrations through GraphQL,
the public pages and imports, and approvals, are refused with `meeting.participant.event_full` and nothing is
written; a seat freed takes the next registration; the list cannot be turned off while people wait on it."""

import pytest
from django.test import Client
from public_helpers import confirm, form, last_link, public_event, register_and_confirm, register_url

from openimis_be_meeting.models import Event, Participant
from openimis_be_meeting.services import ParticipantService

from factories import PASSWORD, open_event, register
from frontend import logged_in
from test_imports import csv_upload, people, rows_of, upload

FULL = "meeting.participant.event_full"


def registration(event, number: int) -> dict:
    return {
        "eventId": str(event.id),
        "firstName": f"Person{number}",
        "lastName": "Ndongo",
        "email": f"person{number}@example.cm",
    }


def codes(log) -> list[tuple[str, str]]:
    return [(error["code"], error["field"]) for error in log["errors"]]


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.mark.django_db
def test_a_full_event_without_a_waiting_list_refuses_the_next_registration_and_a_freed_seat_takes_it(admin, session):
    event = open_event(admin, capacity=1, waiting_list=False)
    assert session.mutate("registerMeetingParticipant", registration(event, 1))["status"] == 2

    refused = session.mutate("registerMeetingParticipant", registration(event, 2))

    assert refused["status"] != 2 and codes(refused) == [(FULL, "eventId")], refused
    assert refused["errors"][0]["message"] == "Every seat of this event is taken, and it keeps no waiting list."
    assert list(Participant.objects.filter(event=event).values_list("email", "status")) == [
        ("person1@example.cm", "CONFIRMED")
    ]
    first = Participant.objects.get(event=event)
    assert ParticipantService(admin).cancel({"id": str(first.id)})["success"]
    assert session.mutate("registerMeetingParticipant", registration(event, 2))["status"] == 2
    assert Participant.objects.get(event=event, email="person2@example.cm").status == "CONFIRMED"


@pytest.mark.django_db
def test_with_a_waiting_list_the_same_registration_waits(admin, session):
    event = open_event(admin, capacity=1)
    assert Event.objects.get(id=event.id).no_waiting_list is False  # the default, as before
    for number in (1, 2):
        assert session.mutate("registerMeetingParticipant", registration(event, number))["status"] == 2
    assert rows_of(event) == [("person1", "CONFIRMED", None), ("person2", "WAITLISTED", 1)]


@pytest.mark.django_db
def test_an_approval_into_a_full_event_without_a_waiting_list_is_refused_and_the_person_stays_pending(admin, session):
    event = open_event(admin, capacity=1, waiting_list=False, requires_approval=True)
    first, second = (register(admin, event, number)["data"]["id"] for number in (1, 2))
    assert session.mutate("approveMeetingParticipant", {"id": first})["status"] == 2

    refused = session.mutate("approveMeetingParticipant", {"id": second})

    assert codes(refused) == [(FULL, "eventId")], refused
    assert Participant.objects.get(id=second).status == "PENDING"
    assert codes(session.mutate("registerMeetingParticipant", registration(event, 3))) == [(FULL, "eventId")]
    assert Participant.objects.filter(event=event).count() == 2


@pytest.mark.django_db
def test_the_waiting_list_cannot_be_turned_off_while_people_wait(admin, session):
    event = open_event(admin, capacity=1)
    for number in (1, 2, 3):
        assert register(admin, event, number)["success"]
    version = event.version

    refused = session.mutate("updateMeetingEvent", {"id": str(event.id), "waitingList": False, "city": "Douala"})

    assert codes(refused) == [("meeting.event.waiting_list_not_empty", "waitingList")], refused
    assert refused["errors"][0]["message"].startswith("2 people are on the waiting list")
    event.refresh_from_db()
    assert (event.no_waiting_list, event.city, event.version) == (False, "Yaoundé", version)

    for person in Participant.objects.filter(event=event, status="WAITLISTED"):
        assert ParticipantService(admin).cancel({"id": str(person.id)})["success"]
    assert session.mutate("updateMeetingEvent", {"id": str(event.id), "waitingList": False})["status"] == 2
    result = session.post(f'{{ meetingEvents(uuid: "{event.id}") {{ edges {{ node {{ waitingList }} }} }} }}')
    assert result["data"]["meetingEvents"]["edges"] == [{"node": {"waitingList": False}}]


@pytest.mark.django_db(transaction=True)
def test_the_public_pages_say_full_and_a_link_followed_once_full_takes_no_seat(admin):
    event = public_event(admin, capacity=1, waiting_list=False)
    browser = Client()
    browser.post(register_url(event), form(2))
    late_link = last_link("awa2@example.cm")  # asked while a seat was free
    assert register_and_confirm(browser, event, 1).status_code == 200

    page = confirm(browser, late_link)
    assert page.status_code == 409
    assert "Every seat of this event is taken, and it keeps no waiting list." in page.content.decode()
    assert list(Participant.objects.filter(event=event).values_list("first_name", flat=True)) == ["Awa1"]

    full = Client(HTTP_ACCEPT_LANGUAGE="fr").get(register_url(event))
    assert full.status_code == 403
    assert (
        "Toutes les places de cet événement sont prises" in full.content.decode()
        and "<form" not in full.content.decode()
    )


@pytest.mark.django_db
def test_an_import_beyond_the_seats_of_an_event_without_a_waiting_list(admin, session):
    event = open_event(admin, capacity=2, waiting_list=False)

    whole = upload(session, event, csv_upload(*people([1, 2, 3])))
    assert whole.status_code == 400, whole.content
    assert [(error["row"], error["code"]) for error in whole.json()["errors"]] == [(4, FULL)]
    assert rows_of(event) == []

    partial = upload(session, event, csv_upload(*people([1, 2, 3])), partial=True)
    assert partial.status_code == 200, partial.content
    assert (partial.json()["created"], partial.json()["waitlisted"]) == (2, 0)
    assert rows_of(event) == [("person1", "CONFIRMED", None), ("person2", "CONFIRMED", None)]

    refused = upload(session, event, csv_upload(*people([4])))  # every seat taken: the import does not start
    assert refused.status_code == 400 and refused.json()["code"] == FULL, refused.content
