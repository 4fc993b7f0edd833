"""Badges read as a person reads them: the PDF's text (pdftotext) and its QR codes (rendered with pdftoppm, decoded
with zbarimg); the decoded code checks the person in through GraphQL; people without a seat get no badge."""

import pytest
from document_tools import badge_codes, content_of, needs_tools, page_count, pdf_text, qr_codes

from openimis_be_meeting.models import Attendance, Organisation, Participant
from openimis_be_meeting.services import OrganisationService, ParticipantService

from admin_pages import APP, action, admin_login
from factories import PASSWORD, make_user, open_event, register, running_event
from frontend import REST, Enum, logged_in

pytestmark = [pytest.mark.django_db, needs_tools]

PRINTER = ["216011"]
NAMES = [
    ("Nguyễn Thị", "Hương", "VN"),
    ("Çağrı", "Öztürk", "TR"),
    ("Αλέξανδρος", "Παπαδόπουλος", "GR"),
    ("Дмитрий", "Шостакович", "UA"),
    ("Amina", "Ndongo", "CM"),
]


def people(admin, event, names=NAMES, **details) -> list[Participant]:
    found = []
    for number, (first, last, country) in enumerate(names):
        result = register(admin, event, number, first_name=first, last_name=last, country=country, **details)
        assert result["success"], result
        found.append(Participant.objects.get(id=result["data"]["id"]))
    return found


def get(session, path: str, **params):
    return session.http.get(REST + path, params)


@pytest.fixture
def printer(db):
    make_user("Printer", rights=PRINTER)
    return logged_in("Printer", PASSWORD)


def test_the_event_badges_carry_every_name_and_a_code_that_checks_the_person_in(admin, printer):
    event = running_event(admin, name="Réunion communautaire de Yaoundé")
    confirmed = people(admin, event)
    pdf = content_of(get(printer, f"events/{event.id}/badges.pdf"))

    text = pdf_text(pdf)
    for first, last, country in NAMES:
        assert first in text and last in text and country in text
    assert text.count("Réunion communautaire de Yaoundé") == len(NAMES)
    assert text.count("ATTENDEE") == len(NAMES)
    [codes] = badge_codes(pdf)
    assert sorted(codes) == sorted(person.checkin_token for person in confirmed)

    door = make_user("Door", rights=["216005"])
    log = logged_in(door.username, PASSWORD).mutate(
        "checkInMeetingParticipant", {"token": codes[0], "method": Enum("QR"), "eventId": str(event.id)}
    )
    assert log["status"] == 2, log
    scanned = Participant.objects.get(checkin_token=codes[0])
    assert Attendance.objects.get().participant == scanned


def test_eight_badges_to_a_sheet_and_no_badge_for_cancelled_waitlisted_or_pending(admin, printer):
    event = open_event(admin, capacity=10)
    many = people(admin, event, [(f"Person{n}", f"Seat{n:02}", "CM") for n in range(10)])
    waitlisted = register(admin, event, 50, first_name="Waiting", last_name="Listed")["data"]
    assert waitlisted["status"] == "WAITLISTED"
    assert ParticipantService(admin).cancel({"id": str(many[0].id)})["success"]

    pdf = content_of(get(printer, f"events/{event.id}/badges.pdf"))

    assert page_count(pdf) == 2  # 10 seats, one cancelled (the waitlisted person moved up): 8 + 2
    text = pdf_text(pdf)
    assert "Seat00" not in text and "Listed" in text  # the first in line took the cancelled seat
    assert sum(len(codes) for codes in badge_codes(pdf)) == 10
    refused = get(printer, f"participants/{many[0].id}/badge.pdf")
    assert refused.status_code == 400 and refused.json()["code"] == "meeting.documents.no_badge"
    assert "Cancelled" in refused.json()["message"]


def test_a_large_event_is_streamed_in_chunks_that_make_one_valid_pdf(admin, printer):
    event = running_event(admin, capacity=200)
    many = people(admin, event, [(f"Person{n}", f"Many{n:03}", "CM") for n in range(170)])

    response = get(printer, f"events/{event.id}/badges.pdf")

    assert response.streaming  # sent while drawn: 170 badges are three chunks of up to ten sheets
    pdf = content_of(response)
    assert page_count(pdf) == 22  # 170 / 8 per sheet
    text = pdf_text(pdf)
    assert all(f"Many{n:03}" in text for n in range(170))
    assert text.index("Many000") < text.index("Many080") < text.index("Many169")  # in order across the chunks
    codes = [code for page in badge_codes(pdf) for code in page]
    assert sorted(codes) == sorted(person.checkin_token for person in many)


def test_a_waitlisted_or_pending_person_has_no_badge_and_no_badge_url(admin, printer):
    full = open_event(admin, capacity=1, code="FULL")
    people(admin, full, [("Seated", "One", "CM")])
    waiting = Participant.objects.get(id=register(admin, full, 9, first_name="Waiting")["data"]["id"])
    approval = open_event(admin, code="APPROVE", requires_approval=True)
    pending = Participant.objects.get(id=register(admin, approval, 8, first_name="Pending")["data"]["id"])
    assert (waiting.status, pending.status) == ("WAITLISTED", "PENDING")

    for person, status in ((waiting, "Waiting list"), (pending, "Pending approval")):
        answer = get(printer, f"participants/{person.id}/badge.pdf")
        assert answer.status_code == 400 and status in answer.json()["message"]
    organiser = logged_in("Admin", PASSWORD)
    result = organiser.post(
        f'{{ meetingParticipants(eventId: "{full.id}", orderBy: ["lastName"]) '
        "{ edges { node { lastName status badgeUrl } } } }"
    )
    nodes = [edge["node"] for edge in result["data"]["meetingParticipants"]["edges"]]
    urls = {node["status"]: node["badgeUrl"] for node in nodes}
    assert urls["WAITLISTED"] is None and urls["CONFIRMED"].endswith("/badge.pdf")
    refused = get(printer, f"events/{full.id}/badges.pdf", status="WAITLISTED")
    assert refused.status_code == 400 and refused.json()["code"] == "meeting.documents.badge_status"


def test_badge_url_from_graphql_gives_one_badge_with_its_code(admin):
    event = running_event(admin)
    [person] = people(admin, event, [("Çağrı", "Öztürk", "TR")])
    organiser = logged_in("Admin", PASSWORD)
    result = organiser.post(
        f'{{ meetingParticipants(eventId: "{event.id}") {{ edges {{ node {{ badgeUrl }} }} }} '
        f'meetingEvents(code: "{event.code}") {{ edges {{ node {{ badgesUrl }} }} }} }}'
    )
    assert "errors" not in result, result
    [node] = [edge["node"] for edge in result["data"]["meetingParticipants"]["edges"]]
    [event_node] = [edge["node"] for edge in result["data"]["meetingEvents"]["edges"]]
    assert event_node["badgesUrl"] == f"{REST}events/{event.id}/badges.pdf"
    url = node["badgeUrl"]

    pdf = content_of(organiser.http.get(url))

    assert "Çağrı" in pdf_text(pdf) and "Öztürk" in pdf_text(pdf)
    assert qr_codes(pdf) == [[person.checkin_token]]


def test_badge_urls_are_null_and_badges_refused_without_the_badge_right(admin):
    event = running_event(admin)
    [person] = people(admin, event, [("Amina", "Ndongo", "CM")])
    make_user("Reader", rights=["215001", "216001", "216006"])
    reader = logged_in("Reader", PASSWORD)
    result = reader.post(f'{{ meetingParticipants(eventId: "{event.id}") {{ edges {{ node {{ badgeUrl }} }} }} }}')
    assert result["data"]["meetingParticipants"]["edges"] == [{"node": {"badgeUrl": None}}]
    for path in (f"events/{event.id}/badges.pdf", f"participants/{person.id}/badge.pdf"):
        answer = get(reader, path)
        assert answer.status_code == 403 and answer.json()["code"] == "meeting.auth.permission_denied"


def test_filters_by_role_and_organisation(admin, printer):
    event = running_event(admin)
    OrganisationService(admin).create({"name": "GIZ Cameroun", "organisation_type": "DONOR", "country": "CM"})
    organisation = Organisation.objects.get(name="GIZ Cameroun")
    speaker, attendee, other = people(admin, event, NAMES[:3])
    Participant.objects.filter(id=speaker.id).update(role="SPEAKER", organisation=organisation)
    Participant.objects.filter(id=attendee.id).update(organisation=organisation)

    speakers = pdf_text(content_of(get(printer, f"events/{event.id}/badges.pdf", role="SPEAKER")))
    from_giz = pdf_text(content_of(get(printer, f"events/{event.id}/badges.pdf", organisationId=str(organisation.id))))

    assert "SPEAKER" in speakers and speaker.last_name in speakers and attendee.last_name not in speakers
    assert speaker.last_name in from_giz and attendee.last_name in from_giz and other.last_name not in from_giz
    assert from_giz.count("GIZ Cameroun") == 2
    bad = get(printer, f"events/{event.id}/badges.pdf", role="KING")
    assert bad.status_code == 400 and bad.json()["code"] == "meeting.validation.invalid_choice"


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [("太郎", "山田", "??"), ("राम", "शर्मा", "???"), ("محمد", "علي", "????"), ("דוד", "כהן", "???")],
)
def test_a_script_no_font_prints_is_flagged_never_silently_boxed_or_reversed(admin, printer, first, last, shown):
    event = running_event(admin)
    [person] = people(admin, event, [(first, last, "JP")])

    pdf = content_of(get(printer, f"participants/{person.id}/badge.pdf"))

    text = pdf_text(pdf)
    assert "Name not printable: write it by hand" in text
    assert shown in text and first not in text  # question marks, not empty, invisible or reversed glyphs
    assert qr_codes(pdf) == [[person.checkin_token]]


def test_the_admin_action_prints_the_selected_confirmed_badges(admin):
    event = running_event(admin)
    chosen = people(admin, event, NAMES[:3])
    assert ParticipantService(admin).cancel({"id": str(chosen[2].id)})["success"]
    make_user("AdminPrinter", rights=["215001", "216001", "216011"])
    browser = admin_login("AdminPrinter")

    response = action(browser, "participant", "print_badges", chosen)

    pdf = content_of(response)
    text = pdf_text(pdf)
    assert chosen[0].last_name in text and chosen[1].last_name in text and chosen[2].last_name not in text
    assert sorted(badge_codes(pdf)[0]) == sorted(person.checkin_token for person in chosen[:2])


def test_the_admin_action_needs_the_badge_right(admin):
    event = running_event(admin)
    chosen = people(admin, event, NAMES[:1])
    make_user("AdminReader", rights=["215001", "216001", "216006"])

    browser = admin_login("AdminReader")

    assert 'value="print_badges"' not in browser.get(f"{APP}participant/").content.decode()
    response = action(browser, "participant", "print_badges", chosen)
    assert response["Content-Type"].startswith("text/html")  # Django ignores an action the user is not offered
    assert 'value="print_badges"' in admin_login("Admin").get(f"{APP}participant/").content.decode()
