"""Self check-in: the staff screen shows a rotating door code for the day or one session; a person types it on their
personal page and is checked in by the attendance rules (once per day or session, replays harmless)."""

from datetime import datetime, timedelta, timezone

import pytest
from django.test import Client
from public_helpers import BASE, last_link, register_and_confirm

from openimis_be_meeting.models import Attendance, Participant
from openimis_be_meeting.services import SessionService, doors

from factories import make_user, running_event
from showcase_setup import ok

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event(admin):
    return running_event(admin, capacity=1, public_registration=True, privacy_notice_en="Notice.")


@pytest.fixture
def browser():
    return Client()


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def check_in(browser, email: str, code: str):
    return browser.post(f"{BASE}me/check-in/", {"token": token_of(last_link(email)), "code": code})


def test_the_staff_screen_shows_the_days_code_to_check_in_staff_only(admin, event):
    staff = Client()
    staff.force_login(admin)
    page = staff.get(f"{BASE}events/{event.id}/door/")
    assert page.status_code == 200
    html = page.content.decode()
    assert doors.door_code(event) in html and "<svg" in html

    assert Client().get(f"{BASE}events/{event.id}/door/").status_code == 302  # to the login
    clerk = Client()
    clerk.force_login(make_user("Clerk", rights=["215001"]))
    assert clerk.get(f"{BASE}events/{event.id}/door/").status_code == 404


def test_the_days_code_checks_a_confirmed_person_in_once(admin, event, browser):
    register_and_confirm(browser, event, 1)
    code = doors.door_code(event)

    for _ in range(2):
        response = check_in(browser, "awa1@example.cm", code)
        assert response.status_code == 302, response.content.decode()[:300]
    [attendance] = Attendance.objects.all()
    assert (attendance.method, attendance.session_id) == ("SELF", None)
    assert "You are checked in" in browser.get(response["Location"]).content.decode()


def test_a_sessions_code_checks_in_at_that_session(admin, event, browser):
    register_and_confirm(browser, event, 1)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    session_id = ok(
        SessionService(admin).create(
            {
                "event_id": str(event.id),
                "title": "Plenary",
                "session_type": "PLENARY",
                "starts_at": now - timedelta(minutes=10),
                "ends_at": now + timedelta(hours=1),
            }
        )
    )
    session = event.sessions.get(id=session_id)

    assert check_in(browser, "awa1@example.cm", doors.door_code(event, session=session)).status_code == 302

    assert [str(a.session_id) for a in Attendance.objects.all()] == [session_id]


def test_wrong_old_or_other_events_codes_check_nobody_in(admin, event, browser, monkeypatch):
    register_and_confirm(browser, event, 1)
    other = running_event(admin, code="OTHER")
    period = doors._period()
    old = doors.door_code(event, at=doors.time.time() - 2 * period)
    just_before = doors.door_code(event, at=doors.time.time() - period)

    for code in ("000000", "", "12345", "abcdef", doors.door_code(other), old):
        if code == doors.door_code(event):
            continue
        assert check_in(browser, "awa1@example.cm", code).status_code == 409
    assert Attendance.objects.count() == 0
    assert check_in(browser, "awa1@example.cm", just_before).status_code == 302  # the code just replaced still works


def test_a_person_on_the_waiting_list_is_not_checked_in(admin, event, browser):
    register_and_confirm(browser, event, 1)
    register_and_confirm(browser, event, 2)
    assert Participant.objects.get(email="awa2@example.cm").status == "WAITLISTED"

    refused = check_in(browser, "awa2@example.cm", doors.door_code(event))

    assert refused.status_code == 409
    assert Attendance.objects.count() == 0


def test_an_unknown_personal_link_checks_nobody_in(admin, event, browser):
    response = browser.post(f"{BASE}me/check-in/", {"token": "z" * 43, "code": doors.door_code(event)})
    assert response.status_code == 409
    assert Attendance.objects.count() == 0
