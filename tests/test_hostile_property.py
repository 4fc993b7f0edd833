"""Property: whatever any meeting mutation is sent, over HTTP as the frontend sends it (literals, or variables), by
whichever user, the answer is JSON and never a 500; the mutation log says success or gives clear coded errors, never
`meeting.unexpected`; a refused request changes no row of the module; and after every request the invariants hold:
no event seats more people than its capacity, waiting-list positions are exactly 1..n, nobody reviews a showcase
twice in one round, and no email holds two active registrations of one event.

Every mutation of the module is found by introspection (a new one is covered without change here), inputs are
generated from its introspected input type (hostile_strategies), and a mutation that cannot be generated for fails.
Each example runs in a savepoint that is rolled back, so every example starts from the same prepared world."""

import json
import os
import tempfile
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from graphene.utils.str_converters import to_camel_case
from hostile_strategies import INTROSPECTION, Generator, Unsupported
from hostile_world import plain, snapshot, world_for_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from openimis_be_meeting.documents.problems import DocumentProblems
from openimis_be_meeting.errors import Problem, Problems
from openimis_be_meeting.models import ACTIVE_PARTICIPANT_STATUSES, Event, Participant, ParticipantStatus, Review
from openimis_be_meeting.schema import Mutation as MeetingMutation

from factories import PASSWORD, make_user
from frontend import GRAPHQL, literal, logged_in
from host.schema import schema as host_schema

# Hypothesis keeps what it learns about the code outside the repository; examples are derandomized, not stored.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "openimis-be-meeting-hypothesis"))
# The module's mutations as the schema has them, for one test each (and a check that introspection finds the same).
MUTATIONS = sorted(name for name in host_schema.get_mutation_type().fields if "Meeting" in name)
KNOWN_CODES = {
    problem.code
    for problems in (Problems, DocumentProblems)
    for problem in vars(problems).values()
    if isinstance(problem, Problem)
}
EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture(scope="module")
def generators(hostile, django_db_blocker) -> dict[bool, Generator]:
    """Plausible inputs (False) and hostile ones (True), from the schema's introspection over HTTP."""
    with django_db_blocker.unblock():
        schema = logged_in("Admin", PASSWORD).post(INTROSPECTION)["data"]["__schema"]
        ids = {**hostile.ids(), "user": [str(hostile.admin.id), str(hostile.reviewer.id)]}
        tokens = hostile.tokens()
    return {flag: Generator(schema, ids, tokens, hostile=flag) for flag in (False, True)}


@pytest.fixture
def sessions(hostile, db) -> list:
    """Who sends: the administrator most often, a reviewer with every right, someone who may only search events."""
    make_user("Outsider", rights=["215001"])
    admin = logged_in("Admin", PASSWORD)
    reviewer = logged_in("Reviewer", PASSWORD)
    return [admin, admin, admin, admin, reviewer, reviewer, logged_in("Outsider", PASSWORD)]


@pytest.mark.django_db
def test_introspection_finds_every_mutation_of_the_module(generators):
    introspected = sorted(name for name in generators[True].mutations if "Meeting" in name)
    declared = sorted(to_camel_case(name) for name in MeetingMutation._meta.fields)

    assert MUTATIONS == introspected == declared
    assert len(MUTATIONS) >= 33


def test_a_mutation_whose_input_no_strategy_knows_cannot_be_covered():
    def named(kind, name):
        return {"kind": kind, "name": name, "ofType": None}

    required_input = {"kind": "NON_NULL", "name": None, "ofType": named("INPUT_OBJECT", "PayMeetingFeeInput")}
    schema = {
        "mutationType": {"fields": [{"name": "payMeetingFee", "args": [{"name": "input", "type": required_input}]}]},
        "types": [
            {
                "kind": "INPUT_OBJECT",
                "name": "PayMeetingFeeInput",
                "enumValues": None,
                "inputFields": [
                    {"name": "id", "type": named("SCALAR", "String")},
                    {"name": "amount", "type": named("SCALAR", "Decimal")},
                ],
            },
        ],
    }

    with pytest.raises(Unsupported, match=r"^payMeetingFee\.amount: no strategy for the scalar Decimal$"):
        Generator(schema, {"event": []}, [], hostile=True).payload("payMeetingFee")


@pytest.mark.django_db
@pytest.mark.parametrize("mutation", MUTATIONS)
@EXAMPLES
@given(data=st.data())
def test_any_input_to_a_mutation_fails_cleanly_or_keeps_the_invariants(generators, sessions, mutation, data):
    # Unsupported is raised here when an input of the mutation cannot be generated.
    strategies = {flag: generator.payload(mutation) for flag, generator in generators.items()}
    with transaction.atomic():
        for _step in range(data.draw(st.integers(1, 3), label="steps")):
            step(generators[True], data, sessions, mutation, strategies)
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(EXAMPLES, max_examples=30)
@given(data=st.data())
def test_any_sequence_of_mutations_keeps_the_invariants(generators, sessions, data):
    strategies = {name: {flag: gen.payload(name) for flag, gen in generators.items()} for name in MUTATIONS}
    with transaction.atomic():
        for _step in range(data.draw(st.integers(2, 8), label="steps")):
            mutation = data.draw(st.sampled_from(MUTATIONS), label="mutation")
            step(generators[True], data, sessions, mutation, strategies[mutation])
        transaction.set_rollback(True)


def step(generator, data, sessions, mutation: str, strategies: dict) -> None:
    session = data.draw(st.sampled_from(sessions), label="sender")
    payload = data.draw(strategies[data.draw(st.booleans(), label="hostile")], label=mutation)
    as_variables = data.draw(st.booleans(), label="as variables")
    before, seats_before = snapshot(), seats_held()

    response = send(session, mutation, generator.input_type(mutation), payload, as_variables)

    if "errors" in response:
        # A GraphQL error is graphql-core's refusal of a malformed request (HTTP 400: an unknown enum value, a number
        # beyond 32 bits, ...) or the module's of a clientMutationId or label that core's log cannot hold.
        messages = [error["message"] for error in response["errors"]]
        assert session.last_status == 400 or all(refused_for_the_log(m, payload) for m in messages), response
        assert snapshot() == before, messages
    else:
        assert session.last_status == 200, response
        client_id = payload.get("clientMutationId")
        log = session.mutation_log(client_id, internal_id=response["data"][mutation]["internalId"])
        assert log["status"] in (1, 2), log
        if log["status"] == 1:
            assert_clear(json.loads(log["error"]))
            assert snapshot() == before, log["errors"]
    assert_invariants(seats_before)


def send(session, mutation: str, input_type: str, payload: dict, as_variables: bool) -> dict:
    """The mutation as the frontend writes it (an input literal; null fields left out), or with the input as a
    variable; the response must be JSON and never a server error."""
    if as_variables:
        query = f"mutation ($input: {input_type}!) {{ {mutation}(input: $input) {{ clientMutationId internalId }} }}"
        variables = {"input": plain(payload)}
    else:
        fields = " ".join(f"{key}: {literal(value)}" for key, value in _without_nulls(payload).items())
        query, variables = f"mutation {{ {mutation}(input: {{ {fields} }}) {{ clientMutationId internalId }} }}", None
    body = {"query": query} if variables is None else {"query": query, "variables": variables}
    headers = {"HTTP_X_CSRFTOKEN": session.csrf_token}
    http = session.http.post(GRAPHQL, data=json.dumps(body), content_type="application/json", **headers)
    session.last_status = http.status_code
    assert http.status_code in (200, 400), (http.status_code, http.content[:500])
    assert http["Content-Type"] == "application/json"
    return http.json()


def refused_for_the_log(message: str, payload: dict) -> bool:
    blanks = f"{payload.get('clientMutationId')} is not a valid id."  # an id with blanks around it
    return message.startswith(("clientMutationId ", "clientMutationLabel ")) or message == blanks


def _without_nulls(value):
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def assert_clear(errors) -> None:
    """Errors as the frontend reads them: a list of {code, message, field}, each code a known, specific problem."""
    assert isinstance(errors, list) and errors, errors
    for error in errors:
        assert set(error) == {"code", "message", "field"}, error
        assert error["code"] in KNOWN_CODES - {Problems.UNEXPECTED.code}, error
        assert error["message"] and "%(" not in error["message"], error
        assert error["field"] is None or isinstance(error["field"], str), error


# -- invariants ----------------------------------------------------------------------------------------------------


def seats_held() -> dict:
    """Per live event: people holding a seat (confirmed, or confirmed and then not come)."""
    held = (ParticipantStatus.CONFIRMED, ParticipantStatus.NO_SHOW)
    rows = Participant.objects.live().filter(status__in=held).values_list("event_id", flat=True)
    return Counter(rows)


def assert_invariants(seats_before: dict) -> None:
    seats = seats_held()
    for event in Event.objects.live().exclude(capacity=None):
        # Lowering a capacity leaves those already seated; no request may seat anyone beyond it.
        assert seats[event.id] <= max(event.capacity, seats_before.get(event.id, 0)), (event.code, seats)
    waiting = Participant.objects.live().filter(status=ParticipantStatus.WAITLISTED)
    positions: dict = {}
    for event_id, position in waiting.values_list("event_id", "waitlist_position"):
        positions.setdefault(event_id, []).append(position)
    for event_id, found in positions.items():
        assert sorted(found) == list(range(1, len(found) + 1)), (event_id, found)
    placed = Participant.objects.live().exclude(status=ParticipantStatus.WAITLISTED).exclude(waitlist_position=None)
    assert not placed.exists(), list(placed.values("status", "waitlist_position"))
    reviews = Review.objects.values("showcase", "reviewer", "round").annotate(n=Count("id")).filter(n__gt=1)
    assert not reviews.exists(), list(reviews)
    active = Participant.objects.live().filter(Q(status__in=ACTIVE_PARTICIPANT_STATUSES))
    duplicates = active.values("event", email_key=Lower("email")).annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicates.exists(), list(duplicates)
