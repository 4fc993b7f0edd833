"""Visa invitation letters: asked for with passport details (personal data: 216006), approved by a holder of the
letters' own right (216010), numbered per event and year, read as a reader reads the PDF (pdftotext, zbarimg), and
verifiable on the public page by the code printed on them; erased on the retention date."""

from datetime import date

import pytest
from django.test import Client
from document_tools import content_of, needs_tools, pdf_text, qr_codes
from document_world import confirmed

from openimis_be_meeting import documents
from openimis_be_meeting.models import LetterCounter, Participant, VisaLetter
from openimis_be_meeting.services import ParticipantService

from factories import PASSWORD, make_user, open_event, register
from frontend import REST, logged_in

pytestmark = [pytest.mark.django_db, needs_tools]

YEAR = date.today().year
PASSPORT = {
    "passportNumber": "AB1234567",
    "nationality": "VN",
    "dateOfBirth": "1988-04-12",
    "passportExpiry": f"{YEAR + 5}-01-31",
}


@pytest.fixture
def event(admin):
    event = open_event(admin, code="CM-YDE", name="openIMIS Community Meeting", city="Yaoundé", venue="Hilton")
    log = logged_in("Admin", PASSWORD).mutate(
        "updateMeetingDocumentSettings",
        {
            "eventId": str(event.id),
            "letterPrefix": "OIM-CM-YDE",
            "signatoryName": "Dr Amina Ndongo",
            "letterhead": "openIMIS Initiative\nc/o GIZ, Bonn",
        },
    )
    assert log["status"] == 2, log
    return event


@pytest.fixture
def desk(db):
    """Who asks on participants' behalf: the participant update right, no personal-data right."""
    make_user("Desk", rights=["216003", "216001"])
    return logged_in("Desk", PASSWORD)


@pytest.fixture
def decider(db):
    make_user("Decider", rights=["216010", "216001"])
    return logged_in("Decider", PASSWORD)


def ask(session, participant, **changes):
    return session.mutate("requestMeetingVisaLetter", {"participantId": str(participant.id), **PASSPORT, **changes})


def letters(session, event) -> list[dict]:
    result = session.post(
        f'{{ meetingVisaLetters(eventId: "{event.id}") {{ edges {{ node {{ uuid status number passportNumber '
        "nationality dateOfBirth passportExpiry pdfUrl participant { lastName } } } } }"
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingVisaLetters"]["edges"]]


def test_an_approved_letter_is_numbered_printed_and_verifiable_by_its_code(admin, event, desk, decider):
    person = confirmed(admin, event, 1, first_name="Nguyễn Thị", last_name="Hương")
    assert ask(desk, person)["status"] == 2
    [letter] = letters(desk, event)
    assert letter["status"] == "REQUESTED" and letter["passportNumber"] is None  # the desk has no 216006

    log = decider.mutate("approveMeetingVisaLetter", {"id": letter["uuid"]})

    assert log["status"] == 2, log
    stored = VisaLetter.objects.get()
    assert stored.number == f"OIM-CM-YDE-VL-{YEAR}-0001"
    make_user("Privacy", rights=["216001", "216006"])
    privacy = logged_in("Privacy", PASSWORD)
    [seen] = letters(privacy, event)
    assert (seen["passportNumber"], seen["nationality"], seen["dateOfBirth"]) == ("AB1234567", "VN", "1988-04-12")
    pdf = content_of(privacy.http.get(seen["pdfUrl"]))
    text = " ".join(pdf_text(pdf).split())
    for expected in (
        f"OIM-CM-YDE-VL-{YEAR}-0001",
        "Nguyễn Thị Hương",
        "AB1234567",
        "12 April 1988",
        "openIMIS Initiative",
        "Dr Amina Ndongo",
        "openIMIS Community Meeting",
        stored.code,
    ):
        assert expected in text, expected
    [[url]] = qr_codes(pdf)
    assert url.endswith(f"/verify/{stored.code}")
    page = Client().get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "This visa invitation letter is genuine." in body
    assert f"OIM-CM-YDE-VL-{YEAR}-0001" in body and "Nguyễn Thị Hương" in body
    assert "AB1234567" not in body and "1988" not in body


def test_numbers_follow_each_other_and_a_refusal_takes_none(admin, event, desk, decider):
    people = [confirmed(admin, event, n, last_name=f"Visitor{n}") for n in range(4)]
    for person in people:
        assert ask(desk, person)["status"] == 2
    ids = {node["participant"]["lastName"]: node["uuid"] for node in letters(desk, event)}
    no_reason = decider.mutate("refuseMeetingVisaLetter", {"id": ids["Visitor1"], "reason": ""})
    assert no_reason["errors"][0]["code"] == "meeting.documents.reason_required"

    assert decider.mutate("approveMeetingVisaLetter", {"id": ids["Visitor0"]})["status"] == 2
    assert decider.mutate("refuseMeetingVisaLetter", {"id": ids["Visitor1"], "reason": "Unknown org"})["status"] == 2
    assert decider.mutate("approveMeetingVisaLetter", {"id": ids["Visitor2"]})["status"] == 2
    assert decider.mutate("approveMeetingVisaLetter", {"id": ids["Visitor3"]})["status"] == 2
    again = decider.mutate("approveMeetingVisaLetter", {"id": ids["Visitor1"]})

    assert again["errors"][0]["code"] == "meeting.documents.letter_decided"
    numbers = dict(VisaLetter.objects.values_list("participant__last_name", "number"))
    assert numbers == {
        "Visitor0": f"OIM-CM-YDE-VL-{YEAR}-0001",
        "Visitor1": None,
        "Visitor2": f"OIM-CM-YDE-VL-{YEAR}-0002",
        "Visitor3": f"OIM-CM-YDE-VL-{YEAR}-0003",
    }
    assert LetterCounter.objects.get(event=event, year=YEAR).last == 3


def test_no_letter_without_approval_nor_for_someone_without_a_seat(admin, event, desk, decider):
    person = confirmed(admin, event, 1)
    assert ask(desk, person)["status"] == 2
    assert ask(desk, person)["errors"][0]["code"] == "meeting.documents.letter_already_requested"
    letter = VisaLetter.objects.get()
    make_user("Privacy", rights=["216001", "216006"])
    privacy = logged_in("Privacy", PASSWORD)

    unapproved = privacy.http.get(f"{REST}visa-letters/{letter.id}.pdf")

    assert unapproved.status_code == 400 and unapproved.json()["code"] == "meeting.documents.letter_not_approved"
    assert letters(privacy, event)[0]["pdfUrl"] is None
    make_user(
        "Everything", rights=["216001", "216002", "216003", "216004", "216005", "216006", "216007", "216008", "216011"]
    )
    not_decider = logged_in("Everything", PASSWORD).mutate("approveMeetingVisaLetter", {"id": str(letter.id)})
    assert not_decider["errors"][0]["code"] == "meeting.auth.permission_denied"
    assert VisaLetter.objects.get().status == "REQUESTED"
    assert ParticipantService(admin).cancel({"id": str(person.id)})["success"]
    cancelled = decider.mutate("approveMeetingVisaLetter", {"id": str(letter.id)})
    assert cancelled["errors"][0]["code"] == "meeting.documents.letter_needs_seat"
    full = open_event(admin, code="FULL", capacity=1)
    register(admin, full, 4)
    waiting = Participant.objects.get(id=register(admin, full, 5)["data"]["id"])
    assert waiting.status == "WAITLISTED"
    assert ask(desk, waiting)["errors"][0]["code"] == "meeting.documents.letter_needs_seat"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"passportNumber": "12"}, "meeting.documents.invalid_passport", "passportNumber"),
        ({"nationality": "XX"}, "meeting.validation.unknown_country", "nationality"),
        ({"dateOfBirth": "12/04/1988"}, "meeting.documents.invalid_date", "dateOfBirth"),
        ({"dateOfBirth": f"{YEAR + 1}-01-01"}, "meeting.documents.birth_in_future", "dateOfBirth"),
        ({"passportExpiry": "2001-01-01"}, "meeting.documents.passport_expires", "passportExpiry"),
    ],
)
def test_passport_details_are_checked(admin, event, desk, changes, code, field):
    person = confirmed(admin, event, 1)

    log = ask(desk, person, **changes)

    assert (log["errors"][0]["code"], log["errors"][0]["field"]) == (code, field)
    assert not VisaLetter.objects.exists()


def test_visa_data_is_in_no_export_and_erased_on_the_retention_date(admin, event, desk, decider):
    person = confirmed(admin, event, 1, last_name="Erased")
    assert ask(desk, person)["status"] == 2
    letter = VisaLetter.objects.get()
    assert decider.mutate("approveMeetingVisaLetter", {"id": str(letter.id)})["status"] == 2
    make_user("AllPersonal", rights=["216001", "216006"])
    everything = logged_in("AllPersonal", PASSWORD)
    export = b"".join(everything.http.get(f"{REST}events/{event.id}/participants.csv").streaming_content).decode()
    assert "Erased" in export and "AB1234567" not in export and "1988-04-12" not in export

    assert documents.erase_personal(person) == 1
    assert documents.erase_personal(person) == 0  # once

    letter.refresh_from_db()
    assert (letter.passport_number, letter.nationality, letter.date_of_birth, letter.passport_expiry) == (
        "",
        "",
        None,
        None,
    )
    assert letter.number == f"OIM-CM-YDE-VL-{YEAR}-0001" and letter.personal_data_erased_at is not None
    erased = everything.http.get(f"{REST}visa-letters/{letter.id}.pdf")
    assert erased.status_code == 400 and erased.json()["code"] == "meeting.documents.letter_erased"
    assert "genuine" in Client().get(f"{REST}verify/{letter.code}").content.decode()  # still verifiable


def approved_letter(admin, event, desk, decider, number=1, **changes) -> VisaLetter:
    person = confirmed(admin, event, number, first_name="Nguyễn Thị", last_name=f"Hương{number}")
    assert ask(desk, person, **changes)["status"] == 2
    letter = VisaLetter.objects.get(participant=person)
    assert decider.mutate("approveMeetingVisaLetter", {"id": str(letter.id)})["status"] == 2
    return VisaLetter.objects.get(id=letter.id)


def check_by_number(number, passport, client=None):
    return (client or Client()).get(f"{REST}verify/", {"number": number, "passport": passport})


def test_a_letter_is_verifiable_by_its_number_with_the_passport_number_it_names(admin, event, desk, decider):
    letter = approved_letter(admin, event, desk, decider)
    unknown = Client().get(f"{REST}verify/UNKNOWN-CODE-1234")

    for number, passport in ((letter.number, "AB1234567"), (letter.number.lower(), " ab 123-4567 ")):
        page = check_by_number(number, passport)
        body = page.content.decode()
        assert page.status_code == 200 and "This visa invitation letter is genuine." in body, (number, passport)
        assert letter.number in body and "Hương1" in body and "AB1234567" not in body and "1988" not in body

    # The number alone, another passport, a number not issued, a passport that cannot be one: the unknown code's page.
    for number, passport in (
        (letter.number, ""),
        (letter.number, "AB1234568"),
        (f"OIM-CM-YDE-VL-{YEAR}-0002", "AB1234567"),
        (letter.number, "<script>"),
        ("x" * 10_000, "AB1234567"),
    ):
        page = check_by_number(number, passport)
        assert (page.status_code, page.content) == (404, unknown.content), (number, passport)


def test_a_letter_not_approved_or_erased_is_not_confirmed_by_its_number(admin, event, desk, decider):
    letter = approved_letter(admin, event, desk, decider)
    documents.erase_personal(letter.participant)
    assert check_by_number(letter.number, "AB1234567").status_code == 404  # the passport it named is gone
    assert Client().get(f"{REST}verify/{letter.code}").status_code == 200  # its code still proves it

    person = confirmed(admin, event, 2)
    assert ask(desk, person)["status"] == 2
    requested = VisaLetter.objects.get(participant=person)
    assert requested.number is None and check_by_number("", "AB1234567").status_code == 404


def test_checks_by_number_are_limited_per_address_and_checks_by_code_are_not(admin, event, desk, decider, monkeypatch):
    from openimis_be_meeting.apps import MeetingConfig

    letter = approved_letter(admin, event, desk, decider)
    monkeypatch.setitem(MeetingConfig.config, "documents_letter_checks_per_ip", 3)
    client = Client()
    assert [check_by_number(letter.number, guess, client).status_code for guess in ("AA11111", "AA11112")] == [404] * 2
    assert check_by_number(letter.number, "AB1234567", client).status_code == 200
    refused = check_by_number(letter.number, "AB1234567", client)  # the fourth: refused, even when right
    assert refused.status_code == 429 and "Too many letters were checked" in refused.content.decode()
    assert "Hương1" not in refused.content.decode()
    assert client.get(f"{REST}verify/{letter.code}").status_code == 200
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert check_by_number(letter.number, "AB1234567", other).status_code == 200
