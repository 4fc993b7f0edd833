"""Participant imports: rights and closed events, the management command, the documented sample file and concurrency
(split from test_imports.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import EventService, ParticipantService
from openimis_be_meeting.services.imports import import_participants
from openimis_be_meeting.services.imports.report import ImportOptions

from factories import PASSWORD, make_event, make_user, open_event, person
from frontend import logged_in, rest_post
from test_imports import (
    HEADER,
    csv_upload,
    people,
    session,  # noqa: F401 (pytest fixtures)
    upload,
)
from test_imports_files import organisation, refusal

# --- rights and closed events ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_callers_get_401_and_callers_without_the_register_right_403(admin):
    event = open_event(admin)
    make_user("Reader", rights=["216001"])
    anonymous = rest_post(logged_out(), f"events/{event.id}/participants/import", {"file": csv_upload(*people([1]))})
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "meeting.auth.authentication_required"

    response = upload(logged_in("Reader", PASSWORD), event, csv_upload(*people([1])))

    assert response.status_code == 403
    assert response.json()["code"] == "meeting.auth.permission_denied"
    assert Participant.objects.count() == 0


def logged_out():
    from frontend import FrontendSession

    return FrontendSession()


@pytest.mark.django_db
@pytest.mark.parametrize("path", [(), ("PUBLISHED",), ("PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED")])
def test_outside_registration_open_only_holders_of_the_approve_right_may_import(admin, path):
    event = make_event(admin)
    for status in path:
        assert EventService(admin).change_status({"id": str(event.id), "status": status})["success"]
    make_user("Clerk", rights=["216002"])
    make_user("Organiser", rights=["216002", "216007"])

    refused = upload(logged_in("Clerk", PASSWORD), event, csv_upload(*people([1])), dryRun=True)
    assert refusal(refused)["code"] == "meeting.participant.registration_closed"

    allowed = upload(logged_in("Organiser", PASSWORD), event, csv_upload(*people([1])))
    assert allowed.status_code == 200, allowed.content
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_a_cancelled_or_deleted_event_takes_no_import(session, admin):
    event = open_event(admin)
    EventService(admin).change_status({"id": str(event.id), "status": "CANCELLED"})
    assert (
        refusal(upload(session, event, csv_upload(*people([1]))))["code"] == "meeting.participant.registration_closed"
    )
    other = open_event(admin, code="OTHER")
    EventService(admin).delete({"ids": [str(other.id)]})
    missing = upload(session, other, csv_upload(*people([1])))
    assert (missing.status_code, missing.json()["code"]) == (404, "meeting.event.not_found")


# --- management command ----------------------------------------------------------------------------------------


def write_csv(tmp_path, *lines, header=HEADER):
    path = tmp_path / "participants.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def command(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_meeting_participants", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_the_command_dry_runs_then_imports_by_event_code_with_progress(admin, tmp_path):
    event = open_event(admin, capacity=600, code="CM-2025")
    path = write_csv(tmp_path, *people(range(1000)))

    out, err = command("cm-2025", str(path), "--user", "Admin", "--dry-run")
    assert "CM-2025: 1000 rows read, would register 1000 (600 confirmed, 400 waitlisted, 0 pending)" in out
    assert "checking 1000/1000 (100%)" in err
    assert Participant.objects.count() == 0

    out, err = command(str(event.id), str(path), "--user", "Admin")
    assert "registered 1000 (600 confirmed, 400 waitlisted, 0 pending)" in out
    assert "writing 1000/1000 (100%)" in err
    assert Participant.objects.filter(event=event).count() == 1000


@pytest.mark.django_db
def test_the_command_reports_row_errors_and_exits_with_an_error(admin, tmp_path):
    open_event(admin, code="CM-2025")
    path = write_csv(tmp_path, *people([1]), "Bad,Row,nope")

    with pytest.raises(CommandError, match=r"1 row\(s\) have errors"):
        command("CM-2025", str(path), "--user", "Admin", "--dry-run", "--no-progress")
    with pytest.raises(CommandError, match="Nothing was imported"):
        command("CM-2025", str(path), "--user", "Admin", "--no-progress")
    assert Participant.objects.count() == 0

    out, _err = command("CM-2025", str(path), "--user", "Admin", "--partial", "--json", "--no-progress")
    assert '"created": 1' in out
    assert '"row": 3' in out

    many = write_csv(tmp_path, *(f"Bad,Row,nope{n}" for n in range(60)))
    out, _err = command("CM-2025", str(many), "--user", "Admin", "--partial", "--no-progress")
    assert out.count("[meeting.validation.invalid_email]") == 50
    assert "... and 10 more errors (--json lists them all)" in out


@pytest.mark.django_db
def test_the_command_refuses_unknown_users_events_and_files(admin, tmp_path):
    open_event(admin, code="CM-2025")
    make_user("Nobody", rights=[])
    path = write_csv(tmp_path, *people([1]))
    with pytest.raises(CommandError, match="No openIMIS user named Ghost"):
        command("CM-2025", str(path), "--user", "Ghost")
    with pytest.raises(CommandError, match="No event with the code or id NOPE"):
        command("NOPE", str(path), "--user", "Admin")
    with pytest.raises(CommandError, match="No file"):
        command("CM-2025", str(tmp_path / "missing.csv"), "--user", "Admin")
    with pytest.raises(CommandError, match=r"meeting\.auth\.permission_denied"):
        command("CM-2025", str(path), "--user", "Nobody")


# --- the sample file -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_documented_sample_file_imports(session, admin):
    from pathlib import Path

    event = open_event(admin, capacity=3)
    organisation(admin, "Ministère de la Santé Publique", "MINSANTE")
    sample = Path(__file__).resolve().parent.parent / "docs" / "samples" / "participants.csv"
    file = SimpleUploadedFile("participants.csv", sample.read_bytes())

    body = upload(session, event, file, createOrganisations=True).json()

    assert body["errors"] == [], body
    assert body["created"] == body["rows"] > 3
    assert body["waitlisted"] == body["rows"] - 3


# --- concurrency -----------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks and real connections: `make test-postgres` runs it",
)
@pytest.mark.parametrize("attempt", range(5))
def test_an_import_racing_single_registrations_never_exceeds_capacity(admin, attempt):
    from test_participants_concurrency import run_at_once, snapshot

    event = open_event(admin, capacity=10, code=f"RACE-IMPORT-{attempt}")
    data = ("\n".join([HEADER, *people(range(100, 130))]) + "\n").encode()
    service = ParticipantService(admin)

    def bulk():
        report = import_participants(admin, event.id, name="race.csv", data=data, options=ImportOptions())
        return {"success": report.refusal is None and report.created == 30, "detail": report.as_dict()}

    calls = [(lambda n=n: service.register({"event_id": str(event.id), **person(n)})) for n in range(12)]
    calls.insert(attempt, bulk)

    results = run_at_once(calls)

    assert [r for r in results if not r["success"]] == []
    confirmed, positions = snapshot(event)
    assert confirmed == 10
    assert positions == list(range(1, 33))
    assert Participant.objects.filter(event=event).count() == 42
    # The import holds the event's lock from placing its rows to writing them: its people stand together in line.
    imported = Participant.objects.filter(event=event, email__in=[f"person{n}@example.cm" for n in range(100, 130)])
    line = sorted(p.waitlist_position for p in imported if p.status == "WAITLISTED")
    assert line == list(range(line[0], line[0] + len(line)))


@pytest.mark.django_db
def test_a_cookie_authenticated_upload_needs_the_csrf_token(admin):
    """The frontend's JWT cookie rides along on any request a browser sends: a write must prove it comes from the
    frontend (X-CSRFToken), unless the client authenticates with an Authorization header."""
    from frontend import REST

    event = open_event(admin, code="CSRF-IMPORT")
    session = logged_in("Admin", PASSWORD)
    upload = SimpleUploadedFile("p.csv", b"first_name,last_name,email\nAda,Lovelace,ada@example.org\n")

    forged = session.http.post(f"{REST}events/{event.id}/participants/import", {"file": upload})

    assert forged.status_code == 403
    assert forged.json()["code"] == "meeting.auth.csrf_failed"
    assert Participant.objects.count() == 0
