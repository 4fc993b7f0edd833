"""Certificates of attendance read as a reader reads them (pdftotext, the QR code decoded by zbarimg), issued only
when the event's rule is met, and the public verification page: name, event and days, nothing else; revoked says
so; unknown and malformed codes get the same answer."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from document_tools import content_of, needs_tools, pdf_text, qr_codes
from document_world import check_in, confirmed, event_under_way, move_event
from mail_helpers import deliver, text_of

from openimis_be_meeting.models import Certificate, Participant
from openimis_be_meeting.services import SessionService

from factories import PASSWORD, make_user
from frontend import Enum, logged_in

pytestmark = [pytest.mark.django_db, needs_tools]

ISSUER = ["216009", "215001", "216001"]


@pytest.fixture
def issuer(db):
    make_user("Issuer", rights=ISSUER)
    return logged_in("Issuer", PASSWORD)


def settle(session, event, **settings):
    log = session.mutate("updateMeetingDocumentSettings", {"eventId": str(event.id), **settings})
    assert log["status"] == 2, log


def issue(session, participant, **extra):
    return session.mutate("issueMeetingCertificate", {"participantId": str(participant.id), **extra})


def certificate_url(session, participant) -> str | None:
    result = session.post(
        f'{{ meetingParticipants(eventId: "{participant.event_id}") {{ edges {{ node {{ uuid certificateUrl }} }} }} }}'
    )
    assert "errors" not in result, result
    [node] = [
        e["node"] for e in result["data"]["meetingParticipants"]["edges"] if e["node"]["uuid"] == str(participant.id)
    ]
    return node["certificateUrl"]


@pytest.fixture
def two_day_event(admin):
    event = event_under_way(admin, name="Réunion communautaire openIMIS", city="Yaoundé", venue="Hilton Yaoundé")
    settle(
        logged_in("Admin", PASSWORD),
        event,
        certificateRule=Enum("DAYS"),
        certificateMinDays=2,
        signatoryName="Dr Amina Ndongo",
        signatoryTitle="Directrice, GIZ Cameroun",
    )
    return event


def test_a_certificate_names_the_days_its_signatory_and_a_code_that_opens_its_verification_page(
    admin, issuer, two_day_event
):
    person = confirmed(admin, two_day_event, 1, first_name="Nguyễn Thị", last_name="Hương", email="huong@x.vn")
    check_in(admin, person, days_ago=1)
    check_in(admin, person)

    log = issue(issuer, person)

    assert log["status"] == 2, log
    certificate = Certificate.objects.get(participant=person)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", certificate.code)
    pdf = content_of(issuer.http.get(certificate_url(issuer, person)))
    text = " ".join(pdf_text(pdf).split())
    assert "Certificate of attendance" in text and "Nguyễn Thị Hương" in text
    assert "Réunion communautaire openIMIS" in text and "Hilton Yaoundé" in text
    assert "Days attended: " in text
    assert "Dr Amina Ndongo" in text and "Directrice, GIZ Cameroun" in text
    assert certificate.code in text
    [[url]] = qr_codes(pdf)
    assert url == f"http://testserver/api/openimis_be_meeting/verify/{certificate.code}"

    page = Client().get(url)  # anyone, not logged in

    assert page.status_code == 200
    body = page.content.decode()
    assert "This certificate of attendance is valid." in body
    assert "Nguyễn Thị Hương" in body and "Réunion communautaire openIMIS" in body
    for day in certificate.days:
        assert str(int(day[8:])) in body
    assert "huong@x.vn" not in body and person.checkin_token not in body and "Hilton" not in body


def test_no_certificate_without_enough_attendance_and_none_for_the_waitlisted(admin, issuer, two_day_event):
    once = confirmed(admin, two_day_event, 2, last_name="Once")
    check_in(admin, once)

    log = issue(issuer, once)

    assert log["status"] == 1
    assert log["errors"][0]["code"] == "meeting.documents.not_enough_attendance"
    assert log["errors"][0]["message"] == (
        "A certificate needs presence on at least 2 day(s); Person2 Once was present on 1."
    )
    assert not Certificate.objects.exists()
    assert certificate_url(issuer, once) is None
    missing = issuer.http.get(f"/api/openimis_be_meeting/participants/{once.id}/certificate.pdf")
    assert missing.status_code == 404 and missing.json()["code"] == "meeting.documents.no_certificate"


def test_the_session_share_rule(admin, issuer):
    event = event_under_way(admin)
    settle(logged_in("Admin", PASSWORD), event, certificateRule=Enum("SESSION_SHARE"), certificateMinSessionPercent=50)
    sessions = []
    for number, title in enumerate(("Opening plenary", "FHIR clinic")):
        result = SessionService(admin).create(
            {
                "event_id": str(event.id),
                "title": title,
                "session_type": "PLENARY",
                "starts_at": event.starts_at.replace(tzinfo=None) + timedelta(hours=1 + number),
                "ends_at": event.starts_at.replace(tzinfo=None) + timedelta(hours=2 + number),
            }
        )
        assert result["success"], result
        sessions.append(result["data"]["id"])
    half, none = confirmed(admin, event, 3, last_name="Half"), confirmed(admin, event, 4, last_name="Venue")
    check_in(admin, half, session_id=sessions[1])
    check_in(admin, none)

    assert issue(issuer, none)["errors"][0]["code"] == "meeting.documents.not_enough_attendance"
    assert issue(issuer, half)["status"] == 2
    text = " ".join(pdf_text(content_of(issuer.http.get(certificate_url(issuer, half)))).split())
    assert "Sessions attended: FHIR clinic." in text and "Opening plenary" not in text


def test_bulk_issue_after_completion_mails_each_certificate_once(admin, issuer, two_day_event, smtp):
    both = [confirmed(admin, two_day_event, n, last_name=f"Both{n}", email=f"both{n}@x.cm") for n in (5, 6)]
    for person in both:
        check_in(admin, person, days_ago=1)
        check_in(admin, person)
    short = confirmed(admin, two_day_event, 7, last_name="Short")
    check_in(admin, short)
    early = issuer.mutate("issueMeetingCertificates", {"eventId": str(two_day_event.id)})
    assert early["errors"][0]["code"] == "meeting.documents.bulk_needs_completed"
    move_event(admin, two_day_event, "COMPLETED")

    log = issuer.mutate("issueMeetingCertificates", {"eventId": str(two_day_event.id)})
    again = issuer.mutate("issueMeetingCertificates", {"eventId": str(two_day_event.id)})
    deliver()  # through the outbox and a real SMTP server, as an instance without workers sends it

    assert (log["status"], again["status"]) == (2, 2)
    assert sorted(c.participant.last_name for c in Certificate.objects.all()) == ["Both5", "Both6"]
    mailed = [m for m in smtp.messages() if any(True for _ in m.iter_attachments())]
    assert sorted(message["To"] for message in mailed) == ["both5@x.cm", "both6@x.cm"]
    [attachment] = list(mailed[0].iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    certificate = Certificate.objects.get(participant__email=mailed[0]["To"])
    assert certificate.code in text_of(mailed[0]) and certificate.code in pdf_text(attachment.get_content())


def test_a_revoked_certificate_says_so_and_unknown_or_malformed_codes_get_one_answer(admin, issuer, two_day_event):
    person = confirmed(admin, two_day_event, 8, last_name="Revoked")
    check_in(admin, person, days_ago=1)
    check_in(admin, person)
    assert issue(issuer, person)["status"] == 2
    code = Certificate.objects.get().code
    no_reason = issuer.mutate("revokeMeetingCertificate", {"participantId": str(person.id), "reason": " "})
    assert no_reason["errors"][0]["code"] == "meeting.documents.reason_required"

    log = issuer.mutate("revokeMeetingCertificate", {"participantId": str(person.id), "reason": "Attendance forged"})

    assert log["status"] == 2, log
    page = Client().get(f"/api/openimis_be_meeting/verify/{code.lower()}")
    body = page.content.decode()
    assert page.status_code == 200 and "was revoked" in body and "Revoked" in body
    assert "Attendance forged" not in body and "Days attended" not in body
    answers = [
        Client().get(f"/api/openimis_be_meeting/verify/{text}")
        for text in ("AAAA-BBBB-CCCC", "not a code", "<script>", "x" * 500, "a/b/c", "")
    ]
    answers.append(Client().get("/api/openimis_be_meeting/verify/", {"code": "AAAA-BBBB-CCCC"}))
    assert {(answer.status_code, answer.content) for answer in answers} == {(404, answers[0].content)}
    assert "No valid document has this code" in answers[0].content.decode()


def test_certificates_need_their_right(admin, two_day_event):
    person = confirmed(admin, two_day_event, 9)
    make_user("Reader", rights=["215001", "216001", "216006"])
    reader = logged_in("Reader", PASSWORD)

    log = issue(reader, person)

    assert log["errors"][0]["code"] == "meeting.auth.permission_denied"
    assert certificate_url(reader, person) is None
    assert Participant.objects.get(id=person.id).certificates.count() == 0
