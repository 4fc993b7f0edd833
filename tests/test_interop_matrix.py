"""The interoperability matrix (meetingInteroperabilityMatrix) through GraphQL over HTTP."""

import pytest

from openimis_be_meeting.services import ShowcaseService

from factories import PASSWORD, future, make_user, open_event, register
from frontend import logged_in
from showcase_setup import World, advance, build_world, integration, make_showcase, ok

PROGRESS = "progress { event { code } bestEvidenceLevel showcaseCount }"
MATRIX_FIELDS = (
    "pairs { systemA { name } systemB { name } standards { code } directions bestEvidenceLevel showcaseCount "
    f"showcaseIds {PROGRESS} }} "
    "bySystemStandard { system { name } standard { code } bestEvidenceLevel showcaseCount "
    f"showcaseIds {PROGRESS} }}"
)
OPENIMIS, PBF, DHIS2, REGISTRY = "openIMIS Cameroon", "PBF portal", "DHIS2 Cameroon", "MINAS social registry"


def query(session, arguments=""):
    return session.post(
        f"{{ meetingInteroperabilityMatrix{f'({arguments})' if arguments else ''} {{ {MATRIX_FIELDS} }} }}"
    )


def matrix(session, arguments=""):
    result = query(session, arguments)
    assert "errors" not in result, result
    return result["data"]["meetingInteroperabilityMatrix"]


def pair_names(result) -> list:
    return [(pair["systemA"]["name"], pair["systemB"]["name"]) for pair in result["pairs"]]


def second_event(admin, world: World, *, code="KGL-SHOW") -> World:
    """A later event (day 60) showing the first world's systems and standards, with its own presenters."""
    event = open_event(admin, code=code, starts_at=future(60, 8), ends_at=future(62, 18))
    presenters = [register(admin, event, 200 + n, last_name=f"Later{n}")["data"]["id"] for n in range(3)]
    return World(event, presenters, world.organisations, world.systems, world.standards)


def showcase(admin, reviewer, world, status, *, presenter=0, day=30, links=(), **overrides):
    """A showcase of `world`'s event taken to `status`; `links` are (source, target, standard, level[, direction])."""
    integrations = [
        integration(world, source, target, standard, level, direction=rest[0] if rest else "PUSH")
        for source, target, standard, level, *rest in links
    ]
    made = make_showcase(
        admin, world, presenter_ids=[world.presenters[presenter]], integrations=integrations, **overrides
    )
    if status == "DRAFT":
        return made
    if status in ("REJECTED", "WITHDRAWN"):
        advance(admin, reviewer, made, "UNDER_REVIEW")
        service = ShowcaseService(admin)
        if status == "REJECTED":
            ok(service.decide({"id": str(made.id), "decision": "REJECTED", "note": "Out of scope."}))
        else:
            ok(service.withdraw({"id": str(made.id)}))
        made.refresh_from_db()
        assert made.status == status
        return made
    return advance(admin, reviewer, made, status, slot=(future(day, 10), future(day, 11)))


def ids(*showcases) -> list:
    return sorted(str(item.id) for item in showcases)


@pytest.fixture
def world(admin):
    return build_world(admin)


@pytest.fixture
def reviewer(db):
    return make_user("Reviewer", rights=["217005"])


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.mark.django_db
def test_pairs_are_unordered_and_keep_the_best_level_by_rank(session, admin, reviewer, world):
    claimed = showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "CLAIMED")])
    tested = showcase(
        admin, reviewer, world, "SCHEDULED", presenter=1, links=[("pbf", "openimis", "adx", "CONFORMANCE_TESTED")]
    )
    shown = showcase(
        admin,
        reviewer,
        world,
        "PRESENTED",
        presenter=2,
        links=[("openimis", "pbf", "fhir", "DEMONSTRATED"), ("openimis", "registry", "dci", "CLAIMED")],
    )
    both_ways = showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "dhis2", "adx", "CLAIMED", "BOTH")])
    event = {"event": {"code": "YDE-SHOW"}}

    result = matrix(session)

    assert result["pairs"] == [
        {
            "systemA": {"name": DHIS2},
            "systemB": {"name": OPENIMIS},
            "standards": [{"code": "DHIS2-ADX"}],
            "directions": ["BOTH"],
            "bestEvidenceLevel": "CLAIMED",
            "showcaseCount": 1,
            "showcaseIds": ids(both_ways),
            "progress": [{**event, "bestEvidenceLevel": "CLAIMED", "showcaseCount": 1}],
        },
        {
            "systemA": {"name": REGISTRY},
            "systemB": {"name": OPENIMIS},
            "standards": [{"code": "SP-DCI"}],
            "directions": ["B_TO_A"],  # openIMIS pushes to the registry, the pair's first system by name
            "bestEvidenceLevel": "CLAIMED",
            "showcaseCount": 1,
            "showcaseIds": ids(shown),
            "progress": [{**event, "bestEvidenceLevel": "CLAIMED", "showcaseCount": 1}],
        },
        {
            # openIMIS -> PBF and PBF -> openIMIS are one pair, shown both ways.
            "systemA": {"name": OPENIMIS},
            "systemB": {"name": PBF},
            "standards": [{"code": "DHIS2-ADX"}, {"code": "FHIR-R4"}],
            "directions": ["BOTH"],
            # By rank, not alphabetically (DEMONSTRATED sorts after CONFORMANCE_TESTED).
            "bestEvidenceLevel": "CONFORMANCE_TESTED",
            "showcaseCount": 3,
            "showcaseIds": ids(claimed, tested, shown),
            "progress": [{**event, "bestEvidenceLevel": "CONFORMANCE_TESTED", "showcaseCount": 3}],
        },
    ]
    rows = [
        (row["system"]["name"], row["standard"]["code"], row["bestEvidenceLevel"], row["showcaseIds"])
        for row in result["bySystemStandard"]
    ]
    assert rows == [
        (DHIS2, "DHIS2-ADX", "CLAIMED", ids(both_ways)),
        (REGISTRY, "SP-DCI", "CLAIMED", ids(shown)),
        (OPENIMIS, "DHIS2-ADX", "CONFORMANCE_TESTED", ids(tested, both_ways)),
        (OPENIMIS, "FHIR-R4", "DEMONSTRATED", ids(claimed, shown)),
        (OPENIMIS, "SP-DCI", "CLAIMED", ids(shown)),
        (PBF, "DHIS2-ADX", "CONFORMANCE_TESTED", ids(tested)),
        (PBF, "FHIR-R4", "DEMONSTRATED", ids(claimed, shown)),
    ]
    assert [row["showcaseCount"] for row in result["bySystemStandard"]] == [1, 1, 2, 2, 1, 1, 2]


@pytest.mark.django_db
def test_only_programme_showcases_count_unless_statuses_are_given(session, admin, reviewer, world):
    showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "DEMONSTRATED")])
    showcase(admin, reviewer, world, "SCHEDULED", presenter=1, links=[("dhis2", "openimis", "adx", "CLAIMED")])
    showcase(admin, reviewer, world, "PRESENTED", presenter=2, links=[("registry", "openimis", "dci", "CLAIMED")])
    showcase(admin, reviewer, world, "DRAFT", links=[("pbf", "dhis2", "adx", "IN_PRODUCTION")])
    showcase(admin, reviewer, world, "REJECTED", links=[("registry", "pbf", "dci", "IN_PRODUCTION")])
    showcase(admin, reviewer, world, "WITHDRAWN", links=[("dhis2", "registry", "fhir", "IN_PRODUCTION")])

    assert pair_names(matrix(session)) == [(DHIS2, OPENIMIS), (REGISTRY, OPENIMIS), (OPENIMIS, PBF)]
    assert pair_names(matrix(session, "statuses: [DRAFT]")) == [(DHIS2, PBF)]
    assert pair_names(matrix(session, "statuses: [DRAFT, REJECTED, WITHDRAWN]")) == [
        (DHIS2, REGISTRY),
        (DHIS2, PBF),
        (REGISTRY, PBF),
    ]
    assert pair_names(matrix(session, "statuses: [ACCEPTED, REJECTED]")) == [(REGISTRY, PBF), (OPENIMIS, PBF)]
    assert matrix(session, "statuses: [SUBMITTED]") == {"pairs": [], "bySystemStandard": []}


@pytest.mark.django_db
def test_progress_lists_the_best_level_per_event_in_date_order(session, admin, reviewer, world):
    later = second_event(admin, world)
    # The later event's showcases are created first: the order comes from the event dates.
    production = showcase(admin, reviewer, later, "ACCEPTED", links=[("pbf", "openimis", "fhir", "IN_PRODUCTION")])
    claim = showcase(admin, reviewer, later, "ACCEPTED", presenter=1, links=[("openimis", "pbf", "fhir", "CLAIMED")])
    demo = showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "DEMONSTRATED")])
    progress = [
        {"event": {"code": "YDE-SHOW"}, "bestEvidenceLevel": "DEMONSTRATED", "showcaseCount": 1},
        {"event": {"code": "KGL-SHOW"}, "bestEvidenceLevel": "IN_PRODUCTION", "showcaseCount": 2},
    ]

    result = matrix(session)

    [pair] = result["pairs"]
    assert (pair["bestEvidenceLevel"], pair["showcaseCount"], pair["directions"]) == ("IN_PRODUCTION", 3, ["BOTH"])
    assert pair["showcaseIds"] == ids(demo) + ids(production, claim)
    assert pair["progress"] == progress
    assert [(row["system"]["name"], row["progress"]) for row in result["bySystemStandard"]] == [
        (OPENIMIS, progress),
        (PBF, progress),
    ]

    [first] = matrix(session, f'eventId: "{world.event.id}"')["pairs"]
    assert (first["bestEvidenceLevel"], first["showcaseIds"], first["progress"]) == (
        "DEMONSTRATED",
        ids(demo),
        progress[:1],
    )
    [second] = matrix(session, f'eventId: "{later.event.id}"')["pairs"]
    assert (second["bestEvidenceLevel"], second["showcaseCount"], second["progress"]) == (
        "IN_PRODUCTION",
        2,
        progress[1:],
    )


@pytest.mark.django_db
def test_filters_by_country_standard_and_use_case(session, admin, reviewer, world):
    links = {
        "cm": [("openimis", "pbf", "fhir", "DEMONSTRATED")],
        "ke": [("registry", "openimis", "dci", "CLAIMED")],
        "both": [("dhis2", "openimis", "adx", "CLAIMED")],
    }
    showcase(admin, reviewer, world, "ACCEPTED", links=links["cm"], countries=["CM"], use_cases=["CLAIMS"])
    showcase(admin, reviewer, world, "ACCEPTED", links=links["ke"], countries=["KE"], use_cases=["ENROLMENT"])
    showcase(admin, reviewer, world, "ACCEPTED", links=links["both"], countries=["CM", "KE"], use_cases=["REPORTING"])

    assert pair_names(matrix(session, 'country: "KE"')) == [(DHIS2, OPENIMIS), (REGISTRY, OPENIMIS)]
    assert pair_names(matrix(session, 'country: "cm"')) == [(DHIS2, OPENIMIS), (OPENIMIS, PBF)]
    assert pair_names(matrix(session, f'standardId: "{world.standards["fhir"]}"')) == [(OPENIMIS, PBF)]
    assert pair_names(matrix(session, "useCase: ENROLMENT")) == [(REGISTRY, OPENIMIS)]
    assert pair_names(matrix(session, 'country: "KE" useCase: REPORTING')) == [(DHIS2, OPENIMIS)]
    assert pair_names(matrix(session, 'country: "SN"')) == []
    result = query(session, 'country: "Kenya"')
    assert result["data"]["meetingInteroperabilityMatrix"] is None
    assert result["errors"][0]["message"] == "KENYA is not an ISO 3166-1 alpha-2 country code."


@pytest.mark.django_db
def test_a_deleted_showcase_drops_out(session, admin, reviewer, world):
    kept = showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "DEMONSTRATED")])
    gone = showcase(
        admin, reviewer, world, "ACCEPTED", presenter=1, links=[("pbf", "openimis", "adx", "IN_PRODUCTION")]
    )
    [pair] = matrix(session)["pairs"]
    assert (pair["bestEvidenceLevel"], pair["showcaseIds"], pair["directions"]) == (
        "IN_PRODUCTION",
        ids(kept, gone),
        ["BOTH"],
    )

    assert session.mutate("deleteMeetingShowcase", {"ids": [str(gone.id)]})["status"] == 2

    result = matrix(session)
    [pair] = result["pairs"]
    assert (pair["bestEvidenceLevel"], pair["showcaseIds"], pair["standards"]) == (
        "DEMONSTRATED",
        ids(kept),
        [{"code": "FHIR-R4"}],
    )
    assert pair["directions"] == ["A_TO_B"]
    assert [(row["system"]["name"], row["standard"]["code"]) for row in result["bySystemStandard"]] == [
        (OPENIMIS, "FHIR-R4"),
        (PBF, "FHIR-R4"),
    ]


@pytest.mark.django_db
def test_the_matrix_needs_the_search_right(admin, reviewer, world):
    showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "DEMONSTRATED")])
    make_user("Organiser", rights=["217002", "217003", "217004", "217005", "217006", "215001"])
    make_user("Visitor", rights=["217001"])

    result = query(logged_in("Organiser", PASSWORD))
    assert result["data"]["meetingInteroperabilityMatrix"] is None
    assert [error["message"] for error in result["errors"]] == ["You do not have the right to do this."]

    [pair] = matrix(logged_in("Visitor", PASSWORD))["pairs"]
    assert (pair["systemA"]["name"], pair["systemB"]["name"], pair["progress"][0]["event"]) == (
        OPENIMIS,
        PBF,
        {"code": "YDE-SHOW"},
    )


@pytest.mark.django_db
def test_an_unknown_event_is_refused(session, admin, reviewer, world):
    showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "DEMONSTRATED")])
    unknown = "0f0f0f0f-0000-4000-8000-000000000000"

    result = query(session, f'eventId: "{unknown}"')

    assert result["data"]["meetingInteroperabilityMatrix"] is None
    assert [error["message"] for error in result["errors"]] == [f"No event exists with the id {unknown}."]


@pytest.mark.django_db
def test_a_pull_still_carries_data_from_the_source_to_the_target(session, admin, reviewer, world):
    """PULL says the target starts the exchange (it fetches); the data still goes source -> target."""
    showcase(admin, reviewer, world, "ACCEPTED", links=[("openimis", "pbf", "fhir", "CLAIMED", "PULL")])
    showcase(admin, reviewer, world, "ACCEPTED", presenter=1, links=[("dhis2", "openimis", "adx", "CLAIMED", "PULL")])

    pairs = {(p["systemA"]["name"], p["systemB"]["name"]): p["directions"] for p in matrix(session)["pairs"]}

    assert pairs == {(OPENIMIS, PBF): ["A_TO_B"], (DHIS2, OPENIMIS): ["A_TO_B"]}
