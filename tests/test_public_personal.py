"""The personal page by its secret link: status and place in line, one's own details, cancelling (the seat goes to
the next in line at once; a stale or replayed confirmation does nothing), a new link, and what it never shows."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from public_helpers import BASE, last_link, public_event, register_and_confirm

from openimis_be_meeting.models import Participant, PersonalLink
from openimis_be_meeting.permissions import public_actor
from openimis_be_meeting.services import ParticipantService

from factories import register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser():
    return Client()


def personal_link(email: str) -> str:
    return last_link(email)


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def stamp_on(page: str) -> str:
    return re.search(r'name="stamp" value="([^"]+)"', page).group(1)


def test_the_page_shows_status_place_in_line_and_the_calendar_feed(admin, browser):
    event = public_event(admin, capacity=1)
    register_and_confirm(browser, event, 1)
    register_and_confirm(browser, event, 2)
    second = Participant.objects.get(email="awa2@example.cm")

    page = browser.get(personal_link("awa2@example.cm"))

    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store" and page["Referrer-Policy"] == "same-origin"
    html = page.content.decode()
    assert "You are on the waiting list, in place 1." in html
    assert f"/api/openimis_be_meeting/feeds/{second.checkin_token}/agenda.ics" in html
    assert browser.get(f"/api/openimis_be_meeting/feeds/{second.checkin_token}/agenda.ics").status_code == 200
    assert "awa1@example.cm" not in html and "Awa1" not in html  # nobody else's data


def test_cancelling_asks_first_then_gives_the_seat_to_the_next_in_line_at_once(admin, browser):
    event = public_event(admin, capacity=1)
    register_and_confirm(browser, event, 1)
    register_and_confirm(browser, event, 2)
    register_and_confirm(browser, event, 3)
    link = personal_link("awa1@example.cm")

    asked = browser.get(link + "cancel/")
    assert asked.status_code == 200 and Participant.objects.get(email="awa1@example.cm").status == "CONFIRMED"
    done = browser.post(f"{BASE}me/cancel/", {"token": token_of(link), "stamp": stamp_on(asked.content.decode())})

    assert done.status_code == 302
    statuses = {p.email: (p.status, p.waitlist_position) for p in Participant.objects.filter(event=event)}
    assert statuses == {
        "awa1@example.cm": ("CANCELLED", None),
        "awa2@example.cm": ("CONFIRMED", None),
        "awa3@example.cm": ("WAITLISTED", 1),
    }
    assert "Your registration is cancelled." in browser.get(done["Location"]).content.decode()


def test_a_replayed_or_stale_cancel_does_nothing(admin, browser):
    event = public_event(admin, capacity=1)
    register_and_confirm(browser, event, 1)
    register_and_confirm(browser, event, 2)
    link_two = personal_link("awa2@example.cm")
    stale = stamp_on(browser.get(link_two + "cancel/").content.decode())
    # Meanwhile the first cancels through the organisers: the second is promoted, so its confirmation page is stale.
    first = Participant.objects.get(email="awa1@example.cm")
    assert ParticipantService(admin).cancel({"id": str(first.id)})["success"]

    refused = browser.post(f"{BASE}me/cancel/", {"token": token_of(link_two), "stamp": stale})

    assert refused.status_code == 409
    assert Participant.objects.get(email="awa2@example.cm").status == "CONFIRMED"
    fresh = stamp_on(browser.get(link_two + "cancel/").content.decode())
    assert browser.post(f"{BASE}me/cancel/", {"token": token_of(link_two), "stamp": fresh}).status_code == 302
    replay = browser.post(f"{BASE}me/cancel/", {"token": token_of(link_two), "stamp": fresh})
    assert replay.status_code == 409
    assert Participant.objects.get(email="awa2@example.cm").status == "CANCELLED"


def test_a_forged_cancel_does_nothing(admin, browser):
    event = public_event(admin)
    register_and_confirm(browser, event, 1)
    participant = Participant.objects.get()
    stamp = participant.status_changed_at.isoformat()
    for token in ("", "x" * 43, participant.checkin_token, str(participant.id)):
        assert browser.post(f"{BASE}me/cancel/", {"token": token, "stamp": stamp}).status_code == 404
    assert browser.post(f"{BASE}me/cancel/", {"token": token_of(personal_link("awa1@example.cm"))}).status_code == 409
    assert Participant.objects.get().status == "CONFIRMED"


def test_changing_ones_details_goes_through_the_rules_and_keeps_email_and_role(admin, browser):
    event = public_event(admin)
    register_and_confirm(browser, event, 1)
    token = token_of(personal_link("awa1@example.cm"))
    form = browser.get(f"{BASE}me/{token}/edit/").content.decode()
    assert 'value="Awa1"' in form

    bad = browser.post(f"{BASE}me/edit/", {"token": token, "first_name": "", "last_name": "M", "country": "ZZ"})
    assert bad.status_code == 400
    assert 'id="id_first_name-error"' in bad.content.decode() and 'id="id_country-error"' in bad.content.decode()
    assert Participant.objects.get().first_name == "Awa1"

    good = {
        "token": token,
        "first_name": "Awa",
        "last_name": "Mbarga-Ngo",
        "country": "SN",
        "attendance_mode": "ONLINE",
        "email": "attacker@example.org",
        "role": "ORGANISER",
        "consent_contact": "on",
    }
    assert browser.post(f"{BASE}me/edit/", good).status_code == 302

    participant = Participant.objects.get()
    assert (participant.first_name, participant.last_name, participant.country) == ("Awa", "Mbarga-Ngo", "SN")
    assert (participant.attendance_mode, participant.consent_contact, participant.consent_listed) == (
        "ONLINE",
        True,
        False,
    )
    assert (participant.email, participant.role) == ("awa1@example.cm", "ATTENDEE")


def test_a_new_link_replaces_the_old_one_at_once(admin, browser):
    event = public_event(admin)
    register_and_confirm(browser, event, 1)
    old = personal_link("awa1@example.cm")

    browser.post(f"{BASE}me/new-link/", {"token": token_of(old)})

    new = personal_link("awa1@example.cm")
    assert new != old
    assert browser.get(old).status_code == 404
    assert browser.get(new).status_code == 200


def test_a_new_link_by_email_says_the_same_whether_registered_or_not(admin, browser):
    event = public_event(admin)
    register(admin, event, 1, email="known@example.cm")  # registered by the organisers: no link yet
    url = f"{BASE}events/{event.id}/my-link/"

    known = browser.post(url, {"email": "known@example.cm"})
    unknown = browser.post(url, {"email": "stranger@example.cm"})

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert [message.to for message in mail.outbox] == [["known@example.cm"]]
    assert browser.get(personal_link("known@example.cm")).status_code == 200


def test_only_the_public_actor_may_call_the_public_methods(admin, browser):
    event = public_event(admin)
    register_and_confirm(browser, event, 1)
    token = token_of(personal_link("awa1@example.cm"))
    for user in (admin,):
        result = ParticipantService(user).cancel_own({"token": token, "stamp": "x"})
        assert not result["success"] and result["detail"]["code"] == "meeting.auth.permission_denied"
    assert ParticipantService(public_actor()).register({"event_id": str(event.id)})["success"] is False
    assert not public_actor().check_password("")


def test_an_unknown_or_replaced_link_shows_nothing_and_logs_no_token(admin, browser, caplog):
    event = public_event(admin)
    caplog.set_level(logging.DEBUG)
    register_and_confirm(browser, event, 1)
    link = personal_link("awa1@example.cm")
    token = token_of(link)
    verify_token = [token_of(m) for m in re.findall(r"/public/verify/[^\s\"<]+", mail.outbox[0].body)][0]
    browser.post(f"{BASE}me/new-link/", {"token": token})
    browser.get(link)
    browser.get(f"{BASE}me/{'y' * 43}/")
    browser.get(f"{BASE}verify/{verify_token}")
    browser.post(f"{BASE}me/cancel/", {"token": token})
    Client(enforce_csrf_checks=True).post(f"{BASE}me/cancel/", {"token": token})  # refused by CSRF, logged
    hashes = list(PersonalLink.objects.values_list("token_hash", flat=True))

    lines = [record.getMessage() for record in caplog.records]
    assert lines, "expected refused requests to be logged"
    for secret in (token, verify_token, token_of(personal_link("awa1@example.cm"))):
        assert not [line for line in lines if secret in line]
    assert token not in hashes
