"""Who may download the exports, and how they are refused (401, 403, 400, 404, always JSON), the query count and
streaming of participant exports (split from test_exports.py)."""

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openimis_be_meeting.models import Event, Participant
from openimis_be_meeting.services import OrganisationService

from factories import PASSWORD, make_user, open_event, register
from frontend import REST, logged_in, rest_get
from showcase_setup import ok
from test_exports import (
    BASE_HEADER,
    XLSX,
    body,
    count_queries,
    csv_rows,
    event,  # noqa: F401 (pytest fixtures)
    participants,
    refusal,
    xlsx_rows,
)

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
