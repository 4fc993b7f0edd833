"""Showcases through GraphQL over HTTP: proposal with integrations, the review workflow, the programme slot."""

import pytest

from openimis_be_meeting.models import Integration, Review, Showcase

from factories import PASSWORD, future, make_user
from frontend import Enum, logged_in
from showcase_setup import advance, build_world, make_showcase, presenter, slot_begun

SHOWCASE_FIELDS = (
    "uuid title status schemeName schemeType useCases countries demoType mediaLinks startsAt endsAt "
    "leadOrganisation { acronym } partnerOrganisations { acronym } presenters { lastName } "
    "integrations { sourceSystem { name } targetSystem { name } direction standard { code } mode evidenceLevel "
    "dataExchanged } reviewCount meanScores { relevance overall } reviews { reviewer recommendation } "
    "event { code }"
)


def showcases(session, arguments="first: 20"):
    result = session.post(
        f"{{ meetingShowcases({arguments}) {{ totalCount edges {{ node {{ {SHOWCASE_FIELDS} }} }} }} }}"
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingShowcases"]["edges"]]


def errors(log):
    return [(error["code"], error["field"]) for error in log["errors"]]


def integration_literal(world, source, target, standard, level, direction="PUSH"):
    return {
        "sourceSystemId": world.systems[source],
        "targetSystemId": world.systems[target],
        "direction": Enum(direction),
        "standardId": world.standards[standard],
        "mode": Enum("BATCH"),
        "evidenceLevel": Enum(level),
        "dataExchanged": "Verified claims",
    }


def literal_input(world, **overrides):
    data = {
        "eventId": str(world.event.id),
        "title": "openIMIS and the World Bank PBF platform",
        "abstract": "Verified claims flow from openIMIS to the PBF portal every night.",
        "leadOrganisationId": world.organisations["GIZ"],
        "partnerOrganisationIds": [world.organisations["WB"], world.organisations["MINSANTE"]],
        "presenterIds": [world.presenters[0], world.presenters[1]],
        "schemeName": "Chèque Santé",
        "schemeType": Enum("HEALTH_VOUCHER"),
        "useCases": [Enum("CLAIMS"), Enum("PAYMENT")],
        "countries": ["cm"],
        "demoType": Enum("LIVE"),
        "mediaLinks": ["https://openimis.org/showcases/pbf"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def world(admin):
    return build_world(admin)


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.mark.django_db
def test_a_showcase_is_proposed_with_its_integrations_and_read_back(session, world):
    """Integrations travel as a list of input objects inside the create input, as literals."""
    fields = literal_input(
        world,
        integrations=[
            integration_literal(world, "openimis", "pbf", "fhir", "DEMONSTRATED"),
            integration_literal(world, "dhis2", "openimis", "adx", "IN_PRODUCTION", direction="PULL"),
        ],
    )

    log = session.mutate("createMeetingShowcase", fields)

    assert log["status"] == 2, log
    [node] = showcases(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert node["status"] == "DRAFT"
    assert node["event"] == {"code": world.event.code}
    assert (node["schemeName"], node["schemeType"], node["demoType"]) == ("Chèque Santé", "HEALTH_VOUCHER", "LIVE")
    assert (node["useCases"], node["countries"]) == (["CLAIMS", "PAYMENT"], ["CM"])
    assert node["mediaLinks"] == ["https://openimis.org/showcases/pbf"]
    assert node["leadOrganisation"] == {"acronym": "GIZ"}
    assert sorted(o["acronym"] for o in node["partnerOrganisations"]) == ["MINSANTE", "WB"]
    assert sorted(p["lastName"] for p in node["presenters"]) == ["Presenter0", "Presenter1"]
    assert node["integrations"] == [
        {
            "sourceSystem": {"name": "openIMIS Cameroon"},
            "targetSystem": {"name": "PBF portal"},
            "direction": "PUSH",
            "standard": {"code": "FHIR-R4"},
            "mode": "BATCH",
            "evidenceLevel": "DEMONSTRATED",
            "dataExchanged": "Verified claims",
        },
        {
            "sourceSystem": {"name": "DHIS2 Cameroon"},
            "targetSystem": {"name": "openIMIS Cameroon"},
            "direction": "PULL",
            "standard": {"code": "DHIS2-ADX"},
            "mode": "BATCH",
            "evidenceLevel": "IN_PRODUCTION",
            "dataExchanged": "Verified claims",
        },
    ]


@pytest.mark.django_db
def test_a_showcase_without_a_scheme_type_reads_back_null(session, world):
    fields = literal_input(world)
    del fields["schemeType"]

    log = session.mutate("createMeetingShowcase", fields)

    assert log["status"] == 2, log
    mutation_id = log["clientMutationId"]
    answer = session.post(
        f'{{ meetingShowcases(clientMutationId: "{mutation_id}") {{ edges {{ node {{ title schemeType }} }} }} }}'
    )
    assert "errors" not in answer, answer
    [edge] = answer["data"]["meetingShowcases"]["edges"]
    assert edge["node"] == {"title": fields["title"], "schemeType": None}


@pytest.mark.django_db
def test_the_whole_workflow_over_http(session, admin, world):
    # The showcases' events and organisations keep their own rights (215001, 216001) on every path (issue 15).
    make_user("Reviewer", rights=["217001", "217005", "215001", "216001"])
    make_user("SecondReviewer", rights=["217005"])
    showcase = make_showcase(admin, world)
    sid = str(showcase.id)

    assert session.mutate("submitMeetingShowcase", {"id": sid})["status"] == 2
    review = {"id": sid, "relevance": 5, "depth": 4, "reusability": 3, "countryImpact": 4, "comment": "Strong"}
    reviewer = logged_in("Reviewer", PASSWORD)
    log = reviewer.mutate("reviewMeetingShowcase", {**review, "recommendation": Enum("ACCEPT")})
    assert log["status"] == 2, log
    log = logged_in("SecondReviewer", PASSWORD).mutate(
        "reviewMeetingShowcase", {**review, "relevance": 3, "recommendation": Enum("REVISE")}
    )
    assert log["status"] == 2, log
    assert session.mutate("decideMeetingShowcase", {"id": sid, "decision": Enum("ACCEPTED")})["status"] == 2
    slot = {"startsAt": future(30, 10).isoformat(), "endsAt": future(30, 11).isoformat()}
    assert session.mutate("scheduleMeetingShowcase", {"id": sid, **slot})["status"] == 2
    with slot_begun(sid):  # the slot lies in the future: the service's clock moves into it
        assert session.mutate("markMeetingShowcasePresented", {"id": sid})["status"] == 2

    [node] = showcases(session, f'eventId: "{world.event.id}"')
    assert node["status"] == "PRESENTED"
    assert node["startsAt"].startswith(future(30, 10).astimezone(world_zone()).strftime("%Y-%m-%dT%H:%M"))
    assert node["reviewCount"] == 2
    assert node["meanScores"] == {"relevance": 4.0, "overall": 3.75}
    assert sorted(r["recommendation"] for r in node["reviews"]) == ["ACCEPT", "REVISE"]
    # The reviewer holds no decide right: review results are null for them.
    [seen_by_reviewer] = showcases(reviewer, f'eventId: "{world.event.id}"')
    assert (seen_by_reviewer["reviewCount"], seen_by_reviewer["meanScores"], seen_by_reviewer["reviews"]) == (
        None,
        None,
        None,
    )
    statuses = list(Showcase.history.filter(id=showcase.id).order_by("history_date").values_list("status", flat=True))
    assert statuses == ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "SCHEDULED", "PRESENTED"]


def world_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Africa/Douala")


@pytest.mark.django_db
def test_a_revision_goes_back_to_the_submitter_and_returns(session, admin, world):
    reviewer = make_user("Reviewer", rights=["217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, world), "UNDER_REVIEW")
    sid = str(showcase.id)

    log = session.mutate("decideMeetingShowcase", {"id": sid, "decision": Enum("REVISION_REQUESTED")})
    assert errors(log) == [("meeting.showcase.decision_note_required", "note")]
    note = "Show the payment step too."
    log = session.mutate("decideMeetingShowcase", {"id": sid, "decision": Enum("REVISION_REQUESTED"), "note": note})
    assert log["status"] == 2, log
    log = session.mutate("updateMeetingShowcase", {"id": sid, "useCases": [Enum("CLAIMS"), Enum("PAYMENT")]})
    assert log["status"] == 2, log
    assert session.mutate("submitMeetingShowcase", {"id": sid})["status"] == 2

    showcase.refresh_from_db()
    assert (showcase.status, showcase.use_cases, showcase.decision_note) == ("SUBMITTED", ["CLAIMS", "PAYMENT"], note)


ILLEGAL = [
    ("DRAFT", "scheduleMeetingShowcase", "meeting.showcase.illegal_transition"),
    ("DRAFT", "markMeetingShowcasePresented", "meeting.showcase.illegal_transition"),
    ("SUBMITTED", "decideMeetingShowcase", "meeting.showcase.not_decidable"),
    ("ACCEPTED", "markMeetingShowcasePresented", "meeting.showcase.illegal_transition"),
    ("ACCEPTED", "submitMeetingShowcase", "meeting.showcase.illegal_transition"),
    ("UNDER_REVIEW", "updateMeetingShowcase", "meeting.showcase.not_editable"),
    ("PRESENTED", "withdrawMeetingShowcase", "meeting.showcase.illegal_transition"),
    ("PRESENTED", "reviewMeetingShowcase", "meeting.showcase.not_reviewable"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "mutation", "code"), ILLEGAL)
def test_illegal_steps_are_refused_and_change_nothing(session, admin, world, status, mutation, code):
    reviewer = make_user("Reviewer", rights=["217005"])
    make_user("OtherReviewer", rights=["217005"])
    showcase = make_showcase(admin, world)
    if status != "DRAFT":
        showcase = advance(admin, reviewer, showcase, status)
    inputs = {
        "scheduleMeetingShowcase": {"startsAt": future(30, 14).isoformat(), "endsAt": future(30, 15).isoformat()},
        "decideMeetingShowcase": {"decision": Enum("ACCEPTED")},
        "updateMeetingShowcase": {"title": "Changed under review"},
        "reviewMeetingShowcase": {**_review_literal(4), "recommendation": Enum("ACCEPT")},
    }
    before = (showcase.status, showcase.version, showcase.title, Review.objects.count())
    actor = logged_in("OtherReviewer", PASSWORD) if mutation == "reviewMeetingShowcase" else session

    log = actor.mutate(mutation, {"id": str(showcase.id), **inputs.get(mutation, {})})

    assert [error["code"] for error in log["errors"]] == [code]
    showcase.refresh_from_db()
    assert (showcase.status, showcase.version, showcase.title, Review.objects.count()) == before


def _review_literal(value):
    return {key: value for key in ("relevance", "depth", "reusability", "countryImpact")}


@pytest.mark.django_db
def test_bad_proposals_are_refused_with_nothing_written(session, admin, world):
    other_world_event = build_other_event(admin)
    cases = [
        ({"presenterIds": [other_world_event]}, ("meeting.showcase.presenter_other_event", "presenterIds")),
        (
            {"integrations": [integration_literal(world, "pbf", "pbf", "fhir", "CLAIMED")]},
            ("meeting.showcase.self_link", "integrations.0.targetSystemId"),
        ),
        (
            {
                "integrations": [
                    integration_literal(world, "openimis", "pbf", "fhir", "CLAIMED"),
                    {
                        **integration_literal(world, "openimis", "dhis2", "fhir", "CLAIMED"),
                        "standardId": "0f0f0f0f-0000-4000-8000-000000000000",
                    },
                ]
            },
            ("meeting.standard.not_found", "integrations.1.standardId"),
        ),
        ({"leadOrganisationId": "not-an-id"}, ("meeting.validation.invalid_id", "leadOrganisationId")),
        ({"countries": ["Cameroon"]}, ("meeting.validation.unknown_country", "countries")),
        ({"mediaLinks": ["javascript:alert(1)"]}, ("meeting.validation.invalid_url", "mediaLinks")),
        ({"title": " "}, ("meeting.validation.required", "title")),
    ]
    for change, expected in cases:
        log = session.mutate("createMeetingShowcase", literal_input(world, **change))
        assert errors(log) == [expected], change
    assert (Showcase.objects.count(), Integration.objects.count()) == (0, 0)


def build_other_event(admin):
    """A participant of another event, as a presenter id that must be refused."""
    from factories import open_event, register

    other = open_event(admin, code="OTHER-EVENT")
    return register(admin, other, 500)["data"]["id"]


@pytest.mark.django_db
def test_schedule_stays_within_the_event_and_never_double_books_a_presenter(session, admin, world):
    reviewer = make_user("Reviewer", rights=["217005"])
    first = advance(admin, reviewer, make_showcase(admin, world), "SCHEDULED", slot=(future(30, 10), future(30, 11)))
    second = advance(
        admin,
        reviewer,
        make_showcase(admin, world, title="DHIS2", presenter_ids=[world.presenters[0], world.presenters[2]]),
        "ACCEPTED",
    )
    sid = str(second.id)

    outside = {"id": sid, "startsAt": future(40, 10).isoformat(), "endsAt": future(40, 11).isoformat()}
    assert errors(session.mutate("scheduleMeetingShowcase", outside)) == [
        ("meeting.showcase.outside_event", "startsAt")
    ]
    backwards = {"id": sid, "startsAt": future(30, 15).isoformat(), "endsAt": future(30, 14).isoformat()}
    assert errors(session.mutate("scheduleMeetingShowcase", backwards)) == [
        ("meeting.showcase.ends_before_start", "endsAt")
    ]
    overlap = {
        "id": sid,
        "startsAt": future(
            30,
            10,
        )
        .replace(minute=30)
        .isoformat(),
        "endsAt": future(30, 12).isoformat(),
    }
    log = session.mutate("scheduleMeetingShowcase", overlap)
    assert errors(log) == [("meeting.showcase.presenter_busy", "presenterIds")]
    assert log["errors"][0]["message"] == f"{presenter(world)} already presents {first.title} at that time."
    second.refresh_from_db()
    assert (second.status, second.starts_at) == ("ACCEPTED", None)

    # Right after the first slot is fine; moving the first one onto it is then refused in turn.
    after = {"id": sid, "startsAt": future(30, 11).isoformat(), "endsAt": future(30, 12).isoformat()}
    assert session.mutate("scheduleMeetingShowcase", after)["status"] == 2
    move_first = {"id": str(first.id), "startsAt": future(30, 11).isoformat(), "endsAt": future(30, 13).isoformat()}
    assert errors(session.mutate("scheduleMeetingShowcase", move_first)) == [
        ("meeting.showcase.presenter_busy", "presenterIds")
    ]


@pytest.mark.django_db
def test_reviews_once_per_reviewer_and_never_of_ones_own_showcase(session, admin, world):
    reviewer = make_user("Reviewer", rights=["217005"])
    presenting = make_user("Presenting", rights=["217005"])
    presenter(world, 1).__class__.objects.filter(id=world.presenters[1]).update(user=presenting)
    showcase = advance(
        admin,
        reviewer,
        make_showcase(admin, world, presenter_ids=[world.presenters[0], world.presenters[1]]),
        "SUBMITTED",
    )
    review = {"id": str(showcase.id), **_review_literal(4), "recommendation": Enum("ACCEPT")}

    assert logged_in("Reviewer", PASSWORD).mutate("reviewMeetingShowcase", review)["status"] == 2
    again = logged_in("Reviewer", PASSWORD).mutate("reviewMeetingShowcase", review)
    assert errors(again) == [("meeting.showcase.already_reviewed", "id")]
    own = logged_in("Presenting", PASSWORD).mutate("reviewMeetingShowcase", review)
    assert errors(own) == [("meeting.showcase.own_review", "id")]
    make_user("Creator", rights=["217002", "217005"])
    creator = logged_in("Creator", PASSWORD)
    proposal = literal_input(world, integrations=[integration_literal(world, "openimis", "pbf", "fhir", "CLAIMED")])
    assert creator.mutate("createMeetingShowcase", proposal)["status"] == 2
    created = Showcase.objects.exclude(id=showcase.id).get()
    advance(admin, reviewer, created, "SUBMITTED")
    own_creation = creator.mutate("reviewMeetingShowcase", {**review, "id": str(created.id)})
    assert errors(own_creation) == [("meeting.showcase.own_review", "id")]
    bad_score = logged_in("Reviewer", PASSWORD).mutate(
        "reviewMeetingShowcase", {**review, "id": str(created.id), "depth": 6}
    )
    assert errors(bad_score) == [("meeting.validation.score_invalid", "depth")]
    assert Review.objects.count() == 1
