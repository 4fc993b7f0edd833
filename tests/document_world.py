"""Events with attendance, for the certificate and letter tests: built through the module's services."""

from datetime import datetime, timedelta, timezone

from openimis_be_meeting.documents.codes import new_code
from openimis_be_meeting.documents.letters import VisaLetterService, request_letter
from openimis_be_meeting.models import Certificate, Participant, VisaLetter
from openimis_be_meeting.services import AttendanceService, EventService

from factories import register, running_event


def move_event(admin, event, *statuses):
    for status in statuses:
        result = EventService(admin).change_status({"id": str(event.id), "status": status})
        assert result["success"], result
    event.refresh_from_db()
    return event


def event_under_way(admin, **overrides):
    """An ONGOING event that began yesterday (Douala time) and ends tomorrow."""
    return move_event(admin, running_event(admin, **overrides), "REGISTRATION_CLOSED", "ONGOING")


def confirmed(admin, event, number, **details) -> Participant:
    result = register(admin, event, number, **details)
    assert result["success"] and result["data"]["status"] == "CONFIRMED", result
    return Participant.objects.get(id=result["data"]["id"])


def check_in(admin, participant, *, days_ago: int = 0, session_id=None):
    moment = datetime.now(timezone.utc) - timedelta(days=days_ago)
    data = {"id": str(participant.id), "checked_in_at": moment.isoformat()}
    if session_id:
        data["session_id"] = str(session_id)
    result = AttendanceService(admin).check_in(data)
    assert result["success"], result


def with_certificate(world, participant_id: str) -> str:
    """The participant, holding a certificate (written directly: the rights tests need a download, not the rule)."""
    participant = Participant.objects.get(id=participant_id)
    if not Certificate.objects.filter(participant=participant).exists():
        Certificate.objects.create(
            participant=participant,
            code=new_code(),
            language="en",
            days=[],
            issued_at=datetime.now(),
            issued_by=world.admin,
        )
    return participant_id


VISA = {
    "passport_number": "CM7654321",
    "nationality": "CM",
    "date_of_birth": "1985-06-01",
    "passport_expiry": "2099-01-01",
}


def requested_letter(world, participant_id: str) -> str:
    """The participant's letter awaiting a decision (asked for now when there is none)."""
    participant = Participant.objects.get(id=participant_id)
    letter = VisaLetter.objects.filter(participant=participant, status="REQUESTED").first()
    return str((letter or request_letter(participant, VISA)).id)


def approved_letter(world, participant_id: str) -> str:
    """The participant's approved letter (asked for and approved now when there is none)."""
    letter = VisaLetter.objects.filter(participant_id=participant_id, status="APPROVED").first()
    if letter is None:
        result = VisaLetterService(world.admin).approve({"id": requested_letter(world, participant_id)})
        assert result["success"], result
        return result["data"]["id"]
    return str(letter.id)
