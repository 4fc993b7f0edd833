"""Small factories for test data; every object is built the way the module's own services build it."""

import itertools
from datetime import datetime, timedelta, timezone

from core.models import InteractiveUser, Role, RoleRight
from core.test_helpers import create_test_interactive_user, create_test_language

PASSWORD = "Passw0rd!meeting"
_role_numbers = itertools.count(1)


def make_user(username: str, *, rights=(), admin: bool = False, language: str = "en"):
    """An interactive openIMIS user whose single role holds exactly `rights` (right codes), or the IMIS admin."""
    create_test_language("en", "English")
    create_test_language("fr", "Français", sort_order=2)
    role = Role.objects.create(
        name=f"meeting-test-role-{next(_role_numbers)}",
        is_system=64 if admin else 0,
        is_blocked=False,
        audit_user_id=-1,
        validity_from=datetime(2020, 1, 1),
    )
    for right in rights:
        RoleRight.objects.create(role=role, right_id=int(right), audit_user_id=-1, validity_from=datetime(2020, 1, 1))
    user = create_test_interactive_user(username=username, password=PASSWORD, roles=[role.id])
    # core's helper always writes language "en" for a new user; set the user's openIMIS language afterwards.
    InteractiveUser.objects.filter(id=user.i_user_id).update(language_id=language)
    user.i_user.refresh_from_db()
    return user


def future(days: int, hour: int = 9) -> datetime:
    base = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    return (base + timedelta(days=days)).replace(hour=hour)


def event_input(**overrides) -> dict:
    """A valid createMeetingEvent input (snake_case, Python values), as a service receives it."""
    data = {
        "code": "CM-YAOUNDE",
        "name": "openIMIS Community Meeting",
        "event_type": "COMMUNITY_MEETING",
        "starts_at": future(30),
        "ends_at": future(32, 17),
        "timezone": "Africa/Douala",
        "venue": "Hilton Yaoundé",
        "city": "Yaoundé",
        "country": "CM",
        "participation_mode": "IN_PERSON",
        "capacity": 120,
    }
    data.update(overrides)
    return data


def make_event(user, **overrides):
    from openimis_be_meeting.models import Event
    from openimis_be_meeting.services import EventService

    result = EventService(user).create(event_input(**overrides))
    assert result["success"], result
    return Event.objects.get(id=result["data"]["id"])


def open_event(user, **overrides):
    """An event in REGISTRATION_OPEN."""
    from openimis_be_meeting.services import EventService

    event = make_event(user, **overrides)
    for status in ("PUBLISHED", "REGISTRATION_OPEN"):
        assert EventService(user).change_status({"id": str(event.id), "status": status})["success"]
    event.refresh_from_db()
    return event


def person(number: int, **overrides) -> dict:
    data = {"first_name": f"Person{number}", "last_name": "Ndongo", "email": f"person{number}@example.cm"}
    data.update(overrides)
    return data


def register(user, event, number: int, **overrides) -> dict:
    from openimis_be_meeting.services import ParticipantService

    return ParticipantService(user).register({"event_id": str(event.id), **person(number, **overrides)})


def running_event(user, *, days_before: int = 1, days_after: int = 1, **overrides):
    """An event in REGISTRATION_OPEN that began `days_before` days ago and ends `days_after` days from now."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return open_event(
        user,
        starts_at=now - timedelta(days=days_before),
        ends_at=now + timedelta(days=days_after),
        **overrides,
    )
