"""Erasure on request (eraseMeetingParticipant): after it, nothing of the person's personal data is left in any column
of any row of the database — their rows, history, the programme's summaries, core's mutation logs, Django's admin log —
while every statistic and the interoperability matrix give the same numbers; other people keep theirs."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from retention_helpers import database_hits, numbers

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import ParticipantService

from factories import PASSWORD, make_user
from frontend import Enum, FrontendSession, logged_in, rest_get, rest_post
from rights_world import ALL_CODES, build, secret_person

ERASE = "216008"


@pytest.fixture
def world(admin):
    return build(admin)


def _values(participant_id) -> list[str]:
    """Every personal value the registration holds or held (its history), as stored."""
    rows = [
        *Participant.history.filter(id=participant_id).values(),
        *Participant.objects.filter(id=participant_id).values(),
    ]
    fields = ("first_name", "last_name", "email", "phone", "accessibility_needs", "dietary_needs", "checkin_token")
    return sorted({str(row[name]) for row in rows for name in fields if row[name]})


def _fields(details: dict) -> dict:
    camel = {"first_name": "firstName", "last_name": "lastName", "accessibility_needs": "accessibilityNeeds"}
    camel |= {"dietary_needs": "dietaryNeeds", "job_title": "jobTitle"}
    return {camel.get(key, key): Enum(value) if key == "gender" else value for key, value in details.items()}


def _traces(desk, world) -> tuple[str, str]:
    """Traces of three people, as the frontend leaves them: mutation logs of a registration (its label names the
    person), an update, a refused second registration with the same email, badge scans (accepted and refused); and an
    import whose file is named after the person imported (the history's change reason names the file)."""
    zenobia = {"first_name": "Zenobia", "last_name": "Quackenbush", **secret_person(77), "job_title": "Zeta analyst"}
    log = desk.mutate(
        "registerMeetingParticipant",
        {"eventId": str(world.running.id), **_fields(zenobia)},
        label="Register Zenobia Quackenbush",
    )
    assert log["status"] == 2, log
    new = Participant.objects.get(email=zenobia["email"])
    scan = {"token": new.checkin_token, "method": Enum("QR"), "eventId": str(world.running.id)}
    assert desk.mutate("checkInMeetingParticipant", scan)["status"] == 2
    speaker = world.show.presenters[0]
    changed = {"id": speaker, "phone": "+237 699 00 11 22", "dietaryNeeds": "Only-fonio-4411"}
    assert desk.mutate("updateMeetingParticipant", changed, label="Change Person100 Presenter0")["status"] == 2
    again = Participant.objects.get(id=speaker)
    twice = {"eventId": world.event_id, "firstName": "Person100", "lastName": "Presenter0", "email": again.email}
    assert desk.mutate("registerMeetingParticipant", twice)["status"] == 1
    wrong_door = {"token": again.checkin_token, "method": Enum("QR"), "eventId": world.event_id}
    assert desk.mutate("checkInMeetingParticipant", wrong_door)["status"] == 1
    imported = SimpleUploadedFile(
        "wolfenden-ignatius.csv", b"first_name,last_name,email\nIgnatius,Wolfenden,i.wolfenden@example.cm\n"
    )
    assert rest_post(desk, f"events/{world.event_id}/participants/import", {"file": imported}).status_code == 200
    return str(new.id), speaker, str(Participant.objects.get(email="i.wolfenden@example.cm").id)


@pytest.mark.django_db
def test_erasure_leaves_nothing_personal_and_every_number_unchanged(world, admin):
    make_user("Desk", rights=[code for code in ALL_CODES if code != ERASE])
    make_user("Eraser", rights=[ERASE])
    desk, eraser = logged_in("Desk", PASSWORD), logged_in("Eraser", PASSWORD)
    zenobia, speaker, imported = _traces(desk, world)
    presenter = world.show.presenters[1]  # a session's speaker: the session's summary names them
    erased = {pid: _values(pid) for pid in (zenobia, speaker, presenter, imported)}
    kept = {pid: _values(pid) for pid in world.participant_ids if pid not in erased}
    assert all(database_hits(values) for values in erased.values())  # the search finds what is there
    events = [world.event_id, str(world.running.id)]
    before = numbers(desk, events)
    attendances = Attendance.objects.filter(participant_id=zenobia).count()

    for pid in erased:
        label = f"Erase {Participant.objects.get(id=pid)} on request"  # the frontend's label names the person
        log = eraser.mutate("eraseMeetingParticipant", {"id": pid}, label=label)
        assert (log["status"], log["errors"]) == (2, []), log

    for pid, values in erased.items():
        assert database_hits(values) == [], pid
        row = Participant.objects.get(id=pid)
        assert (row.first_name, row.last_name) == ("Participant", hashlib.sha256(row.id.bytes).hexdigest()[:8].upper())
        assert row.erased_at is not None and row.user_id is None and row.gender == ""
    assert len({Participant.objects.get(id=pid).last_name for pid in erased}) == len(erased)  # distinct pseudonyms
    assert numbers(desk, events) == before
    assert Attendance.objects.filter(participant_id=zenobia).count() == attendances == 1
    for pid, values in kept.items():  # nobody else's data went
        assert {value for _table, value in database_hits(values)} == {value.lower() for value in values}, pid


@pytest.mark.django_db
def test_the_badge_stops_working_and_a_second_erasure_changes_nothing(world):
    make_user("Eraser", rights=[ERASE])
    eraser = logged_in("Eraser", PASSWORD)
    pid, token = world.participant_ids[3], world.token
    feed = f"feeds/{token}/agenda.ics"
    assert rest_get(FrontendSession(), feed).status_code == 200
    assert eraser.mutate("eraseMeetingParticipant", {"id": pid})["status"] == 2
    assert rest_get(FrontendSession(), feed).status_code == 404  # the badge's code opens nothing any more
    first = Participant.objects.filter(id=pid).values().get()
    versions = Participant.history.filter(id=pid).count()
    log = eraser.mutate("eraseMeetingParticipant", {"id": pid})
    assert (log["status"], log["errors"]) == (2, [])
    assert Participant.objects.filter(id=pid).values().get() == first
    assert Participant.history.filter(id=pid).count() == versions


@pytest.mark.django_db
def test_erasure_needs_its_own_right(world):
    make_user("Everything", rights=[code for code in ALL_CODES if code != ERASE])
    session = logged_in("Everything", PASSWORD)
    pid = world.participant_ids[3]
    stored = Participant.objects.filter(id=pid).values().get()
    log = session.mutate("eraseMeetingParticipant", {"id": pid})
    assert log["status"] == 1
    assert [error["code"] for error in log["errors"]] == ["meeting.auth.permission_denied"]
    assert Participant.objects.filter(id=pid).values().get() == stored


@pytest.mark.django_db
def test_a_registration_still_waiting_is_refused_and_an_unknown_id_too(world, admin):
    make_user("Eraser", rights=[ERASE])
    eraser = logged_in("Eraser", PASSWORD)
    full = world.show.event
    full.capacity = Participant.objects.live().filter(event=full, status="CONFIRMED").count()
    full.save(user=admin)
    waiting = ParticipantService(admin).register(
        {"event_id": world.event_id, **secret_person(60), "first_name": "W", "last_name": "L"}
    )
    assert waiting["data"]["status"] == "WAITLISTED", waiting
    log = eraser.mutate("eraseMeetingParticipant", {"id": waiting["data"]["id"]})
    assert [error["code"] for error in log["errors"]] == ["meeting.participant.erase_undecided"]
    assert Participant.objects.get(id=waiting["data"]["id"]).erased_at is None
    log = eraser.mutate("eraseMeetingParticipant", {"id": "6f1c1f43-5d0e-4c55-9b6a-1f0a7c2f0d11"})
    assert [error["code"] for error in log["errors"]] == ["meeting.participant.not_found"]


@pytest.mark.django_db
def test_an_erased_registration_no_longer_changes(world):
    desk = make_user("Desk", rights=[code for code in ALL_CODES if code != ERASE])
    make_user("Eraser", rights=[ERASE])
    eraser, session = logged_in("Eraser", PASSWORD), logged_in("Desk", PASSWORD)
    pid = world.participant_ids[-1]  # checked in at the running event
    assert eraser.mutate("eraseMeetingParticipant", {"id": pid})["status"] == 2
    for name, fields in (
        ("updateMeetingParticipant", {"id": pid, "firstName": "Back"}),
        ("cancelMeetingParticipant", {"id": pid}),
        ("deleteMeetingParticipant", {"id": pid}),
        ("checkInMeetingParticipant", {"id": pid}),
    ):
        log = session.mutate(name, fields)
        assert [error["code"] for error in log["errors"]] == ["meeting.participant.erased"], (name, log)
    assert desk is not None
