"""`meetingHistory` for every entity: lists kept outside a row (a showcase's integrations, a session's speakers),
check-ins and reviews, imports, promotions by an event's capacity, and the right each entity's history needs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import SessionService

from factories import PASSWORD, future, make_user, open_event, register, running_event
from frontend import Enum, logged_in, rest_post
from history_helpers import changes, history_of, read_history, summary
from showcase_setup import advance, build_world, make_showcase, ok


@pytest.fixture
def world(admin):
    return build_world(admin)


def integration_input(world, source, target, standard, level, **extra) -> dict:
    return {
        "sourceSystemId": world.systems[source],
        "targetSystemId": world.systems[target],
        "standardId": world.standards[standard],
        "direction": Enum("PUSH"),
        "mode": Enum("REAL_TIME"),
        "evidenceLevel": Enum(level),
        **extra,
    }


@pytest.mark.django_db
def test_a_showcase_integration_or_presenter_change_appears_in_its_history(admin, world):
    showcase = make_showcase(admin, world)
    session = logged_in("Admin", PASSWORD)
    new_integrations = [
        integration_input(world, "openimis", "pbf", "fhir", "CONFORMANCE_TESTED", conformanceReference="Run 42"),
        integration_input(world, "dhis2", "registry", "adx", "CLAIMED", dataExchanged="Beneficiaries"),
    ]
    log = session.mutate(
        "updateMeetingShowcase",
        {"id": str(showcase.id), "integrations": new_integrations, "presenterIds": world.presenters[:2]},
    )
    assert log["status"] == 2, log
    refused = session.mutate(
        "updateMeetingShowcase",
        {"id": str(showcase.id), "integrations": [integration_input(world, "pbf", "pbf", "fhir", "CLAIMED")]},
    )
    assert refused["status"] == 1, refused

    entries = history_of(session, "SHOWCASE", showcase.id)

    assert summary(entries) == [(2, "CHANGED", "Admin"), (1, "CREATED", "Admin")]
    assert changes(entries[0]) == {
        "presenters": ("Person100 Presenter0", "Person100 Presenter0\nPerson101 Presenter1"),
        "integrations": (
            "openIMIS Cameroon → PBF portal: FHIR-R4, PUSH, REAL_TIME, DEMONSTRATED",
            "openIMIS Cameroon → PBF portal: FHIR-R4, PUSH, REAL_TIME, CONFORMANCE_TESTED, Run 42\n"
            "DHIS2 Cameroon → MINAS social registry: DHIS2-ADX, PUSH, REAL_TIME, CLAIMED, Beneficiaries",
        ),
    }
    assert [change["label"] for change in entries[0]["changes"]] == ["presenters", "integrations"]
    created = changes(entries[1])
    assert created["partner_organisations"] == (None, "MINSANTE Ministère de la Santé Publique")
    assert created["lead_organisation"] == (None, "GIZ Deutsche Gesellschaft für Internationale Zusammenarbeit")
    assert created["use_cases"] == (None, "CLAIMS, REPORTING")
    assert created["status"] == (None, "DRAFT")


@pytest.mark.django_db
def test_reviews_are_in_a_showcase_history_for_those_who_may_read_reviews(admin, world):
    reviewer = make_user("Reviewer", rights=["217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, world), "UNDER_REVIEW")
    make_user("Curator", rights=["217001"])

    decider_view = history_of(logged_in("Admin", PASSWORD), "SHOWCASE", showcase.id)
    curator_view = history_of(logged_in("Curator", PASSWORD), "SHOWCASE", showcase.id)

    assert summary(decider_view) == [
        (3, "CHANGED", "Reviewer"),
        (None, "CHANGED", "Reviewer"),
        (2, "CHANGED", "Admin"),
        (1, "CREATED", "Admin"),
    ]
    assert changes(decider_view[1]) == {
        "review": (
            None,
            "ACCEPT, round 1: relevance 4, depth 4, reusability 4, country impact 4. Useful for other schemes.",
        )
    }
    assert changes(decider_view[0])["status"] == ("SUBMITTED", "UNDER_REVIEW")
    assert summary(curator_view) == [(3, "CHANGED", "Reviewer"), (2, "CHANGED", "Admin"), (1, "CREATED", "Admin")]


@pytest.mark.django_db
def test_check_ins_are_in_the_participant_history_with_who_recorded_them(admin):
    event = running_event(admin)
    participant_id = register(admin, event, 1)["data"]["id"]
    make_user("Door", rights=["216005"])
    door = logged_in("Door", PASSWORD)
    for _ in range(2):  # the second scan of the day records nothing new
        assert door.mutate("checkInMeetingParticipant", {"id": participant_id})["status"] == 2

    entries = history_of(logged_in("Admin", PASSWORD), "PARTICIPANT", participant_id)

    attendance = Attendance.objects.get()
    at = attendance.checked_in_at.isoformat() + "+00:00"
    assert summary(entries) == [(None, "CHANGED", "Door"), (1, "CREATED", "Admin")]
    assert changes(entries[0]) == {"attendance": (None, f"{attendance.day.isoformat()} (MANUAL, {at})")}
    assert entries[0]["changes"][0]["label"] == "attendance"


@pytest.mark.django_db
def test_an_imported_participant_has_a_history_row_by_the_importer_with_the_reason(admin):
    event = open_event(admin, capacity=10)
    make_user("Importer", rights=["216002"])
    file = SimpleUploadedFile("people.csv", b"first_name,last_name,email\nAda,Ndongo,ada@example.cm\n")
    response = rest_post(logged_in("Importer", PASSWORD), f"events/{event.id}/participants/import", {"file": file})
    assert response.status_code == 200, response.content
    participant = Participant.objects.get()

    (created,) = history_of(logged_in("Admin", PASSWORD), "PARTICIPANT", participant.id)

    assert (created["version"], created["change"], created["changedBy"]) == (1, "CREATED", "Importer")
    assert created["reason"] == "Imported from people.csv"
    assert changes(created)["email"] == (None, "ada@example.cm")
    assert changes(created)["status"] == (None, "CONFIRMED")


@pytest.mark.django_db
def test_a_larger_capacity_promotes_with_a_history_row_by_the_organiser(admin):
    event = open_event(admin, capacity=1)
    ids = [register(admin, event, number)["data"]["id"] for number in (1, 2, 3)]
    make_user("Organiser", rights=["215003"])

    log = logged_in("Organiser", PASSWORD).mutate("updateMeetingEvent", {"id": str(event.id), "capacity": 2})
    assert log["status"] == 2, log

    session = logged_in("Admin", PASSWORD)
    changed_event = history_of(session, "EVENT", event.id)[0]
    assert (changed_event["changedBy"], changes(changed_event)) == ("Organiser", {"capacity": ("1", "2")})
    promoted, moved_up = (history_of(session, "PARTICIPANT", pid)[0] for pid in ids[1:])
    assert (promoted["changedBy"], changes(promoted)["status"]) == ("Organiser", ("WAITLISTED", "CONFIRMED"))
    assert (moved_up["changedBy"], changes(moved_up)) == ("Organiser", {"waitlist_position": ("2", "1")})


@pytest.mark.django_db
def test_session_lists_are_in_its_history_and_its_showcases_need_the_showcase_right(admin, world):
    showcase = advance(admin, make_user("Reviewer", rights=["217005"]), make_showcase(admin, world), "ACCEPTED")
    created = SessionService(admin).create(
        {
            "event_id": str(world.event.id),
            "title": "Opening",
            "session_type": "PLENARY",
            "starts_at": future(30, 9),
            "ends_at": future(30, 10),
            "speaker_ids": [world.presenters[0]],
            "showcase_ids": [str(showcase.id)],
        }
    )
    session_id = ok(created)
    assert ok(SessionService(admin).update({"id": session_id, "chair_ids": [world.presenters[1]]}))
    make_user("Viewer", rights=["215001"])
    make_user("Curator", rights=["215001", "217001"])

    viewer = history_of(logged_in("Viewer", PASSWORD), "SESSION", session_id)
    curator = history_of(logged_in("Curator", PASSWORD), "SESSION", session_id)

    assert summary(viewer) == [(2, "CHANGED", "Admin"), (1, "CREATED", "Admin")]
    assert changes(viewer[0]) == {"chairs": (None, "Person101 Presenter1")}
    assert changes(viewer[1])["speakers"] == (None, "Person100 Presenter0")
    assert changes(viewer[1])["showcases"] == "masked"
    assert changes(curator[1])["showcases"] == (None, showcase.title)


# Every right of the module; each entity's history needs the one right that lists such rows.
ALL_RIGHTS = [
    f"{block}{action:03d}" for block, actions in ((215, 4), (216, 7), (217, 6)) for action in range(1, actions + 1)
]
ENTITIES = [
    ("EVENT", "215001", lambda world: world.event.id),
    ("PARTICIPANT", "216001", lambda world: world.presenters[0]),
    ("ORGANISATION", "216001", lambda world: world.organisations["GIZ"]),
    ("DIGITAL_SYSTEM", "217001", lambda world: world.systems["pbf"]),
    ("STANDARD", "217001", lambda world: world.standards["fhir"]),
    ("SHOWCASE", "217001", lambda world: world.showcase),
    ("SESSION", "215001", lambda world: world.session),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("entity", "right", "row"), ENTITIES, ids=[entity for entity, _r, _w in ENTITIES])
def test_each_entity_history_needs_the_right_that_lists_it(admin, world, entity, right, row):
    world.showcase = make_showcase(admin, world).id
    world.session = ok(
        SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": "Opening",
                "session_type": "PLENARY",
                "starts_at": future(30, 9),
                "ends_at": future(30, 10),
            }
        )
    )
    make_user("Allowed", rights=[right])
    make_user("Denied", rights=[code for code in ALL_RIGHTS if code != right])

    entries = history_of(logged_in("Allowed", PASSWORD), entity, row(world))
    refused = read_history(logged_in("Denied", PASSWORD), entity, row(world))

    assert (entries[-1]["version"], entries[-1]["change"], entries[-1]["changedBy"]) == (1, "CREATED", "Admin")
    assert refused["data"] == {"meetingHistory": None}
    assert [error["message"] for error in refused["errors"]] == ["You do not have the right to do this."]
