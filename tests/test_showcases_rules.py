"""Showcase rules through GraphQL over HTTP: what submitting needs, rights, who may submit or withdraw, list filters,
review rounds, cancelled events and versions (split from test_showcases_graphql.py)."""

import pytest

from openimis_be_meeting.models import Showcase

from factories import PASSWORD, make_user
from frontend import Enum, logged_in
from showcase_setup import advance, make_showcase
from test_showcases_graphql import (  # noqa: F401 (pytest fixtures)
    _review_literal,
    errors,
    literal_input,
    session,
    showcases,
    world,
)


@pytest.mark.django_db
def test_submit_needs_presenters_and_integrations(session, admin, world):
    showcase = make_showcase(admin, world, integrations=[], presenter_ids=[])
    log = session.mutate("submitMeetingShowcase", {"id": str(showcase.id)})
    assert errors(log) == [("meeting.showcase.incomplete", "integrations")]
    showcase.refresh_from_db()
    assert showcase.status == "DRAFT"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutation", "right"),
    [
        ("createMeetingShowcase", "217002"),
        ("updateMeetingShowcase", "217003"),
        ("deleteMeetingShowcase", "217004"),
        ("submitMeetingShowcase", "217003"),
        ("withdrawMeetingShowcase", "217003"),
        ("reviewMeetingShowcase", "217005"),
        ("decideMeetingShowcase", "217006"),
        ("scheduleMeetingShowcase", "217006"),
        ("markMeetingShowcasePresented", "217006"),
    ],
)
def test_each_showcase_mutation_needs_its_right(admin, world, mutation, right):
    showcase = make_showcase(admin, world)
    others = [code for code in ("217001", "217002", "217003", "217004", "217005", "217006") if code != right]
    make_user("Helper", rights=others)
    inputs = {
        "createMeetingShowcase": literal_input(world),
        "deleteMeetingShowcase": {"ids": [str(showcase.id)]},
        "decideMeetingShowcase": {"id": str(showcase.id), "decision": Enum("ACCEPTED")},
        "reviewMeetingShowcase": {"id": str(showcase.id), **_review_literal(3), "recommendation": Enum("ACCEPT")},
    }

    log = logged_in("Helper", PASSWORD).mutate(mutation, inputs.get(mutation, {"id": str(showcase.id)}))

    assert errors(log) == [("meeting.auth.permission_denied", None)]
    showcase.refresh_from_db()
    assert (Showcase.objects.count(), showcase.status, showcase.version, showcase.is_deleted) == (1, "DRAFT", 1, False)


@pytest.mark.django_db
def test_only_the_submitter_or_an_organiser_submits_or_withdraws(admin, world):
    showcase = make_showcase(admin, world)
    make_user("Colleague", rights=["217001", "217002", "217003"])
    colleague = logged_in("Colleague", PASSWORD)
    for mutation in ("submitMeetingShowcase", "withdrawMeetingShowcase", "updateMeetingShowcase"):
        log = colleague.mutate(mutation, {"id": str(showcase.id)})
        assert errors(log) == [("meeting.showcase.not_yours", "id")], mutation
    showcase.refresh_from_db()
    assert showcase.status == "DRAFT"


@pytest.mark.django_db
def test_showcase_list_filters(session, admin, world):
    reviewer = make_user("Reviewer", rights=["217005"])
    pbf = make_showcase(admin, world, title="PBF", use_cases=["CLAIMS"], countries=["CM"])
    registry = make_showcase(
        admin,
        world,
        title="Registry",
        use_cases=["ENROLMENT"],
        countries=["CM", "KE"],
        lead_organisation_id=world.organisations["MINSANTE"],
        partner_organisation_ids=[],
        integrations=[
            {
                "source_system_id": world.systems["registry"],
                "target_system_id": world.systems["openimis"],
                "direction": "PUSH",
                "standard_id": world.standards["dci"],
                "mode": "BATCH",
                "evidence_level": "CLAIMED",
            }
        ],
    )
    advance(admin, reviewer, registry, "ACCEPTED")

    def titles(arguments):
        return sorted(node["title"] for node in showcases(session, arguments))

    assert titles(f'systemId: "{world.systems["registry"]}"') == ["Registry"]
    assert titles(f'systemId: "{world.systems["openimis"]}"') == ["PBF", "Registry"]
    assert titles(f'standardId: "{world.standards["fhir"]}"') == ["PBF"]
    assert titles('useCase: "ENROLMENT"') == ["Registry"]
    assert titles('country: "KE"') == ["Registry"]
    assert titles(f'organisationId: "{world.organisations["MINSANTE"]}"') == ["PBF", "Registry"]  # partner, lead
    assert titles(f'organisationId: "{world.organisations["GIZ"]}"') == ["PBF"]
    assert titles("status: ACCEPTED") == ["Registry"]
    assert titles('orderBy: ["-title"]') == ["PBF", "Registry"]
    assert pbf.status == "DRAFT"


@pytest.mark.django_db
def test_showcases_need_the_search_right(admin, world):
    make_showcase(admin, world)
    make_user("Registrar", rights=["216001", "215001"])
    result = logged_in("Registrar", PASSWORD).post("{ meetingShowcases { totalCount } }")
    assert result["data"]["meetingShowcases"] is None
    assert result["errors"][0]["message"] == "You do not have the right to do this."


@pytest.mark.django_db
def test_a_revised_showcase_is_reviewed_afresh_in_a_new_round(session, admin, world):
    make_user("Reviewer", rights=["217005"])
    reviewer = logged_in("Reviewer", PASSWORD)
    showcase = make_showcase(admin, world)
    sid = str(showcase.id)
    assert session.mutate("submitMeetingShowcase", {"id": sid})["status"] == 2
    low = {"id": sid, **_review_literal(2), "recommendation": Enum("REVISE")}
    assert reviewer.mutate("reviewMeetingShowcase", low)["status"] == 2
    revise = {"id": sid, "decision": Enum("REVISION_REQUESTED"), "note": "Add the payment flow."}
    assert session.mutate("decideMeetingShowcase", revise)["status"] == 2
    assert session.mutate("submitMeetingShowcase", {"id": sid})["status"] == 2

    # The same reviewer scores the revised version; the first round's scores no longer count.
    high = {"id": sid, **_review_literal(5), "recommendation": Enum("ACCEPT")}
    assert reviewer.mutate("reviewMeetingShowcase", high)["status"] == 2
    assert errors(reviewer.mutate("reviewMeetingShowcase", high)) == [("meeting.showcase.already_reviewed", "id")]

    result = session.post(
        f'{{ meetingShowcases(eventId: "{world.event.id}") {{ edges {{ node {{ status reviewRound reviewCount '
        f"meanScores {{ overall }} reviews {{ round recommendation }} }} }} }} }}"
    )
    node = result["data"]["meetingShowcases"]["edges"][0]["node"]
    assert (node["status"], node["reviewRound"], node["reviewCount"]) == ("UNDER_REVIEW", 2, 1)
    assert node["meanScores"] == {"overall": 5.0}
    assert sorted((r["round"], r["recommendation"]) for r in node["reviews"]) == [(1, "REVISE"), (2, "ACCEPT")]


@pytest.mark.django_db
def test_a_cancelled_event_takes_no_more_submissions_reviews_or_decisions(session, admin, world):
    from openimis_be_meeting.services import EventService

    make_user("Reviewer", rights=["217005"])
    reviewer_user = make_user("Reviewer2", rights=["217005"])
    draft = make_showcase(admin, world, title="Draft")
    reviewed = advance(admin, reviewer_user, make_showcase(admin, world, title="Reviewed"), "UNDER_REVIEW")
    assert EventService(admin).change_status({"id": str(world.event.id), "status": "CANCELLED"})["success"]

    for actor, mutation, fields in (
        (session, "submitMeetingShowcase", {"id": str(draft.id)}),
        (session, "updateMeetingShowcase", {"id": str(draft.id), "title": "Late change"}),
        (session, "decideMeetingShowcase", {"id": str(reviewed.id), "decision": Enum("ACCEPTED")}),
        (
            logged_in("Reviewer", PASSWORD),
            "reviewMeetingShowcase",
            {"id": str(reviewed.id), **_review_literal(3), "recommendation": Enum("ACCEPT")},
        ),
    ):
        log = actor.mutate(mutation, fields)
        assert [(e["code"], e["message"]) for e in log["errors"]] == [
            ("meeting.showcase.event_finished", "The event is Cancelled; it takes no more showcases.")
        ], mutation
    assert session.mutate("withdrawMeetingShowcase", {"id": str(draft.id)})["status"] == 2


@pytest.mark.django_db
def test_changing_only_presenters_or_integrations_raises_the_version(session, admin, world):
    showcase = make_showcase(admin, world)

    log = session.mutate("updateMeetingShowcase", {"id": str(showcase.id), "presenterIds": [world.presenters[2]]})

    assert log["status"] == 2, log
    showcase.refresh_from_db()
    assert showcase.version == 2
    assert Showcase.history.filter(id=showcase.id).count() == 2
