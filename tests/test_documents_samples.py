"""Not a test: with MEETING_DOCUMENT_SAMPLES=<folder> it writes the sample badge sheet, certificate and letter shown
in docs/documents.md (PDF and, rendered by pdftoppm, PNG) through the same interfaces users call:

    MEETING_DOCUMENT_SAMPLES=docs/documents .venv/bin/python -m pytest tests/test_documents_samples.py
"""

import os
import subprocess
from pathlib import Path

import pytest
from document_tools import content_of, needs_tools
from document_world import check_in, confirmed, event_under_way

from openimis_be_meeting.models import Organisation, Participant, VisaLetter
from openimis_be_meeting.services import OrganisationService

from factories import PASSWORD
from frontend import REST, Enum, logged_in

FOLDER = os.environ.get("MEETING_DOCUMENT_SAMPLES")
pytestmark = [
    pytest.mark.django_db,
    needs_tools,
    pytest.mark.skipif(
        not FOLDER, reason="writes the documentation's samples only when MEETING_DOCUMENT_SAMPLES is set"
    ),
]
PEOPLE = [
    ("Nguyễn Thị", "Hương", "VN", "SPEAKER"),
    ("Çağrı", "Öztürk", "TR", "ATTENDEE"),
    ("Αλέξανδρος", "Παπαδόπουλος", "GR", "SHOWCASE_PRESENTER"),
    ("Дмитрий", "Шостакович", "UA", "DONOR_REPRESENTATIVE"),
    ("Amina", "Ndongo", "CM", "ORGANISER"),
    ("Jean-Baptiste", "Mbarga", "CM", "PRESS"),
    ("Zoë", "Müller", "DE", "OBSERVER"),
    ("太郎", "山田", "JP", "ATTENDEE"),
]


def save(name: str, pdf: bytes) -> None:
    folder = Path(FOLDER)
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-singlefile", str(folder / f"{name}.pdf"), str(folder / name)], check=True
    )
    (folder / f"{name}.pdf").unlink()


def test_write_the_samples(admin):
    session = logged_in("Admin", PASSWORD)
    event = event_under_way(
        admin, code="CM-YDE", name="openIMIS Community Meeting 2026", city="Yaoundé", venue="Hilton Yaoundé"
    )
    session.mutate(
        "updateMeetingDocumentSettings",
        {
            "eventId": str(event.id),
            "certificateRule": Enum("DAYS"),
            "certificateMinDays": 2,
            "signatoryName": "Dr Amina Ndongo",
            "signatoryTitle": "Chair, openIMIS Initiative",
            "letterhead": "openIMIS Initiative\nc/o GIZ, Friedrich-Ebert-Allee 32, 53113 Bonn, Germany",
            "letterPrefix": "OIM-CM-YDE",
        },
    )
    OrganisationService(admin).create({"name": "Ministry of Health", "organisation_type": "MINISTRY", "country": "CM"})
    ministry = Organisation.objects.get(name="Ministry of Health")
    people = [
        confirmed(admin, event, n, first_name=first, last_name=last, country=land)
        for n, (first, last, land, _role) in enumerate(PEOPLE)
    ]
    for person, (_f, _l, _c, role) in zip(people, PEOPLE, strict=True):
        Participant.objects.filter(id=person.id).update(role=role, organisation=ministry)
    save("badges", content_of(session.http.get(f"{REST}events/{event.id}/badges.pdf")))

    check_in(admin, people[0], days_ago=1)
    check_in(admin, people[0])
    assert session.mutate("issueMeetingCertificate", {"participantId": str(people[0].id)})["status"] == 2
    save("certificate", content_of(session.http.get(f"{REST}participants/{people[0].id}/certificate.pdf")))

    request = {
        "participantId": str(people[1].id),
        "passportNumber": "U12345678",
        "nationality": "TR",
        "dateOfBirth": "1990-05-17",
        "passportExpiry": "2031-01-31",
    }
    assert session.mutate("requestMeetingVisaLetter", request)["status"] == 2
    letter = VisaLetter.objects.get()
    assert session.mutate("approveMeetingVisaLetter", {"id": str(letter.id)})["status"] == 2
    save("letter", content_of(session.http.get(f"{REST}visa-letters/{letter.id}.pdf")))
