"""Exports of the programme over HTTP: showcases (review columns only for deciders), the agenda and the
interoperability matrix, in words, with a fixed number of queries (split from test_exports.py)."""

from datetime import datetime, timedelta

import pytest
from django.test import Client

from openimis_be_meeting.services import SessionService

from factories import PASSWORD, future, make_user
from frontend import logged_in, rest_get
from showcase_setup import advance, build_world, integration, make_showcase, ok
from test_exports import (
    AGENDA_HEADER,
    DECISION_HEADER,
    PAIR_HEADER,
    SHOWCASE_HEADER,
    SYSTEM_STANDARD_HEADER,
    as_dicts,
    count_queries,
    csv_rows,
    is_iso_in_douala,
    refusal,
    xlsx_rows,
)

# -- showcases ------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(admin):
    return build_world(admin)


@pytest.fixture
def reviewer(db):
    return make_user("Reviewer", rights=["217005"])


def showcases(session, world, extension="csv", **params):
    return rest_get(session, f"events/{world.event.id}/showcases.{extension}", **params)


@pytest.mark.django_db
def test_showcases_export_in_words_with_review_columns_only_for_deciders(admin, world, reviewer):
    scheduled = advance(
        admin,
        reviewer,
        make_showcase(
            admin,
            world,
            title="=cmd|' /C calc'!A0",
            presenter_ids=world.presenters[:2],
            integrations=[
                integration(world),
                integration(world, "openimis", "dhis2", "adx", "IN_PRODUCTION", direction="BOTH", mode="BATCH"),
            ],
            media_links=["https://example.org/demo"],
        ),
        "SCHEDULED",
        slot=(future(30, 10), future(30, 11)),
    )
    make_showcase(admin, world, title="A draft", integrations=[])
    make_user("Viewer", rights=["217001"])

    rows = csv_rows(showcases(logged_in("Viewer", PASSWORD), world))
    assert rows[0] == SHOWCASE_HEADER
    first, draft = as_dicts(rows)
    assert first == {
        **first,
        "ID": str(scheduled.id),
        "Title": "'=cmd|' /C calc'!A0",
        "Status": "Scheduled",
        "Lead organisation": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "Partner organisations": "Ministère de la Santé Publique",
        "Presenters": "Person100 Presenter0; Person101 Presenter1",
        "Scheme": "Chèque Santé",
        "Scheme type": "Health voucher",
        "Use cases": "Claims; Reporting",
        "Countries": "CM",
        "Country names": "Cameroon",
        "Demo type": "Live demonstration",
        "Integrations": "openIMIS Cameroon → PBF portal (FHIR-R4, Real time, Demonstrated live); "
        "openIMIS Cameroon ↔ DHIS2 Cameroon (DHIS2-ADX, Batch, In production)",
        "Media links": "https://example.org/demo",
        "Review round": "1",
    }
    assert is_iso_in_douala(first["Starts at"]) and is_iso_in_douala(first["Ends at"])
    assert datetime.fromisoformat(first["Starts at"]).hour == 11  # 10:00 UTC
    assert (draft["Title"], draft["Status"], draft["Starts at"], draft["Integrations"]) == ("A draft", "Draft", "", "")

    make_user("Decider", rights=["217001", "217006"])
    rows = xlsx_rows(showcases(logged_in("Decider", PASSWORD), world, "xlsx"))
    assert rows[0] == SHOWCASE_HEADER + DECISION_HEADER
    first, draft = as_dicts(rows)
    assert (first["Reviews (current round)"], first["Mean score (current round)"]) == (1, 4)
    assert (draft["Reviews (current round)"], draft["Mean score (current round)"]) == (0, None)
    assert as_dicts(csv_rows(showcases(logged_in("Decider", PASSWORD), world, status="DRAFT")))[0]["Title"] == "A draft"
    refusal(
        showcases(logged_in("Decider", PASSWORD), world, status="FINISHED"),
        400,
        "meeting.validation.invalid_choice",
        "status",
    )


@pytest.mark.django_db
def test_showcase_and_agenda_exports_cost_the_same_queries_for_more_rows(admin, world, reviewer):
    session = logged_in("Admin", PASSWORD)
    make_showcase(admin, world)
    agenda = {
        "event_id": str(world.event.id),
        "session_type": "PANEL",
        "speaker_ids": [world.presenters[0]],
        "chair_ids": [world.presenters[1]],
    }
    ok(SessionService(admin).create({**agenda, "title": "S0", "starts_at": future(30, 9), "ends_at": future(30, 10)}))
    paths = [
        f"events/{world.event.id}/{name}.{extension}"
        for name in ("showcases", "agenda")
        for extension in ("csv", "xlsx")
    ]
    few = [count_queries(session, path) for path in paths]
    for number in range(1, 5):
        advance(admin, reviewer, make_showcase(admin, world, title=f"More {number}"), "UNDER_REVIEW")
        ok(
            SessionService(admin).create(
                {
                    **agenda,
                    "title": f"S{number}",
                    "starts_at": future(31, 8 + number),
                    "ends_at": future(31, 9 + number),
                    "showcase_ids": [],
                }
            )
        )

    assert [count_queries(session, path) for path in paths] == few


# -- agenda ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_agenda_export(admin, world):
    reviewer = make_user("AgendaReviewer", rights=["217005"])
    showcase = advance(admin, reviewer, make_showcase(admin, world, title="PBF demo"), "ACCEPTED")
    plenary = ok(
        SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": "Opening plenary",
                "session_type": "PLENARY",
                "starts_at": future(30, 8),
                "ends_at": future(30, 9),
                "room": "Salle des Fêtes",
                "languages": ["fr", "en"],
                "interpretation": ["en"],
                "capacity": 200,
                "speaker_ids": world.presenters[:2],
                "chair_ids": [world.presenters[2]],
                "showcase_ids": [str(showcase.id)],
                "description": "-- welcome --",
            }
        )
    )
    ok(
        SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": "Coffee",
                "session_type": "BREAK",
                "starts_at": future(30, 9),
                "ends_at": future(30, 10),
            }
        )
    )
    make_user("Viewer", rights=["215001"])

    response = rest_get(logged_in("Viewer", PASSWORD), f"events/{world.event.id}/agenda.csv")
    assert response["Content-Disposition"] == 'attachment; filename="yde-show-agenda.csv"'
    rows = csv_rows(response)
    assert rows[0] == AGENDA_HEADER
    opening, coffee = as_dicts(rows)
    assert opening == {
        **opening,
        "ID": plenary,
        "Title": "Opening plenary",
        "Type": "Plenary",
        "Room": "Salle des Fêtes",
        "Languages": "fr; en",
        "Interpretation into": "en",
        "Capacity": "200",
        "Speakers": "Person100 Presenter0; Person101 Presenter1",
        "Chairs": "Person102 Presenter2",
        "Showcases": "PBF demo",
        "Description": "'-- welcome --",
    }
    assert opening["Starts at"] == (future(30, 8) + timedelta(hours=1)).replace(tzinfo=None).isoformat() + "+01:00"
    assert (coffee["Type"], coffee["Speakers"], coffee["Capacity"]) == ("Break", "", "")

    sheet = as_dicts(xlsx_rows(rest_get(logged_in("Viewer", PASSWORD), f"events/{world.event.id}/agenda.xlsx")))
    assert (sheet[0]["Capacity"], sheet[1]["Capacity"], sheet[1]["Type"]) == (200, None, "Break")
    filtered = rest_get(logged_in("Viewer", PASSWORD), f"events/{world.event.id}/agenda.csv", sessionType="BREAK")
    assert [row["Title"] for row in as_dicts(csv_rows(filtered))] == ["Coffee"]
    speaking = rest_get(
        logged_in("Viewer", PASSWORD), f"events/{world.event.id}/agenda.csv", speakerId=world.presenters[1]
    )
    assert [row["Title"] for row in as_dicts(csv_rows(speaking))] == ["Opening plenary"]
    refusal(
        rest_get(logged_in("Viewer", PASSWORD), f"events/{world.event.id}/agenda.csv", sessionType="NAP"),
        400,
        "meeting.validation.invalid_choice",
        "sessionType",
    )


# -- interoperability matrix ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_matrix_export_pairs_and_system_standard_tables(admin, world, reviewer):
    accepted = advance(
        admin,
        reviewer,
        make_showcase(
            admin,
            world,
            integrations=[
                integration(world),
                integration(world, "pbf", "openimis", "fhir", "IN_PRODUCTION"),
                integration(world, "openimis", "dhis2", "adx", "CLAIMED"),
            ],
        ),
        "ACCEPTED",
    )
    make_showcase(admin, world, title="Draft, not counted", integrations=[integration(world, "registry", "dhis2")])
    make_user("Viewer", rights=["217001"])
    viewer = logged_in("Viewer", PASSWORD)

    rows = csv_rows(rest_get(viewer, "interoperability-matrix.csv"))
    assert rows[0] == PAIR_HEADER
    assert as_dicts(rows) == [
        {
            "System A": "DHIS2 Cameroon",
            "System A type": "DHIS2",
            "System B": "openIMIS Cameroon",
            "System B type": "openIMIS instance",
            "Standards": "DHIS2-ADX",
            "Directions": "openIMIS Cameroon → DHIS2 Cameroon",
            "Best evidence level": "Claimed",
            "Showcases": "1",
            "Showcase IDs": str(accepted.id),
            "Progress by event": "YDE-SHOW: Claimed (1)",
        },
        {
            "System A": "openIMIS Cameroon",
            "System A type": "openIMIS instance",
            "System B": "PBF portal",
            "System B type": "Performance Based Financing platform",
            "Standards": "FHIR-R4",
            "Directions": "openIMIS Cameroon ↔ PBF portal",
            "Best evidence level": "In production",
            "Showcases": "1",
            "Showcase IDs": str(accepted.id),
            "Progress by event": "YDE-SHOW: In production (1)",
        },
    ]
    by_standard = xlsx_rows(rest_get(viewer, "interoperability-matrix.xlsx", table="bySystemStandard"))
    assert by_standard[0] == SYSTEM_STANDARD_HEADER
    assert [(row[0], row[2], row[4], row[5]) for row in by_standard[1:]] == [
        ("DHIS2 Cameroon", "DHIS2-ADX", "Claimed", 1),
        ("openIMIS Cameroon", "DHIS2-ADX", "Claimed", 1),
        ("openIMIS Cameroon", "FHIR-R4", "In production", 1),
        ("PBF portal", "FHIR-R4", "In production", 1),
    ]

    response = rest_get(viewer, "interoperability-matrix.csv", eventId=str(world.event.id), statuses="DRAFT")
    assert response["Content-Disposition"] == 'attachment; filename="interoperability-matrix-yde-show.csv"'
    assert [row["Standards"] for row in as_dicts(csv_rows(response))] == ["FHIR-R4"]  # the draft's registry-DHIS2 link
    assert (
        as_dicts(csv_rows(rest_get(viewer, "interoperability-matrix.csv", standardId=world.standards["adx"])))[0][
            "System A"
        ]
        == "DHIS2 Cameroon"
    )
    for params, field, code in [
        ({"table": "everything"}, "table", "meeting.validation.invalid_choice"),
        ({"statuses": "ACCEPTED,LOST"}, "statuses", "meeting.validation.invalid_choice"),
        ({"useCase": "FUN"}, "useCase", "meeting.validation.invalid_choice"),
        ({"standardId": "x"}, "standardId", "meeting.validation.invalid_id"),
        ({"eventId": "x"}, "eventId", "meeting.validation.invalid_id"),
    ]:
        refusal(rest_get(viewer, "interoperability-matrix.xlsx", **params), 400, code, field)


@pytest.mark.django_db
def test_errors_are_json_whatever_the_client_accepts(admin):
    event_path = "/api/openimis_be_meeting/events/0f0f0f0f-0000-4000-8000-000000000000/participants.csv"
    for accept in ("text/html", "text/csv", "application/xml"):
        response = Client().get(event_path, HTTP_ACCEPT=accept)
        assert response.status_code == 401, accept
        assert response["Content-Type"].startswith("application/json"), accept
        assert response.json()["code"] == "meeting.auth.authentication_required"
