"""Participant imports: organisations matched or created, XLSX workbooks, and files refused (split from
test_imports.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.models import Organisation, Participant
from openimis_be_meeting.services import OrganisationService

from factories import PASSWORD, make_user, open_event
from frontend import logged_in, rest_post
from test_imports import (
    HEADER,
    csv_upload,
    people,
    session,  # noqa: F401 (pytest fixtures)
    upload,
)

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
