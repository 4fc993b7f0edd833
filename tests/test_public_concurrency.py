"""Verification links followed at the same moment, on PostgreSQL with one real connection per request: the seats,
the waiting list and one registration per address hold as for GraphQL registrations."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from public_helpers import BASE, form, last_link, public_event, register_url

from openimis_be_meeting.models import Participant, RegistrationRequest

from test_participants_concurrency import run_at_once, snapshot

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
]


def follow(token: str):
    response = Client().post(f"{BASE}verify/", {"token": token})
    return {"success": response.status_code == 200, "status": response.status_code}


@pytest.mark.parametrize("attempt", range(3))
def test_fifty_links_followed_at_once_for_ten_seats(admin, attempt):
    event = public_event(admin, capacity=10, code=f"PUBLIC-RACE-{attempt}")
    tokens = []
    for number in range(50):
        browser = Client(REMOTE_ADDR=f"10.0.{number}.1")  # fifty people, each within the per-address limit
        assert browser.post(register_url(event), form(number)).status_code == 302
        tokens.append(last_link(f"awa{number}@example.cm").rstrip("/").rsplit("/", 1)[1])
    mail.outbox.clear()

    results = run_at_once([(lambda token=token: follow(token)) for token in tokens])

    assert [r for r in results if not r["success"]] == []
    confirmed, positions = snapshot(event)
    assert confirmed == 10
    assert positions == list(range(1, 41))
    emails = list(Participant.objects.filter(event=event).values_list("email", flat=True))
    assert len(emails) == len(set(emails)) == 50
    assert RegistrationRequest.objects.filter(event=event, used_at__isnull=True).count() == 0


def test_one_link_followed_many_times_at_once_registers_once(admin):
    event = public_event(admin, capacity=10, code="PUBLIC-REPLAY")
    Client().post(register_url(event), form(1))
    token = last_link("awa1@example.cm").rstrip("/").rsplit("/", 1)[1]

    results = run_at_once([(lambda: follow(token)) for _ in range(10)])

    assert sorted(r["status"] for r in results) == [200] + [410] * 9
    assert Participant.objects.filter(event=event).count() == 1
