"""Query limits (gql/base/limits.py, installed in the host's GraphQL view as an instance installs them): requests
nested too deep, selecting too many fields or aliases, or asking connections for pages out of range are refused
before they run, with a clear error and HTTP 400; what GraphiQL and the frontend send passes."""

import time

import pytest
from core.models import MutationLog
from graphene_django.views import GraphQLView
from graphql.backend import GraphQLCoreBackend, get_default_backend, set_default_backend
from graphql.utils.introspection_query import introspection_query

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.gql.base import limits as gql_limits
from openimis_be_meeting.models import Event

from factories import PASSWORD
from frontend import FrontendSession, logged_in


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


def refusal(session: FrontendSession, query: str, variables: dict | None = None) -> dict:
    """The single error of a request refused before it ran (HTTP 400, no data)."""
    result = session.post(query, variables=variables)
    assert session.last_status == 400, result
    assert "data" not in result, result
    assert len(result["errors"]) == 1, result
    return result["errors"][0]


def parents(levels: int) -> str:
    """A list of locations whose fields nest exactly `levels` deep (locations, edges, node, parent..., code)."""
    inner = "code"
    for _ in range(levels - 4):
        inner = f"parent {{ {inner} }}"
    return f"{{ locations(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


def type_ref(unwraps: int) -> str:
    inner = "kind name"
    for _ in range(unwraps):
        inner = f"kind name ofType {{ {inner} }}"
    return inner


# -- what must pass ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_graphiql_introspection_query_passes(session):
    # graphql-core's introspection query is the one GraphiQL 1.4 (graphene-django's) sends: 13 levels deep.
    result = session.post(introspection_query)

    assert session.last_status == 200
    assert "errors" not in result
    names = {kind["name"] for kind in result["data"]["__schema"]["types"]}
    assert {"MeetingEventGQLType", "CreateMeetingEventMutationInput", "__Type"} <= names


@pytest.mark.django_db
def test_introspection_of_newer_clients_unwrapping_nine_types_passes(session):
    # graphql-js 16 clients unwrap up to 9 ofType: 15 levels, the default limit.
    query = f"{{ __schema {{ types {{ name fields {{ name args {{ name type {{ {type_ref(9)} }} }} }} }} }} }}"

    result = session.post(query)

    assert session.last_status == 200
    assert "errors" not in result
    assert result["data"]["__schema"]["types"]


@pytest.mark.django_db
def test_query_exactly_at_the_depth_limit_runs(session):
    result = session.post(parents(15))

    assert session.last_status == 200
    assert result == {"data": {"locations": {"edges": []}}}


@pytest.mark.django_db
def test_page_sizes_within_the_limit_run(session):
    result = session.post(
        "{ a: meetingEvents(first: 100) { totalCount } b: meetingEvents(first: 0, offset: 5) "
        "{ totalCount edges { node { id } } } c: mutationLogs(last: 100) { totalCount } }"
    )

    assert session.last_status == 200
    assert "errors" not in result
    assert result["data"]["b"] == {"totalCount": 0, "edges": []}


# -- depth, fields, aliases ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_query_one_level_deeper_than_the_limit_is_refused(session):
    error = refusal(session, parents(16))

    assert error["message"] == "The query nests fields more than 15 levels deep."
    assert error["extensions"] == {"code": "meeting.query.too_deep"}
    assert error["locations"] == [{"line": 1, "column": parents(16).index("code") + 1}]


@pytest.mark.django_db
def test_depth_counts_through_fragments(session):
    query = (
        "{ locations(first: 1) { edges { node { ...Up } } } } "
        "fragment Up on LocationGQLType { parent { parent { parent { parent { ...Higher } } } } } "
        "fragment Higher on LocationGQLType { parent { parent { parent { parent { ... on LocationGQLType "
        "{ parent { parent { parent { parent { code } } } } } } } } } }"
    )

    assert refusal(session, query)["extensions"] == {"code": "meeting.query.too_deep"}


@pytest.mark.django_db
def test_braces_nested_beyond_the_parser_are_refused_as_too_deep(session):
    error = refusal(session, "{ a" * 3_000 + " }" * 3_000)

    assert error == {
        "message": "The query nests fields more than 15 levels deep.",
        "extensions": {"code": "meeting.query.too_deep"},
    }


@pytest.mark.django_db
def test_introspection_nesting_lists_of_types_three_deep_is_refused(session):
    two = '{ __type(name: "MeetingShowcaseGQLType") { fields { type { fields { name } } } } }'
    three = (
        '{ __type(name: "MeetingShowcaseGQLType") { fields { type { ofType { fields { type { ofType { '
        "interfaces { name } } } } } } } } }"
    )

    assert session.post(two)["data"]["__type"]["fields"]
    error = refusal(session, three)
    assert error["message"] == (
        "Introspection may nest fields, inputFields, interfaces and possibleTypes at most 2 levels deep."
    )
    assert error["extensions"] == {"code": "meeting.query.introspection_too_deep"}


@pytest.mark.django_db
def test_thirty_aliases_run_and_thirty_one_are_refused(session):
    def aliased(count):
        return "{ " + " ".join(f"a{number}: __typename" for number in range(count)) + " }"

    assert session.post(aliased(30))["data"]["a29"] == "Query"
    error = refusal(session, aliased(31))
    assert error["message"] == "The query uses more than 30 aliases."
    assert error["extensions"] == {"code": "meeting.query.too_many_aliases"}


@pytest.mark.django_db
def test_too_many_fields_are_refused_before_the_standard_validation(session):
    started = time.monotonic()
    # The standard rule comparing same-named fields takes time that grows with the square of their number.
    error = refusal(session, "{ " + " __typename" * 20_000 + " }")

    assert error["message"] == "The query selects more than 1000 fields (each use of a fragment counts again)."
    assert error["extensions"] == {"code": "meeting.query.too_many_fields"}
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_fragments_expanding_to_billions_of_fields_are_refused_at_once(session):
    levels = [f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(30)]
    query = "{ ...F0 } " + " ".join(levels) + " fragment F30 on Query { __typename }"
    started = time.monotonic()

    error = refusal(session, query)

    assert error["extensions"] == {"code": "meeting.query.too_many_fields"}
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_fragment_cycle_is_reported_by_the_standard_rules_without_looping(session):
    error = refusal(session, "{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }")

    assert error["message"] == 'Cannot spread fragment "A" within itself via B.'


@pytest.mark.django_db
def test_refused_mutation_is_not_run_and_writes_no_log(session):
    create = (
        'createMeetingEvent(input: {{ clientMutationId: "{cid}" code: "X{n}" name: "X" eventType: WORKSHOP '
        'startsAt: "2030-01-01T09:00:00" endsAt: "2030-01-01T17:00:00" timezone: "UTC" }}) {{ internalId }}'
    )
    aliases = " ".join(f"m{n}: " + create.format(cid=f"cid-{n}", n=n) for n in range(31))

    error = refusal(session, f"mutation {{ {aliases} }}")

    assert error["extensions"] == {"code": "meeting.query.too_many_aliases"}
    assert MutationLog.objects.filter(client_mutation_id__startswith="cid-").count() == 0
    assert Event.objects.count() == 0


# -- pages ---------------------------------------------------------------------------------------------------------


PAGE_REFUSALS = [
    ("meetingEvents(first: 100000)", "first of meetingEvents must be a whole number from 0 to 100; 100000 was given."),
    ("meetingEvents(first: 101)", "first of meetingEvents must be a whole number from 0 to 100; 101 was given."),
    ("meetingEvents(first: -1)", "first of meetingEvents must be a whole number from 0 to 100; -1 was given."),
    (
        "meetingParticipants(last: -1)",
        "last of meetingParticipants must be a whole number from 0 to 100; -1 was given.",
    ),
    ("mutationLogs(last: 5000)", "last of mutationLogs must be a whole number from 0 to 100; 5000 was given."),
    ("meetingShowcases(offset: -5)", "offset of meetingShowcases must be 0 or more; -5 was given."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "message"), PAGE_REFUSALS)
def test_page_out_of_range_written_in_the_query_is_refused(session, field, message):
    error = refusal(session, f"{{ {field} {{ totalCount }} }}")

    assert error["message"] == message
    assert error["extensions"]["code"] in ("meeting.query.page_out_of_range", "meeting.query.negative_offset")


VARIABLE_REFUSALS = [
    ("first", 101, "first of meetingEvents must be a whole number from 0 to 100; 101 was given."),
    ("first", -3, "first of meetingEvents must be a whole number from 0 to 100; -3 was given."),
    ("last", -1, "last of meetingEvents must be a whole number from 0 to 100; -1 was given."),
    # graphql-core reads "-7" and 7.0 as whole numbers for an Int variable: so must the limit.
    ("last", "-7", "last of meetingEvents must be a whole number from 0 to 100; -7 was given."),
    ("first", 500.0, "first of meetingEvents must be a whole number from 0 to 100; 500.0 was given."),
    ("offset", -5, "offset of meetingEvents must be 0 or more; -5 was given."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("argument", "value", "message"), VARIABLE_REFUSALS)
def test_page_out_of_range_passed_as_a_variable_is_refused(session, argument, value, message):
    query = f"query ($n: Int) {{ meetingEvents({argument}: $n) {{ totalCount }} }}"

    assert refusal(session, query, {"n": value})["message"] == message


@pytest.mark.django_db
def test_page_out_of_range_as_a_variable_default_is_refused(session):
    error = refusal(session, "query ($n: Int = -1) { meetingEvents(first: $n) { totalCount } }", {})

    assert error["message"] == "first of meetingEvents must be a whole number from 0 to 100; -1 was given."


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["bad operation first", "bad operation last"])
def test_a_variable_default_in_a_fragment_is_checked_whichever_operation_declares_it(session, order):
    """The fragment runs with the default of whichever operation is run: every declared default is checked."""
    bad = "query B($n: Int = -2) { ...Events }"
    good = "query A($n: Int = 0) { meetingOrganisations(offset: $n) { totalCount } }"
    operations = [bad, good] if order == "bad operation first" else [good, bad]
    document = " ".join(operations) + " fragment Events on Query { meetingEvents(offset: $n) { totalCount } }"

    result = session.post(document, {})  # the frontend names no operation here; B or A, the document is refused

    assert session.last_status == 400, result
    assert [error["message"] for error in result["errors"]] == [
        "offset of meetingEvents must be 0 or more; -2 was given."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["many", 10**12, True])
def test_page_size_variable_that_is_no_32_bit_whole_number_is_refused(session, value):
    query = "query ($n: Int) { meetingEvents(first: $n) { totalCount } }"

    error = refusal(session, query, {"n": value})

    assert error["message"] == f"first of meetingEvents must be a whole number from 0 to 100; {value} was given."


# -- configuration and installation --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_limits_follow_the_module_configuration(session, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "gql_max_depth", 5)
    monkeypatch.setitem(MeetingConfig.config, "gql_max_aliases", None)

    assert refusal(session, parents(6))["message"] == "The query nests fields more than 5 levels deep."
    many = "{ " + " ".join(f"a{number}: __typename" for number in range(40)) + " }"
    assert session.post(many)["data"]["a39"] == "Query"


@pytest.mark.django_db
def test_install_makes_the_limits_every_plain_views_default():
    previous = get_default_backend()
    try:
        gql_limits.install()
        assert isinstance(GraphQLView().backend, gql_limits.QueryLimitsBackend)
    finally:
        set_default_backend(previous if previous is not None else GraphQLCoreBackend())
