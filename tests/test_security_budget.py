"""The cost budget of one request on the demo data (docs/security.md, "Cost budget"; bench/security_budget.py
measures the same requests against a server process on the benchmark's 100,000 participants): the heaviest request
an anonymous caller can send and the heaviest a holder of one read right can send are each answered within a stated
wall time and peak memory, measured here (tracemalloc: the memory Python allocates while the request is served)."""

import json
import time
import tracemalloc
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from graphql.utils.introspection_query import introspection_query

from openimis_be_meeting.models import Event

from factories import PASSWORD, make_user
from frontend import GRAPHQL, FrontendSession, logged_in

# The budget: generous for a shared, loaded machine (timed without tracemalloc, which slows Python severalfold; the
# memory measured in a second run), far below what the unbounded requests of issue 15 took (minutes, gigabytes).
SECONDS = 60
PEAK_MB = 120

LISTED = "firstName lastName jobTitle country role organisationName organisationAcronym"
PARTICIPANT = (
    "uuid firstName lastName jobTitle country status role attendanceMode waitlistPosition consentListed "
    "consentPhotos consentContact registeredAt statusChangedAt version email phone gender accessibilityNeeds "
    "dietaryNeeds checkinToken rejectionReason event { uuid code name status startsAt endsAt timezone city country }"
)


@pytest.fixture
def demo(admin):
    call_command("seed_meeting_demo", username="Admin", stdout=StringIO())
    # The demo's largest event by its people (not by capacity: an event without a limit sorts first on PostgreSQL).
    return Event.objects.live().annotate(people=Count("participants")).order_by("-people", "code").first()


def measured(send) -> tuple[object, float, float]:
    """The answer, the wall time of sending it, and the peak Python memory of sending it once more."""
    started = time.perf_counter()
    answer = send()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        send()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return answer, seconds, peak / 1_048_576


def anonymous(document: str):
    browser = Client(enforce_csrf_checks=True)
    browser.get(GRAPHQL, HTTP_ACCEPT="text/html")
    token = browser.cookies["csrftoken"].value
    body = json.dumps({"query": document})
    return lambda: browser.post(GRAPHQL, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)


ANONYMOUS = {
    "introspection": introspection_query,
    "30 tokenAuth": "mutation { "
    + " ".join(f'a{n}: tokenAuth(username: "Reader", password: "wrong") {{ refreshExpiresIn }}' for n in range(30))
    + " }",
    "a 256 KB document": "{ " + " __typename" * 2_000 + " " * 240_000 + "}",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ANONYMOUS))
def test_the_heaviest_anonymous_requests_stay_within_the_budget(demo, name):
    make_user("Reader", rights=["215001"])

    response, seconds, peak = measured(anonymous(ANONYMOUS[name]))

    # 429: axes locked the user name out after its fifth wrong password (the rest of the aliases cost nothing)
    assert response.status_code in (200, 400, 429), response.content[:300]
    print(f"{name}: {seconds:.2f} s, {peak:.1f} MB")
    assert seconds < SECONDS and peak < PEAK_MB, (name, seconds, peak)


def reader_requests(event) -> dict:
    published = f'meetingPublishedParticipants(eventId: "{event.id}", first: 100) {{ edges {{ node {{ {LISTED} }} }} }}'
    participants = f"meetingParticipants(first: 100) {{ edges {{ node {{ {PARTICIPANT} }} }} }}"
    return {
        "215001": "{ " + " ".join(f"a{n}: {published}" for n in range(30)) + " }",
        "216001": "{ " + " ".join(f"a{n}: {participants}" for n in range(28)) + " }",  # 28 x 35 fields: 980
    }


@pytest.mark.django_db
@pytest.mark.parametrize("right", ["215001", "216001"])
def test_the_heaviest_request_of_one_read_right_stays_within_the_budget(demo, right):
    make_user(f"Reader{right}", rights=[right])
    session: FrontendSession = logged_in(f"Reader{right}", PASSWORD)
    document = reader_requests(demo)[right]

    answer, seconds, peak = measured(lambda: session.post(document))

    assert "errors" not in answer, str(answer)[:500]
    rows = sum(len(page["edges"]) for page in answer["data"].values())
    assert rows > 0
    print(f"{right}: {rows} rows, {seconds:.2f} s, {peak:.1f} MB")
    assert seconds < SECONDS and peak < PEAK_MB, (right, seconds, peak)
