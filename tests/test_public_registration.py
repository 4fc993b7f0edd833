"""Registering oneself on the public pages, through the test client as a browser posts the form: the mailed link
takes the seat through the same service as GraphQL, and every refusal writes nothing."""

import html
import time

import pytest
from django.core import mail, signing
from django.test import Client
from public_helpers import BASE, confirm, form, last_link, public_event, register_and_confirm, register_url

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.models import Organisation, Participant, PersonalLink, RegistrationRequest

from factories import future, make_event, register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=False)


def test_english_registration_mails_a_link_and_only_the_link_takes_the_seat(admin, browser):
    event = public_event(admin, capacity=10)

    response = browser.post(register_url(event), form(1))

    assert response.status_code == 302 and response["Location"].endswith("/register/sent/")
    assert Participant.objects.filter(event=event).count() == 0  # no seat before the address is confirmed
    [message] = mail.outbox
    assert message.to == ["awa1@example.cm"]
    assert message.subject == f"Confirm your registration for {event.name}"
    assert message.alternatives[0][1] == "text/html"
    page = confirm(browser, last_link("awa1@example.cm"))
    assert page.status_code == 200
    assert "Your address is confirmed" in page.content.decode()
    participant = Participant.objects.get(event=event)
    assert (participant.status, participant.first_name, participant.email) == ("CONFIRMED", "Awa1", "awa1@example.cm")
    assert (participant.consent_listed, participant.consent_photos, participant.country) == (True, False, "CM")
    assert participant.user_created.username == "meeting-public"
    assert PersonalLink.objects.get(participant=participant).language == "en"
    personal = browser.get(last_link("awa1@example.cm"))
    assert personal.status_code == 200
    assert "You are registered: your seat is confirmed." in personal.content.decode()


def test_french_browser_gets_french_pages_and_mail_and_keeps_french_as_preferred_language(admin):
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    event = public_event(admin)

    page = browser.get(register_url(event)).content.decode()
    assert '<html lang="fr">' in page and "Prénom" in page
    response = register_and_confirm(browser, event, 2)

    assert "Votre adresse est confirmée" in response.content.decode()
    assert mail.outbox[0].subject == f"Confirmez votre inscription à {event.name}"
    participant = Participant.objects.get(event=event)
    assert PersonalLink.objects.get(participant=participant).language == "fr"


def test_the_language_switch_is_remembered_and_becomes_the_preferred_language(admin, browser):
    event = public_event(admin)
    switched = browser.get(register_url(event) + "?lang=fr")
    assert switched.cookies["django_language"].value == "fr"
    assert "Prénom" in browser.get(register_url(event)).content.decode()
    register_and_confirm(browser, event, 3)
    assert PersonalLink.objects.get().language == "fr"


def test_a_full_event_puts_the_next_people_on_the_waiting_list_in_order(admin, browser):
    event = public_event(admin, capacity=1)
    register_and_confirm(browser, event, 1)
    second = register_and_confirm(browser, event, 2).content.decode()
    register_and_confirm(browser, event, 3)

    assert "You are on the waiting list, in place 1." in second
    statuses = dict(Participant.objects.filter(event=event).values_list("first_name", "waitlist_position"))
    assert statuses == {"Awa1": None, "Awa2": 1, "Awa3": 2}


def test_an_event_needing_approval_keeps_the_registration_pending(admin, browser):
    event = public_event(admin, requires_approval=True)
    page = register_and_confirm(browser, event, 1).content.decode()
    assert Participant.objects.get().status == "PENDING"
    assert "waits for the organisers' approval" in page


def test_a_typed_organisation_matching_a_known_one_is_matched_not_duplicated(admin, browser):
    known = Organisation(
        name="Ministry of Public Health", acronym="MINSANTE", organisation_type="MINISTRY", country="CM"
    )
    known.save(user=admin)
    event = public_event(admin)
    register_and_confirm(browser, event, 1, organisation="ministry of public health")
    register_and_confirm(browser, event, 2, organisation="minsante")
    register_and_confirm(browser, event, 3, organisation="Open Health Hub")

    people = {p.first_name: p.organisation for p in Participant.objects.filter(event=event)}
    assert people["Awa1"] == known and people["Awa2"] == known
    assert people["Awa3"].name == "Open Health Hub" and people["Awa3"].organisation_type == "OTHER"
    assert Organisation.objects.count() == 2


# -- refusals -------------------------------------------------------------------------------------------------------


def assert_nothing_written(event):
    assert Participant.objects.filter(event=event).count() == 0
    assert RegistrationRequest.objects.filter(event=event).count() == 0
    assert mail.outbox == []


def test_an_event_without_public_registration_offers_no_form(admin, browser):
    event = public_event(admin, public_registration=False)
    assert browser.get(register_url(event)).status_code == 403
    assert browser.post(register_url(event), form(1)).status_code == 403
    assert_nothing_written(event)


def test_a_draft_or_unknown_event_has_no_public_page(admin, browser):
    draft = make_event(admin, public_registration=True, privacy_notice_en="x")
    for path in (register_url(draft), f"{BASE}events/{draft.id}/", f"{BASE}events/not-a-uuid/register/"):
        assert browser.get(path).status_code == 404
    assert browser.post(register_url(draft), form(1)).status_code == 404
    assert_nothing_written(draft)


def test_registration_window_not_open_yet_or_closed(admin, browser):
    later = public_event(admin, code="LATER", registration_opens_at=future(5))
    assert browser.get(register_url(later)).status_code == 403
    assert browser.post(register_url(later), form(1)).status_code == 403
    assert_nothing_written(later)


def test_a_window_that_closes_before_the_link_is_followed_takes_no_seat(admin, browser):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    link = last_link("awa1@example.cm")
    event.status = "REGISTRATION_CLOSED"
    event.save(user=admin)

    page = confirm(browser, link)

    assert page.status_code == 409
    assert Participant.objects.filter(event=event).count() == 0


def test_a_known_address_gets_the_same_answer_and_the_mail_says_it_is_registered(admin, browser):
    event = public_event(admin)
    register(admin, event, 1, email="awa1@example.cm")
    fresh = browser.post(register_url(event), form(2))

    known = browser.post(register_url(event), form(1))

    assert (known.status_code, known["Location"]) == (fresh.status_code, fresh["Location"])
    assert RegistrationRequest.objects.filter(email="awa1@example.cm").count() == 0
    assert "registered already" in mail.outbox[-1].body
    assert Participant.objects.filter(event=event, email="awa1@example.cm").count() == 1


def test_two_requests_for_one_address_take_one_seat(admin, browser):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    first = last_link("awa1@example.cm")
    browser.post(register_url(event), form(1, first_name="Again"))
    second = last_link("awa1@example.cm")

    assert confirm(browser, first).status_code == 200
    refused = confirm(browser, second)

    assert refused.status_code == 409
    assert "registered for the event already" in refused.content.decode()
    assert Participant.objects.filter(event=event).count() == 1


def test_a_used_link_does_not_work_twice(admin, browser):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    link = last_link("awa1@example.cm")
    assert confirm(browser, link).status_code == 200
    token = link.rstrip("/").rsplit("/", 1)[1]

    assert browser.get(link).status_code == 410
    assert browser.post(f"{BASE}verify/", {"token": token}).status_code == 410
    assert Participant.objects.filter(event=event).count() == 1


def test_an_expired_link_does_not_work(admin, browser, monkeypatch):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    link = last_link("awa1@example.cm")
    later = time.time() + MeetingConfig.config["public_link_max_age"] + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)

    assert browser.get(link).status_code == 410
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert browser.post(f"{BASE}verify/", {"token": token}).status_code == 410
    assert Participant.objects.count() == 0


def test_a_forged_link_does_not_work(admin, browser):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    request = RegistrationRequest.objects.get()
    forged = [
        signing.dumps({"r": str(request.id), "n": "guessed"}, salt="openimis_be_meeting.public.verify"),
        signing.dumps({"r": str(request.id), "n": "x"}, key="not-the-secret", salt="openimis_be_meeting.public.verify"),
        "garbage",
        last_link("awa1@example.cm").rstrip("/").rsplit("/", 1)[1][:-3] + "abc",
    ]
    for token in forged:
        assert browser.get(f"{BASE}verify/{token}/").status_code == 410
        assert browser.post(f"{BASE}verify/", {"token": token}).status_code == 410
    assert Participant.objects.count() == 0


def test_the_honeypot_looks_accepted_but_sends_and_keeps_nothing(admin, browser):
    event = public_event(admin)
    response = browser.post(register_url(event), form(1, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("/register/sent/")
    assert_nothing_written(event)


def test_requests_per_ip_address_are_limited(admin, browser, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "public_requests_per_ip", 2)
    event = public_event(admin)
    assert browser.post(register_url(event), form(1)).status_code == 302
    assert browser.post(register_url(event), form(2, email="bad")).status_code == 400  # counted too
    refused = browser.post(register_url(event), form(3))
    assert refused.status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(register_url(event), form(4)).status_code == 302
    assert sorted(RegistrationRequest.objects.values_list("email", flat=True)) == ["awa1@example.cm", "awa4@example.cm"]


def test_requests_per_email_address_are_limited_across_addresses(admin, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "public_requests_per_email", 1)
    event = public_event(admin)
    assert Client(REMOTE_ADDR="10.0.0.1").post(register_url(event), form(1)).status_code == 302
    assert Client(REMOTE_ADDR="10.0.0.2").post(register_url(event), form(1)).status_code == 429
    assert len(mail.outbox) == 1


def test_unconfirmed_requests_per_event_have_a_ceiling(admin, browser, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "public_max_unverified_per_event", 2)
    event = public_event(admin)
    for number in (1, 2):
        assert browser.post(register_url(event), form(number)).status_code == 302
    assert browser.post(register_url(event), form(3)).status_code == 429
    confirm(browser, last_link("awa1@example.cm"))  # a confirmed request no longer counts
    assert browser.post(register_url(event), form(3)).status_code == 302


BAD_INPUT = [
    ("first_name", "", "First name is required."),
    ("first_name", "x" * 101, "First name is longer than 100 characters."),
    ("first_name", "A\x00B", "Null characters are not allowed."),  # refused by the form's parsing already
    ("last_name", " ", "Last name is required."),
    ("email", "", "Email is required."),
    ("email", "not-an-email", "The email address is not valid."),
    ("email", "a" * 250 + "@x.cm", "longer than 254"),
    ("organisation", "o" * 256, "longer than 255"),
    ("job_title", "j" * 256, "longer than 255"),
    ("country", "XX", "XX is not an ISO 3166-1 alpha-2 country code."),
    ("role", "ORGANISER", "This role is given by the organisers"),
    ("role", "KING", "KING is not a valid"),
    ("attendance_mode", "TELEPATHY", "TELEPATHY is not a valid"),
    ("accessibility_needs", "a" * 2001, "longer than 2000"),
    ("dietary_needs", "d\x07", "control character"),
    ("accept_privacy", None, "Accept the privacy notice to register."),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(admin, browser, field, value, message):
    event = public_event(admin)
    response = browser.post(register_url(event), form(1, **{field: value}))

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    error = page.split(f'id="id_{field}-error">', 1)[1].split("</p>", 1)[0]
    assert message in error.replace("&#x27;", "'")
    assert_nothing_written(event)


def test_errors_are_shown_in_french_on_a_french_page(admin):
    event = public_event(admin)
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").post(register_url(event), form(1, first_name="", country="XX"))
    page = html.unescape(response.content.decode())
    assert "Prénom est obligatoire." in page
    assert "XX n'est pas un code pays ISO 3166-1 alpha-2." in page


def test_the_form_page_shows_the_notice_in_the_page_language(admin):
    event = public_event(admin)
    assert "only." in Client().get(register_url(event)).content.decode()
    assert "seulement." in Client(HTTP_ACCEPT_LANGUAGE="fr").get(register_url(event)).content.decode()


def test_requests_never_confirmed_are_deleted_once_their_link_expired(admin, browser, monkeypatch):
    event = public_event(admin)
    browser.post(register_url(event), form(1))
    RegistrationRequest.objects.update(expires_at=RegistrationRequest.objects.get().requested_at)  # now expired

    browser.post(register_url(event), form(2))

    assert list(RegistrationRequest.objects.values_list("email", flat=True)) == ["awa2@example.cm"]
