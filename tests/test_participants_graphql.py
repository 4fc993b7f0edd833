"""Organisations and participants through GraphQL over HTTP: registration, masking of personal data, rights."""

import pytest

from openimis_be_meeting.models import Organisation, Participant

from factories import PASSWORD, make_user, open_event
from frontend import Enum, logged_in

PARTICIPANT_FIELDS = (
    "uuid firstName lastName email phone gender checkinToken status waitlistPosition role attendanceMode "
    "event { code } organisation { acronym organisationType }"
)


def participants(session, arguments="first: 50"):
    result = session.post(
        f"{{ meetingParticipants({arguments}) {{ totalCount edges {{ node {{ {PARTICIPANT_FIELDS} }} }} }} }}"
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingParticipants"]["edges"]]


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.mark.django_db
def test_register_through_graphql_confirms_then_waitlists(session, admin):
    event = open_event(admin, capacity=1)
    log = session.mutate(
        "createMeetingOrganisation",
        {
            "name": "Kenya Health Informatics Association",
            "acronym": "KeHIA",
            "organisationType": Enum("KNOWLEDGE_HUB"),
            "country": "KE",
        },
    )
    assert log["status"] == 2, log
    organisation = Organisation.objects.get()

    for number, email in ((1, "Achieng@Example.org "), (2, "brice@example.cm")):
        log = session.mutate(
            "registerMeetingParticipant",
            {
                "eventId": str(event.id),
                "firstName": f"P{number}",
                "lastName": "Test",
                "email": email,
                "phone": "+237 6 99 00 11 22",
                "gender": Enum("FEMALE"),
                "organisationId": str(organisation.id),
                "role": Enum("SPEAKER"),
                "attendanceMode": Enum("IN_PERSON"),
            },
        )
        assert log["status"] == 2, log

    nodes = participants(session, f'eventId: "{event.id}", orderBy: ["firstName"], first: 10')
    assert [(n["email"], n["status"], n["waitlistPosition"]) for n in nodes] == [
        ("achieng@example.org", "CONFIRMED", None),
        ("brice@example.cm", "WAITLISTED", 1),
    ]
    assert nodes[0]["organisation"] == {"acronym": "KeHIA", "organisationType": "KNOWLEDGE_HUB"}
    assert nodes[0]["event"] == {"code": event.code}
    assert nodes[0]["checkinToken"] == Participant.objects.get(email="achieng@example.org").checkin_token


@pytest.mark.django_db
def test_personal_data_is_null_without_the_personal_data_right(session, admin):
    event = open_event(admin)
    session.mutate(
        "registerMeetingParticipant",
        {
            "eventId": str(event.id),
            "firstName": "Amina",
            "lastName": "B",
            "email": "amina@example.cm",
            "phone": "+237 600",
            "gender": Enum("FEMALE"),
            "dietaryNeeds": "Vegetarian",
        },
    )
    make_user("Reader", rights=["216001"])
    make_user("Privileged", rights=["216001", "216006"])

    plain = participants(logged_in("Reader", PASSWORD))[0]
    assert (plain["firstName"], plain["email"], plain["phone"], plain["gender"], plain["checkinToken"]) == (
        "Amina",
        None,
        None,
        None,
        None,
    )
    full = participants(logged_in("Privileged", PASSWORD))[0]
    assert (full["email"], full["phone"], full["gender"]) == ("amina@example.cm", "+237 600", "FEMALE")


@pytest.mark.django_db
def test_search_by_email_needs_the_personal_data_right(session, admin):
    event = open_event(admin)
    session.mutate(
        "registerMeetingParticipant",
        {"eventId": str(event.id), "firstName": "Amina", "lastName": "B", "email": "secret.address@example.cm"},
    )
    make_user("Reader", rights=["216001"])

    assert participants(logged_in("Reader", PASSWORD), 'search: "secret.address", first: 10') == []
    assert len(participants(session, 'search: "secret.address", first: 10')) == 1
    assert len(participants(logged_in("Reader", PASSWORD), 'search: "amina", first: 10')) == 1


@pytest.mark.django_db
def test_cancel_through_graphql_promotes_and_is_reread_by_client_mutation_id(session, admin):
    event = open_event(admin, capacity=1)
    for number in (1, 2):
        session.mutate(
            "registerMeetingParticipant",
            {"eventId": str(event.id), "firstName": f"P{number}", "lastName": "T", "email": f"p{number}@example.cm"},
        )
    first = Participant.objects.get(email="p1@example.cm")

    log = session.mutate("cancelMeetingParticipant", {"id": str(first.id)})

    assert log["status"] == 2, log
    reread = participants(session, f'clientMutationId: "{log["clientMutationId"]}", first: 5')
    assert [(n["email"], n["status"]) for n in reread] == [("p1@example.cm", "CANCELLED")]
    assert Participant.objects.get(email="p2@example.cm").status == "CONFIRMED"


@pytest.mark.django_db
def test_participant_mutations_need_their_rights(admin):
    event = open_event(admin, requires_approval=True)
    clerk_rights = ["216001", "216002", "216003"]  # no approve/reject/withdraw right
    make_user("Clerk", rights=clerk_rights)
    clerk = logged_in("Clerk", PASSWORD)
    log = clerk.mutate(
        "registerMeetingParticipant",
        {"eventId": str(event.id), "firstName": "A", "lastName": "B", "email": "a@example.cm"},
    )
    assert log["status"] == 2, log
    pid = str(Participant.objects.get().id)

    for name, extra in (
        ("approveMeetingParticipant", {}),
        ("rejectMeetingParticipant", {"reason": "no"}),
        ("withdrawMeetingParticipant", {}),
        ("deleteMeetingParticipant", {}),
    ):
        refused = clerk.mutate(name, {"id": pid, **extra})
        assert refused["errors"][0]["code"] == "meeting.auth.permission_denied", name
    assert Participant.objects.get().status == "PENDING"

    make_user("Nobody", rights=[])
    nobody = logged_in("Nobody", PASSWORD)
    assert (
        nobody.mutate(
            "registerMeetingParticipant",
            {"eventId": str(event.id), "firstName": "C", "lastName": "D", "email": "c@example.cm"},
        )["status"]
        == 1
    )
    result = nobody.post("{ meetingParticipants(first: 5) { edges { node { firstName } } } }")
    assert result["data"] == {"meetingParticipants": None}
    assert Participant.objects.count() == 1
