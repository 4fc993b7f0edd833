"""Small steps of the public pages' tests: a public event, the form as a browser posts it, the links in the mail."""

import re

from django.core import mail

from factories import open_event

BASE = "/api/openimis_be_meeting/public/"
NOTICE_EN = "We keep your details for this meeting only."
NOTICE_FR = "Nous gardons vos données pour cette réunion seulement."
LINK = re.compile(r"https?://[^/\s]+(/api/openimis_be_meeting/public/[^\s\"<]+)")


def public_event(user, **overrides):
    data = {"public_registration": True, "privacy_notice_en": NOTICE_EN, "privacy_notice_fr": NOTICE_FR}
    return open_event(user, **{**data, **overrides})


def form(number: int, **overrides) -> dict:
    data = {
        "first_name": f"Awa{number}",
        "last_name": "Mbarga",
        "email": f"awa{number}@example.cm",
        "organisation": "",
        "job_title": "Data manager",
        "country": "CM",
        "role": "ATTENDEE",
        "attendance_mode": "IN_PERSON",
        "accessibility_needs": "",
        "dietary_needs": "",
        "consent_listed": "on",
        "accept_privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def register_url(event) -> str:
    return f"{BASE}events/{event.id}/register/"


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def last_link(to: str) -> str:
    """The first public-page address in the newest mail sent to `to`."""
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, [m.to for m in mail.outbox]
    return links_in(messages[-1])[0]


def confirm(client, verify_path: str):
    """Open the mailed link, then press its confirm button (the token travels in the form)."""
    page = client.get(verify_path)
    assert page.status_code == 200, page.content.decode()[:500]
    token = verify_path.rstrip("/").rsplit("/", 1)[1]
    return client.post(f"{BASE}verify/", {"token": token})


def register_and_confirm(client, event, number: int, **overrides):
    data = form(number, **overrides)
    response = client.post(register_url(event), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return confirm(client, last_link(data["email"]))
