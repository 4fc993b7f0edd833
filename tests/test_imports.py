"""Bulk import of participants from CSV or XLSX over HTTP (as the frontend uploads it) and by management command:
the rules of single registration, dry runs, all-or-nothing and partial runs, file refusals, rights, history."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.models import Organisation, Participant
from openimis_be_meeting.services import EventService, OrganisationService, ParticipantService
from openimis_be_meeting.services.imports import import_participants
from openimis_be_meeting.services.imports.report import ImportOptions
from openimis_be_meeting.timeutils import now_for_storage

from factories import PASSWORD, make_event, make_user, open_event, person, register
from frontend import logged_in, rest_post

HEADER = "first_name,last_name,email"


def csv_upload(*lines: str, header: str = HEADER, name: str = "participants.csv", encoding: str = "utf-8"):
    text = "\n".join([header, *lines]) + "\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def people(numbers, domain="example.cm") -> list[str]:
    return [f"Person{n},Ndongo,person{n}@{domain}" for n in numbers]


def upload(session, event, file, **options):
    data = {"file": file, **{key: str(value).lower() for key, value in options.items()}}
    return rest_post(session, f"events/{event.id}/participants/import", data)


def rows_of(event):
    """(email local part, status, waiting-list position) of the event's live participants, in registration order."""
    return [
        (p.email.split("@")[0], p.status, p.waitlist_position)
        for p in Participant.objects.live().filter(event=event).order_by("registered_at", "id")
    ]


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


# --- dry run, real run, statuses -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_dry_run_reports_each_problem_by_row_and_column_and_writes_nothing(session, admin):
    event = open_event(admin, capacity=1)
    file = csv_upload(
        "Amina,Bello,amina@example.cm,+237 699 00 11 22,FEMALE,yes",
        ",Mbarga,jean@example.cm,,,",
        "Fatou,Diallo,not-an-email,call me maybe,KING,perhaps",
        "",  # blank lines are skipped but keep the numbering
        "Paul,Okafor,paul@example.cm,,male,0",
        header="first_name,last_name,email,phone,gender,consent_photos",
    )

    response = upload(session, event, file, dryRun=True)

    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("dryRun", "rows", "valid", "created", "confirmed", "waitlisted")} == {
        "dryRun": True,
        "rows": 4,
        "valid": 2,
        "created": 0,
        "confirmed": 1,
        "waitlisted": 1,
    }
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (3, "firstName", "meeting.validation.required"),
        (4, "email", "meeting.validation.invalid_email"),
        (4, "phone", "meeting.validation.invalid_phone"),
        (4, "gender", "meeting.validation.invalid_choice"),
        (4, "consentPhotos", "meeting.import.invalid_flag"),
    ]
    # The messages are single registration's own.
    assert body["errors"][0]["message"] == "firstName is required."
    assert body["errors"][1]["message"] == "The email address is not valid."
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_statuses_are_those_single_registration_gives_continuing_the_waiting_list(session, admin):
    imported, by_hand = (open_event(admin, capacity=3, code=code) for code in ("IMPORTED", "BY-HAND"))
    for event in (imported, by_hand):
        for number in (1, 2, 3, 4):  # three seats taken, one waiting
            assert register(admin, event, number)["success"]
    for number in (5, 6, 7):
        assert register(admin, by_hand, number)["success"]

    response = upload(session, imported, csv_upload(*people([5, 6, 7])))

    assert response.status_code == 200, response.content
    assert response.json()["created"] == 3
    assert response.json()["waitlisted"] == 3
    assert rows_of(imported) == rows_of(by_hand)
    assert rows_of(imported)[-3:] == [
        ("person5", "WAITLISTED", 2),
        ("person6", "WAITLISTED", 3),
        ("person7", "WAITLISTED", 4),
    ]


@pytest.mark.django_db
def test_seats_left_are_filled_in_file_order_then_the_rest_wait(session, admin):
    event = open_event(admin, capacity=3)
    assert register(admin, event, 1)["success"]

    body = upload(session, event, csv_upload(*people([2, 3, 4, 5]))).json()

    assert (body["confirmed"], body["waitlisted"], body["pending"]) == (2, 2, 0)
    assert rows_of(event) == [
        ("person1", "CONFIRMED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "CONFIRMED", None),
        ("person4", "WAITLISTED", 1),
        ("person5", "WAITLISTED", 2),
    ]


@pytest.mark.django_db
def test_an_event_needing_approval_gets_pending_registrations(session, admin):
    event = open_event(admin, capacity=1, requires_approval=True)

    body = upload(session, event, csv_upload(*people([1, 2]))).json()

    assert (body["created"], body["pending"], body["confirmed"]) == (2, 2, 0)
    assert rows_of(event) == [("person1", "PENDING", None), ("person2", "PENDING", None)]


@pytest.mark.django_db
def test_imported_participants_follow_the_lifecycle_and_have_history(session, admin):
    event = open_event(admin, capacity=1)
    upload(session, event, csv_upload(*people([1, 2, 3]), header=HEADER))
    first, second, third = Participant.objects.filter(event=event).order_by("registered_at")
    # The history row holds every field as the participant was written (COPY on PostgreSQL, bulk_create elsewhere).
    tracked = [f.attname for f in Participant.history.model.tracked_fields]
    for participant in (first, second, third):
        (created,) = Participant.history.filter(id=participant.id)
        assert {name: getattr(created, name) for name in tracked} == {
            name: getattr(participant, name) for name in tracked
        }
    assert abs((third.registered_at - now_for_storage()).total_seconds()) < 60
    assert (third.version, third.is_deleted, third.json_ext) == (1, False, None)

    assert ParticipantService(admin).cancel({"id": str(first.id)})["success"]

    assert rows_of(event) == [
        ("person1", "CANCELLED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "WAITLISTED", 1),
    ]
    history = list(Participant.history.filter(id=third.id))
    assert [(h.history_type, h.status, h.waitlist_position, h.version, h.history_user_id) for h in history] == [
        ("~", "WAITLISTED", 1, 2, admin.id),  # moved up the line by the cancellation
        ("+", "WAITLISTED", 2, 1, admin.id),
    ]
    assert history[-1].history_change_reason == "Imported from participants.csv"
    assert Participant.history.filter(id=first.id).count() == 2  # created, cancelled
    assert {p.user_created_id for p in (first, second, third)} == {admin.id}
    assert len({p.checkin_token for p in (first, second, third)}) == 3


@pytest.mark.django_db
def test_values_are_read_as_a_person_would_write_them(session, admin):
    event = open_event(admin)
    file = csv_upload(
        "Amina,Bello,Amina@Example.CM ,female,in person,Yes,TRUE,1,cm,speaker,Wheelchair,Vegetarian,Director",
        header=(
            "First Name,LAST_NAME,E-mail,Gender,attendanceMode,consent listed,Consent_Photos,consent-contact,"
            "Country,role,accessibility_needs,dietary_needs,job title"
        ),
    )

    response = upload(session, event, file)

    assert response.status_code == 200, response.content
    p = Participant.objects.get()
    assert (p.first_name, p.email, p.gender, p.attendance_mode, p.country, p.role, p.job_title) == (
        "Amina",
        "amina@example.cm",
        "FEMALE",
        "IN_PERSON",
        "CM",
        "SPEAKER",
        "Director",
    )
    assert (p.consent_listed, p.consent_photos, p.consent_contact) == (True, True, True)
    assert (p.accessibility_needs, p.dietary_needs) == ("Wheelchair", "Vegetarian")


@pytest.mark.django_db
def test_semicolons_a_byte_order_mark_unknown_columns_and_quoted_commas(session, admin):
    event = open_event(admin)
    text = '\ufefffirst_name;last_name;email;notes\n"Ngono, Jr";Mbarga;j@example.cm;VIP\n'
    file = SimpleUploadedFile("export.csv", text.encode("utf-8"))

    body = upload(session, event, file).json()

    assert body["created"] == 1, body
    assert body["ignoredColumns"] == ["notes"]
    assert Participant.objects.get().first_name == "Ngono, Jr"


# --- all or nothing, partial, duplicates -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_real_run_with_one_bad_row_writes_nothing(session, admin):
    event = open_event(admin)
    file = csv_upload(*people([1, 2]), "Bad,Row,nope", *people([3]))

    response = upload(session, event, file)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "meeting.import.rows_invalid"
    assert body["message"] == "Nothing was imported: 1 row(s) have errors. Correct them, or import with partial=true."
    assert (body["created"], body["valid"]) == (0, 3)
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(4, "email")]
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_partial_imports_the_valid_rows_and_reports_the_others(session, admin):
    event = open_event(admin, capacity=2)
    file = csv_upload(*people([1]), "Bad,Row,nope", *people([2, 3]))

    response = upload(session, event, file, partial=True)

    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["created"], body["confirmed"], body["waitlisted"]) == (4, 3, 2, 1)
    assert [(e["row"], e["code"]) for e in body["errors"]] == [(3, "meeting.validation.invalid_email")]
    assert rows_of(event) == [
        ("person1", "CONFIRMED", None),
        ("person2", "CONFIRMED", None),
        ("person3", "WAITLISTED", 1),
    ]


@pytest.mark.django_db
def test_partial_with_no_valid_row_writes_nothing_and_says_why(session, admin):
    event = open_event(admin)

    response = upload(session, event, csv_upload("A,B,nope", ",,x@example.cm"), partial=True)

    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["valid"], body["created"], len(body["errors"])) == (2, 0, 0, 3)
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_duplicates_in_the_file_and_against_the_event_are_reported_never_merged(session, admin):
    event = open_event(admin)
    assert register(admin, event, 1)["success"]
    cancelled = register(admin, event, 9)["data"]["id"]
    assert ParticipantService(admin).cancel({"id": cancelled})["success"]  # may register again
    file = csv_upload(
        "Again,Ndongo,PERSON1@example.cm",
        *people([2]),
        "Twin,Ndongo,Person2@Example.cm",
        *people([9]),
        "Third,Ndongo,person2@example.cm",
    )

    response = upload(session, event, file, partial=True)

    body = response.json()
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (2, "email", "meeting.participant.email_taken"),
        (4, "email", "meeting.import.duplicate_in_file"),
        (6, "email", "meeting.import.duplicate_in_file"),
    ]
    assert body["errors"][1]["message"] == "person2@example.cm is already on row 3 of this file."
    assert body["errors"][0]["message"] == "This email address is already registered for this event."
    assert body["created"] == 2
    assert Participant.objects.filter(event=event, email="person2@example.cm").count() == 1


# --- organisations ---------------------------------------------------------------------------------------------


def organisation(admin, name, acronym, country="CM"):
    result = OrganisationService(admin).create(
        {"name": name, "acronym": acronym, "organisation_type": "MINISTRY", "country": country}
    )
    assert result["success"], result
    return Organisation.objects.get(id=result["data"]["id"])


@pytest.mark.django_db
def test_organisations_are_matched_by_name_or_acronym_without_regard_to_case(session, admin):
    event = open_event(admin)
    minsante = organisation(admin, "Ministère de la Santé Publique", "MINSANTE")
    cnps = organisation(admin, "Caisse Nationale de Prévoyance Sociale", "CNPS")
    file = csv_upload(
        "A,B,a@example.cm,minsante",
        "C,D,c@example.cm,ministère de la santé publique",
        "E,F,e@example.cm,CNPS",
        "G,H,g@example.cm,",
        header="first_name,last_name,email,organisation",
    )

    body = upload(session, event, file).json()

    assert body["created"] == 4, body
    assert dict(Participant.objects.values_list("email", "organisation_id")) == {
        "a@example.cm": minsante.id,
        "c@example.cm": minsante.id,
        "e@example.cm": cnps.id,
        "g@example.cm": None,
    }


@pytest.mark.django_db
def test_unknown_and_ambiguous_organisations_are_refused_and_none_is_created(session, admin):
    event = open_event(admin)
    organisation(admin, "Health Insurance Fund", "HIF", country="TZ")
    organisation(admin, "Health Innovation Forum", "HIF", country="KE")
    file = csv_upload("A,B,a@example.cm,GIZ", "C,D,c@example.cm,hif", header="first_name,last_name,email,organization")

    body = upload(session, event, file).json()

    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (2, "organisation", "meeting.import.unknown_organisation"),
        (3, "organisation", "meeting.import.ambiguous_organisation"),
    ]
    assert "Health Innovation Forum, Health Insurance Fund" in body["errors"][1]["message"]
    assert Organisation.objects.count() == 2
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_organisations_are_created_once_each_only_when_asked(session, admin):
    event = open_event(admin)
    lines = ["A,B,a@example.cm,GIZ", "C,D,c@example.cm,giz", "E,F,e@example.cm,Swiss TPH"]
    header = "first_name,last_name,email,organisation"

    dry = upload(session, event, csv_upload(*lines, header=header), dryRun=True, createOrganisations=True).json()
    assert dry["organisationsCreated"] == ["GIZ", "Swiss TPH"]
    assert dry["errors"] == []
    assert Organisation.objects.count() == 0

    body = upload(session, event, csv_upload(*lines, header=header), createOrganisations=True).json()

    assert body["organisationsCreated"] == ["GIZ", "Swiss TPH"]
    giz = Organisation.objects.get(name="GIZ")
    assert (giz.organisation_type, giz.history.count()) == ("OTHER", 1)
    assert Participant.objects.filter(organisation=giz).count() == 2
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_organisations_for_rows_that_fail_are_not_created(session, admin):
    event = open_event(admin)
    file = csv_upload("A,B,a@example.cm,GIZ", "C,D,bad,Swiss TPH", header="first_name,last_name,email,organisation")

    body = upload(session, event, file, createOrganisations=True, partial=True).json()

    assert body["organisationsCreated"] == ["GIZ"]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["GIZ"]


# --- XLSX ------------------------------------------------------------------------------------------------------


def xlsx_upload(rows, name="participants.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.django_db
def test_an_xlsx_workbook_is_imported_with_numbers_and_booleans_read_as_text(session, admin):
    event = open_event(admin, capacity=1)
    file = xlsx_upload(
        [
            ["First name", "Last name", "Email", "Phone", "Consent listed", "Country"],
            ["Amina", "Bello", "amina@example.cm", 237699001122, True, "CM"],
            [None, None, None, None, None, None],
            ["Jean", "Mbarga", "jean@example.cm", None, False, None],
            ["Bad", "Phone", "bad@example.cm", "??", None, None],
        ]
    )

    body = upload(session, event, file, partial=True).json()

    assert (body["rows"], body["created"], body["confirmed"], body["waitlisted"]) == (3, 2, 1, 1), body
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(5, "phone")]
    amina = Participant.objects.get(email="amina@example.cm")
    assert (amina.phone, amina.consent_listed) == ("237699001122", True)


# --- files refused ---------------------------------------------------------------------------------------------


def zipped(files: dict) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def refusal(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "code", "words"),
    [
        (
            SimpleUploadedFile("p.csv", "first_name,last_name,email\nRené,Ngo,r@x.cm\n".encode("latin-1")),
            "bad_encoding",
            "0xE9 on line 2",
        ),
        (SimpleUploadedFile("p.csv", "first_name,email\n".encode("utf-16")), "bad_encoding", "UTF-8"),
        (SimpleUploadedFile("p.pdf", b"%PDF-1.4 ..."), "unsupported_type", "p.pdf is not a CSV or XLSX file"),
        (SimpleUploadedFile("p.csv", b"\x89PNG\r\n\x1a\n...."), "unsupported_type", "p.csv is not a CSV"),
        (SimpleUploadedFile("p.xlsx", b"first_name,last_name,email\n"), "unsupported_type", "p.xlsx is not"),
        (SimpleUploadedFile("p.xlsx", b"PK\x03\x04 broken zip"), "unsupported_type", "p.xlsx is not"),
        (SimpleUploadedFile("p.xls", b"\xd0\xcf\x11\xe0...."), "unsupported_type", "p.xls is not"),
        (SimpleUploadedFile("p.xlsx", zipped({"word/document.xml": "<w/>"})), "unsupported_type", "p.xlsx is not"),
        (SimpleUploadedFile("p.csv", zipped({"a.txt": "first_name"})), "unsupported_type", "p.csv is not"),
        (SimpleUploadedFile("p.csv", ",".join(f"c{n}" for n in range(101)).encode()), "too_many_columns", "100"),
        (SimpleUploadedFile("p.csv", b"first_name,email\nA,a@x.cm\n"), "missing_columns", "no last_name column"),
        (SimpleUploadedFile("p.csv", b"first_name,last_name,email,Email\n"), "duplicate_column", "Email"),
        (SimpleUploadedFile("p.csv", b""), "empty", "empty"),
        (SimpleUploadedFile("p.csv", b"first_name,last_name,email\n\n,,\n"), "no_rows", "no participant rows"),
        (SimpleUploadedFile("p.csv", b'first_name,last_name,email\n"A,B\n' + b"x" * 200_000), "unreadable", "CSV"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_file_that_cannot_be_imported_gets_a_400_with_the_reason(session, admin, file, code, words):
    event = open_event(admin)

    body = refusal(upload(session, event, file))

    assert body["code"] == f"meeting.import.{code}"
    assert words in body["message"], body["message"]
    assert body["field"] == "file"
    assert Participant.objects.count() == 0


@pytest.mark.django_db
def test_files_over_the_size_or_row_limits_are_refused(session, admin, monkeypatch):
    event = open_event(admin)
    monkeypatch.setitem(MeetingConfig.config, "max_import_bytes", 200)
    body = refusal(upload(session, event, csv_upload(*people(range(20)))))
    assert (body["code"], body["message"]) == (
        "meeting.import.too_large",
        "The file is larger than the limit of 200 bytes.",
    )

    monkeypatch.setitem(MeetingConfig.config, "max_import_bytes", 5 * 1024 * 1024)
    monkeypatch.setitem(MeetingConfig.config, "max_import_rows", 3)
    body = refusal(upload(session, event, csv_upload(*people(range(4)))))
    assert body["code"] == "meeting.import.too_many_rows"
    assert upload(session, event, csv_upload(*people(range(3)))).status_code == 200


@pytest.mark.django_db
def test_the_default_limits_are_five_megabytes_and_twenty_thousand_rows(session, admin):
    event = open_event(admin)
    big = SimpleUploadedFile("big.csv", (HEADER + "\n").encode() + b"A,B,a@x.cm\n" * 480_000)
    assert refusal(upload(session, event, big))["message"] == "The file is larger than the limit of 5 MB."
    many = csv_upload(*people(range(20_001)))
    assert refusal(upload(session, event, many))["code"] == "meeting.import.too_many_rows"


@pytest.mark.django_db
def test_a_row_with_more_cells_than_columns_is_reported(session, admin):
    event = open_event(admin)
    body = upload(session, event, csv_upload("Ngono, Jr,Mbarga,j@example.cm", "A,B,a@example.cm,,")).json()
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        (2, None, "meeting.import.extra_cells"),
        (2, "email", "meeting.validation.invalid_email"),  # the shifted cell: "Mbarga"
    ]


@pytest.mark.django_db
def test_missing_file_and_bad_options_are_refused(session, admin):
    event = open_event(admin)
    path = f"events/{event.id}/participants/import"

    assert refusal(rest_post(session, path, {}))["code"] == "meeting.import.file_required"
    body = refusal(upload(session, event, csv_upload(*people([1])), dryRun="maybe"))
    assert (body["code"], body["field"]) == ("meeting.import.invalid_option", "dryRun")
    assert refusal(rest_post(session, "events/not-an-id/participants/import", {"file": csv_upload()}))["code"] == (
        "meeting.validation.invalid_id"
    )


@pytest.mark.django_db
def test_messages_come_in_the_users_openimis_language(admin):
    event = open_event(admin)
    make_user("Amina", rights=["216002"], language="fr")
    session = logged_in("Amina", PASSWORD)

    response = upload(session, event, csv_upload("A,B,pas-une-adresse"), dryRun=True)

    assert response["Content-Language"] == "fr"
    error = response.json()["errors"][0]
    assert (error["code"], error["message"]) == (
        "meeting.validation.invalid_email",
        "L'adresse e-mail n'est pas valide.",
    )


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
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections")
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
