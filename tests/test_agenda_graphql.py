"""The agenda through GraphQL over HTTP: sessions in rooms and languages, and the clashes that are refused."""

import pytest

from openimis_be_meeting.models import Attendance, Session
from openimis_be_meeting.services import AttendanceService, SessionService

from factories import PASSWORD, future, make_user, register, running_event
from frontend import Enum, logged_in
from showcase_setup import advance, build_world, make_showcase, ok

FIELDS = (
    "uuid title sessionType startsAt endsAt room languages interpretation capacity "
    "speakers { lastName } chairs { lastName } showcases { title } event { code }"
)


@pytest.fixture
def world(admin):
    return build_world(admin)


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


def sessions(client, arguments="first: 50"):
    result = client.post(f"{{ meetingSessions({arguments}) {{ totalCount edges {{ node {{ {FIELDS} }} }} }} }}")
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingSessions"]["edges"]]


def slot(day, start, end):
    return {"startsAt": future(day, start).isoformat(), "endsAt": future(day, end).isoformat()}


def session_input(world, **overrides):
    data = {
        "eventId": str(world.event.id),
        "title": "Opening plenary",
        "sessionType": Enum("PLENARY"),
        **slot(30, 9, 10),
        "room": "Salle des Fêtes",
        "languages": ["fr", "EN"],
        "interpretation": ["en"],
        "capacity": 200,
        "speakerIds": [world.presenters[0]],
        "chairIds": [world.presenters[1]],
    }
    data.update(overrides)
    return data


def errors(log):
    return [(error["code"], error["field"]) for error in log["errors"]]


@pytest.mark.django_db
def test_a_session_is_created_and_read_back_in_the_event_zone(session, admin, world):
    showcase = advance(admin, make_user("Reviewer", rights=["217005"]), make_showcase(admin, world), "ACCEPTED")

    log = session.mutate("createMeetingSession", session_input(world, showcaseIds=[str(showcase.id)]))

    assert log["status"] == 2, log
    [node] = sessions(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert node["startsAt"].endswith("+01:00")  # Africa/Douala
    assert (node["title"], node["sessionType"], node["room"], node["capacity"]) == (
        "Opening plenary",
        "PLENARY",
        "Salle des Fêtes",
        200,
    )
    assert (node["languages"], node["interpretation"]) == (["fr", "en"], ["en"])
    assert node["speakers"] == [{"lastName": "Presenter0"}]
    assert node["chairs"] == [{"lastName": "Presenter1"}]
    assert node["showcases"] == [{"title": showcase.title}]
    assert node["event"] == {"code": world.event.code}


@pytest.mark.django_db
def test_clashes_and_bad_input_are_refused_with_nothing_written(session, admin, world):
    assert session.mutate("createMeetingSession", session_input(world))["status"] == 2
    other_event = running_event(admin, code="ELSEWHERE")
    stranger = register(admin, other_event, 900)["data"]["id"]
    cases = [
        # Same room (whatever the case), overlapping time.
        (
            {"title": "Panel", "room": "salle des fêtes", **slot(30, 9, 11), "speakerIds": [], "chairIds": []},
            ("meeting.session.room_taken", "room"),
        ),
        # Another room, but the speaker is busy (as a speaker) ...
        ({"room": "Room B", **slot(30, 9, 10), "chairIds": []}, ("meeting.session.person_busy", "speakerIds")),
        # ... or busy as the other session's chair.
        (
            {"room": "Room B", "speakerIds": [world.presenters[1]], "chairIds": []},
            ("meeting.session.person_busy", "speakerIds"),
        ),
        ({"room": "Room B", **slot(40, 9, 10)}, ("meeting.session.outside_event", "startsAt")),
        ({"room": "Room B", **slot(31, 10, 9)}, ("meeting.session.ends_before_start", "endsAt")),
        ({"room": "Room B", "languages": ["French"]}, ("meeting.validation.unknown_language", "languages")),
        ({"room": "Room B", "speakerIds": [stranger]}, ("meeting.session.person_other_event", "speakerIds")),
        (
            {"room": "Room B", "showcaseIds": ["0f0f0f0f-0000-4000-8000-000000000000"]},
            ("meeting.showcase.not_found", "showcaseIds"),
        ),
        ({"sessionType": Enum("BREAK"), "title": ""}, ("meeting.validation.required", "title")),
        ({"startsAt": "tomorrow morning"}, ("meeting.validation.invalid_datetime", "startsAt")),
    ]
    for change, expected in cases:
        log = session.mutate("createMeetingSession", session_input(world, **change))
        assert errors(log) == [expected], change
    assert Session.objects.count() == 1

    # Back to back is fine: the room and the people are free from the end of the first session.
    log = session.mutate("createMeetingSession", session_input(world, title="Next", **slot(30, 10, 11)))
    assert log["status"] == 2, log


@pytest.mark.django_db
def test_update_rechecks_the_clashes_and_delete_removes(session, admin, world):
    first = Session.objects.get(id=ok(SessionService(admin).create(_service_input(world, room="A"))))
    second = Session.objects.get(
        id=ok(SessionService(admin).create(_service_input(world, room="B", title="Later", hours=(11, 12))))
    )

    log = session.mutate("updateMeetingSession", {"id": str(second.id), **slot(30, 9, 10), "room": "a"})
    assert errors(log) == [("meeting.session.room_taken", "room")]
    log = session.mutate("updateMeetingSession", {"id": str(second.id), "room": "C", "title": "Moved"})
    assert log["status"] == 2, log
    second.refresh_from_db()
    assert (second.room, second.title, second.version) == ("C", "Moved", 2)

    assert session.mutate("deleteMeetingSession", {"ids": [str(first.id)]})["status"] == 2
    assert [node["title"] for node in sessions(session)] == ["Moved"]


def _service_input(world, *, room, title="Opening", hours=(9, 10)):
    return {
        "event_id": str(world.event.id),
        "title": title,
        "session_type": "PLENARY",
        "starts_at": future(30, hours[0]),
        "ends_at": future(30, hours[1]),
        "room": room,
        "speaker_ids": [world.presenters[0]],
    }


@pytest.mark.django_db
def test_agenda_rights(admin, world):
    make_user("Viewer", rights=["215001"])
    make_user("Registrar", rights=["216001", "216002", "216003"])
    viewer = logged_in("Viewer", PASSWORD)

    refused = viewer.mutate("createMeetingSession", session_input(world))
    assert errors(refused) == [("meeting.auth.permission_denied", None)]
    assert sessions(viewer) == []
    result = logged_in("Registrar", PASSWORD).post("{ meetingSessions { totalCount } }")
    assert result["data"]["meetingSessions"] is None

    make_user("Programme", rights=["215003"])
    assert logged_in("Programme", PASSWORD).mutate("createMeetingSession", session_input(world))["status"] == 2


@pytest.mark.django_db
def test_check_in_at_a_session_door_is_kept_apart_from_the_day_and_once_per_session(admin):
    event = running_event(admin)
    participant = register(admin, event, 1)["data"]["id"]
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    plenary = ok(
        SessionService(admin).create(
            {
                "event_id": str(event.id),
                "title": "Plenary",
                "session_type": "PLENARY",
                "starts_at": now - timedelta(hours=1),
                "ends_at": now + timedelta(hours=1),
            }
        )
    )
    session = logged_in("Admin", PASSWORD)
    for _ in range(2):
        log = session.mutate("checkInMeetingParticipant", {"id": participant, "sessionId": plenary})
        assert log["status"] == 2, log
    assert session.mutate("checkInMeetingParticipant", {"id": participant})["status"] == 2

    rows = Attendance.objects.filter(participant_id=participant)
    assert sorted(str(row.session_id) for row in rows) == sorted([plenary, "None"])
    listed = session.post(f'{{ meetingAttendances(sessionId: "{plenary}") {{ edges {{ node {{ sessionId }} }} }} }}')
    assert listed["data"]["meetingAttendances"]["edges"] == [{"node": {"sessionId": plenary}}]

    elsewhere = running_event(admin, code="ELSEWHERE")
    other_session = ok(
        SessionService(admin).create(
            {
                "event_id": str(elsewhere.id),
                "title": "Other",
                "session_type": "PANEL",
                "starts_at": now - timedelta(hours=1),
                "ends_at": now,
            }
        )
    )
    result = AttendanceService(admin).check_in({"id": participant, "session_id": other_session})
    assert result["detail"]["code"] == "meeting.checkin.session_other_event"
    assert rows.count() == 2


@pytest.mark.django_db
def test_changing_only_the_lists_is_a_change_with_its_version_and_history(session, admin, world):
    created = Session.objects.get(id=ok(SessionService(admin).create(_service_input(world, room="A"))))
    draft = make_showcase(admin, world)

    log = session.mutate("updateMeetingSession", {"id": str(created.id), "speakerIds": [world.presenters[2]]})
    assert log["status"] == 2, log
    created.refresh_from_db()
    assert created.version == 2
    assert Session.history.filter(id=created.id).count() == 2

    # Only showcases that made the programme (or were accepted for it) can be linked.
    log = session.mutate("updateMeetingSession", {"id": str(created.id), "showcaseIds": [str(draft.id)]})
    assert errors(log) == [("meeting.showcase.not_found", "showcaseIds")]


@pytest.mark.django_db
def test_a_sessions_showcases_need_the_showcase_search_right(admin, world):
    showcase = advance(admin, make_user("Reviewer", rights=["217005"]), make_showcase(admin, world), "ACCEPTED")
    ok(SessionService(admin).create({**_service_input(world, room="A"), "showcase_ids": [str(showcase.id)]}))
    make_user("Viewer", rights=["215001"])
    make_user("Curator", rights=["215001", "217001"])

    def titles(username):
        return [node["showcases"] for node in sessions(logged_in(username, PASSWORD))]

    assert titles("Viewer") == [[]]
    assert titles("Curator") == [[{"title": showcase.title}]]
