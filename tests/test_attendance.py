"""Check-in and attendance through GraphQL over HTTP: once per person per day, however often scanned or replayed."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from core.models import MutationLog

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import EventService

from factories import PASSWORD, make_user, register, running_event
from frontend import Enum, logged_in

DOUALA = ZoneInfo("Africa/Douala")


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


def today_in_douala():
    return datetime.now(DOUALA).date()


def attendances(session, arguments):
    result = session.post(
        f"{{ meetingAttendances({arguments}) {{ totalCount edges {{ node {{ day method checkedInAt checkedInBy "
        f"participant {{ uuid lastName status }} }} }} }} }}"
    )
    assert "errors" not in result, result
    return result["data"]["meetingAttendances"]


def confirmed_participant(admin, event, number=1, **details):
    result = register(admin, event, number, **details)
    assert result["success"], result
    participant = Participant.objects.get(id=result["data"]["id"])
    assert participant.status == "CONFIRMED"
    return participant


@pytest.mark.django_db
def test_manual_check_in_is_recorded_with_who_when_and_how(session, admin):
    event = running_event(admin)
    participant = confirmed_participant(admin, event, last_name="Mbarga")

    log = session.mutate("checkInMeetingParticipant", {"id": str(participant.id)})

    assert log["status"] == 2, log
    listed = attendances(session, f'eventId: "{event.id}"')
    assert listed["totalCount"] == 1
    node = listed["edges"][0]["node"]
    assert node["day"] == today_in_douala().isoformat()
    assert node["method"] == "MANUAL"
    assert node["checkedInBy"] == "Admin"
    assert node["checkedInAt"].endswith("+01:00")  # shown in the event's zone
    assert node["participant"] == {"uuid": str(participant.id), "lastName": "Mbarga", "status": "CONFIRMED"}
    # The frontend re-reads the participant the check-in touched by its clientMutationId.
    result = session.post(
        f'{{ meetingParticipants(clientMutationId: "{log["clientMutationId"]}") {{ edges {{ node {{ uuid }} }} }} }}'
    )
    assert result["data"]["meetingParticipants"]["edges"] == [{"node": {"uuid": str(participant.id)}}]


@pytest.mark.django_db
def test_a_repeated_scan_the_same_day_records_one_attendance(session, admin):
    event = running_event(admin)
    participant = confirmed_participant(admin, event)

    for method in ("QR", "QR", "SELF"):
        log = session.mutate(
            "checkInMeetingParticipant",
            {"token": participant.checkin_token, "method": Enum(method), "eventId": str(event.id)},
        )
        assert log["status"] == 2, log

    assert Attendance.objects.filter(participant=participant).count() == 1
    assert Attendance.objects.get().method == "QR"  # the first scan is the one kept


@pytest.mark.django_db
def test_an_offline_device_replaying_its_client_id_records_one_attendance(session, admin):
    event = running_event(admin)
    participant = confirmed_participant(admin, event)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    scan = {
        "token": participant.checkin_token,
        "method": Enum("QR"),
        "checkedInAt": yesterday,
        "eventId": str(event.id),
    }

    first = session.mutate("checkInMeetingParticipant", scan, client_id="device-7-scan-0042")
    # The device lost the answer and sends the scan again; its clock now says today, but it is the same scan.
    replay = session.mutate(
        "checkInMeetingParticipant",
        {**scan, "checkedInAt": datetime.now(timezone.utc).isoformat()},
        client_id="device-7-scan-0042",
    )

    assert first["status"] == replay["status"] == 2
    assert MutationLog.objects.filter(client_mutation_id="device-7-scan-0042").count() == 2
    attendance = Attendance.objects.get()
    assert attendance.day == datetime.fromisoformat(yesterday).astimezone(DOUALA).date()
    assert attendance.scans.get().client_id == "device-7-scan-0042"


@pytest.mark.django_db
def test_attendance_is_kept_per_day_and_queryable_by_day(session, admin):
    event = running_event(admin, days_before=2)
    ada, ben = confirmed_participant(admin, event, 1), confirmed_participant(admin, event, 2)
    now = datetime.now(timezone.utc)
    for participant, days_ago in ((ada, 2), (ada, 1), (ada, 0), (ben, 0)):
        when = (now - timedelta(days=days_ago)).isoformat()
        log = session.mutate("checkInMeetingParticipant", {"id": str(participant.id), "checkedInAt": when})
        assert log["status"] == 2, log

    today = today_in_douala()
    assert attendances(session, f'eventId: "{event.id}", day: "{today}"')["totalCount"] == 2
    earlier = attendances(session, f'eventId: "{event.id}", dayTo: "{today - timedelta(days=1)}"')
    assert earlier["totalCount"] == 2
    assert {edge["node"]["participant"]["uuid"] for edge in earlier["edges"]} == {str(ada.id)}
    assert attendances(session, f'participantId: "{ben.id}"')["totalCount"] == 1


@pytest.mark.django_db
def test_completing_an_event_marks_absent_confirmed_participants_no_show(session, admin):
    event = running_event(admin, capacity=2)
    came, absent = confirmed_participant(admin, event, 1), confirmed_participant(admin, event, 2)
    waiting = register(admin, event, 3)["data"]["id"]
    assert session.mutate("checkInMeetingParticipant", {"id": str(came.id)})["status"] == 2
    for status in ("REGISTRATION_CLOSED", "ONGOING", "COMPLETED"):
        log = session.mutate("changeMeetingEventStatus", {"id": str(event.id), "status": Enum(status)})
        assert log["status"] == 2, log

    statuses = dict(Participant.objects.values_list("id", "status"))
    assert statuses[came.id] == "CONFIRMED"
    assert statuses[absent.id] == "NO_SHOW"
    assert Participant.objects.get(id=waiting).status == "WAITLISTED"
    assert Participant.history.filter(id=absent.id, status="NO_SHOW").exists()  # the change is in the history

    # An offline device syncing later shows the absent person was there after all.
    log = session.mutate(
        "checkInMeetingParticipant", {"token": absent.checkin_token, "method": Enum("QR"), "eventId": str(event.id)}
    )
    assert log["status"] == 2, log
    absent.refresh_from_db()
    assert absent.status == "CONFIRMED"


THE_PARTICIPANT = object()  # stands for the registered participant's id
CHECK_IN_REFUSALS = [
    ({"id": THE_PARTICIPANT, "method": Enum("QR")}, "meeting.checkin.token_required", "token"),
    ({"token": "not-a-real-code"}, "meeting.checkin.token_unknown", "token"),
    ({"id": "not-a-uuid"}, "meeting.validation.invalid_id", "id"),
    ({"id": "6a4e4a38-5d0c-4b1c-9f7d-2f2f1f0b7c11"}, "meeting.participant.not_found", "id"),
    ({}, "meeting.validation.required", "id"),
    ({"id": THE_PARTICIPANT, "checkedInAt": "yesterday"}, "meeting.validation.invalid_datetime", "checkedInAt"),
    ({"id": THE_PARTICIPANT, "checkedInAt": "2030-03-30"}, "meeting.validation.invalid_datetime", "checkedInAt"),
    ({"id": THE_PARTICIPANT, "checkedInAt": "2999-01-01T09:00:00Z"}, "meeting.checkin.in_future", "checkedInAt"),
    ({"id": THE_PARTICIPANT, "checkedInAt": "2020-01-01T09:00:00Z"}, "meeting.checkin.outside_event", "checkedInAt"),
    ({"method": Enum("SELF"), "token": "x" * 65}, "meeting.validation.too_long", "token"),
    ({"method": Enum("SELF"), "token": "some-code"}, "meeting.validation.required", "eventId"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "code", "field"), CHECK_IN_REFUSALS)
def test_bad_check_in_is_refused_and_writes_nothing(session, admin, fields, code, field):
    event = running_event(admin)
    participant = confirmed_participant(admin, event)
    version = participant.version
    fields = {key: str(participant.id) if value is THE_PARTICIPANT else value for key, value in fields.items()}

    log = session.mutate("checkInMeetingParticipant", fields)

    assert log["status"] == 1, log
    assert [(error["code"], error["field"]) for error in log["errors"]] == [(code, field)]
    assert Attendance.objects.count() == 0
    participant.refresh_from_db()
    assert participant.version == version


@pytest.mark.django_db
def test_a_token_naming_another_participant_than_the_id_is_refused(session, admin):
    event = running_event(admin)
    ada, ben = confirmed_participant(admin, event, 1), confirmed_participant(admin, event, 2)

    log = session.mutate("checkInMeetingParticipant", {"id": str(ada.id), "token": ben.checkin_token})

    assert [error["code"] for error in log["errors"]] == ["meeting.checkin.token_mismatch"]
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_a_client_id_reused_for_another_participant_is_refused(session, admin):
    event = running_event(admin)
    ada, ben = confirmed_participant(admin, event, 1), confirmed_participant(admin, event, 2)
    assert session.mutate("checkInMeetingParticipant", {"id": str(ada.id)}, client_id="scan-1")["status"] == 2

    log = session.mutate("checkInMeetingParticipant", {"id": str(ben.id)}, client_id="scan-1")

    assert [error["code"] for error in log["errors"]] == ["meeting.checkin.client_id_reused"]
    assert list(Attendance.objects.values_list("participant_id", flat=True)) == [ada.id]


@pytest.mark.django_db
def test_only_confirmed_participants_of_a_running_event_are_checked_in(session, admin):
    event = running_event(admin, capacity=1)
    confirmed_participant(admin, event, 1)
    waiting = Participant.objects.get(id=register(admin, event, 2)["data"]["id"])
    assert waiting.status == "WAITLISTED"
    log = session.mutate("checkInMeetingParticipant", {"id": str(waiting.id)})
    assert [(e["code"], e["message"]) for e in log["errors"]] == [
        ("meeting.checkin.not_confirmed", "Only confirmed participants can be checked in; this one is Waiting list.")
    ]

    draft = running_event(admin, code="DRAFT-EVENT")
    someone = confirmed_participant(admin, draft, 3)
    assert EventService(admin).change_status({"id": str(draft.id), "status": "CANCELLED"})["success"]
    log = session.mutate("checkInMeetingParticipant", {"id": str(someone.id)})
    assert [e["code"] for e in log["errors"]] == ["meeting.checkin.event_not_running"]
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_check_in_needs_its_right_and_the_right_alone_suffices(admin):
    event = running_event(admin)
    participant = confirmed_participant(admin, event)
    make_user("Registrar", rights=["216001", "216002", "216003"])
    make_user("Doorkeeper", rights=["216005"])

    refused = logged_in("Registrar", PASSWORD).mutate("checkInMeetingParticipant", {"id": str(participant.id)})
    assert [e["code"] for e in refused["errors"]] == ["meeting.auth.permission_denied"]
    assert Attendance.objects.count() == 0

    allowed = logged_in("Doorkeeper", PASSWORD).mutate(
        "checkInMeetingParticipant",
        {"token": participant.checkin_token, "method": Enum("QR"), "eventId": str(event.id)},
    )
    assert allowed["status"] == 2, allowed
    assert Attendance.objects.get().checked_in_by.username == "Doorkeeper"


@pytest.mark.django_db
def test_attendances_need_the_participant_search_right(admin):
    event = running_event(admin)
    participant = confirmed_participant(admin, event)
    logged_in("Admin", PASSWORD).mutate("checkInMeetingParticipant", {"id": str(participant.id)})
    make_user("Doorkeeper", rights=["216005"])

    result = logged_in("Doorkeeper", PASSWORD).post("{ meetingAttendances { totalCount } }")

    assert result["data"]["meetingAttendances"] is None
    assert "right" in result["errors"][0]["message"]


@pytest.mark.django_db
def test_a_replayed_duplicate_scan_is_recognised_on_a_later_day(session, admin):
    event = running_event(admin, days_before=1)
    participant = confirmed_participant(admin, event)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    scan = {
        "token": participant.checkin_token,
        "method": Enum("QR"),
        "checkedInAt": yesterday,
        "eventId": str(event.id),
    }
    assert session.mutate("checkInMeetingParticipant", scan)["status"] == 2
    # A second gate scans the badge the same day: nothing new is recorded for that scan ...
    assert session.mutate("checkInMeetingParticipant", scan, client_id="gate-2-scan-9")["status"] == 2

    # ... and its replay, sent today without the original time, is still that scan, not today's check-in.
    replay = {"token": participant.checkin_token, "method": Enum("QR"), "eventId": str(event.id)}
    assert session.mutate("checkInMeetingParticipant", replay, client_id="gate-2-scan-9")["status"] == 2

    assert Attendance.objects.filter(participant=participant).count() == 1


@pytest.mark.django_db
def test_a_badge_of_another_event_is_refused_at_the_door(session, admin):
    here = running_event(admin, code="HERE")
    elsewhere = running_event(admin, code="ELSEWHERE")
    visitor = confirmed_participant(admin, elsewhere)

    for fields in (
        {"token": visitor.checkin_token, "method": Enum("QR"), "eventId": str(here.id)},
        {"id": str(visitor.id), "eventId": str(here.id)},
    ):
        log = session.mutate("checkInMeetingParticipant", fields)
        assert [(e["code"], e["message"]) for e in log["errors"]] == [
            ("meeting.checkin.other_event", "This registration is for another event (ELSEWHERE).")
        ]
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_completion_leaves_online_participants_confirmed(session, admin):
    event = running_event(admin, participation_mode="HYBRID", online_url="https://meet.example.org/x")
    online = confirmed_participant(admin, event, 1, attendance_mode="ONLINE")
    in_person = confirmed_participant(admin, event, 2)
    for status in ("REGISTRATION_CLOSED", "ONGOING", "COMPLETED"):
        assert EventService(admin).change_status({"id": str(event.id), "status": status})["success"]

    statuses = dict(Participant.objects.values_list("id", "status"))
    assert (statuses[online.id], statuses[in_person.id]) == ("CONFIRMED", "NO_SHOW")


@pytest.mark.django_db
def test_a_late_check_in_keeps_the_email_rule(session, admin):
    event = running_event(admin)
    absent = confirmed_participant(admin, event, 1)
    other = confirmed_participant(admin, event, 2)
    for status in ("REGISTRATION_CLOSED", "ONGOING", "COMPLETED"):
        assert EventService(admin).change_status({"id": str(event.id), "status": status})["success"]
    Participant.objects.filter(id=other.id).update(status="CONFIRMED", email=absent.email)  # as an old update left it

    log = session.mutate("checkInMeetingParticipant", {"id": str(absent.id)})

    assert [e["code"] for e in log["errors"]] == ["meeting.participant.email_taken"]
    assert Attendance.objects.count() == 0
