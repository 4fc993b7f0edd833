"""End to end in headless Chromium against the demo host: an organiser runs a small event's registration in the
Django admin, from the login form to the waiting list, check-in and the French pages (issue 8)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from browser_pages import AdminBrowser

from openimis_be_meeting.models import Attendance, Event, Participant

from factories import PASSWORD, make_user

EVENTS = "/api/admin/openimis_be_meeting/event/"
PARTICIPANTS = "/api/admin/openimis_be_meeting/participant/"
CODE = "E2E-CHROMIUM"
EVENT = f"{CODE} Briefing on the browser test"
# Approved in this order (the list is sorted by last name): two seats, then the waiting list.
PEOPLE = [("Amina", "Abanda"), ("Bruno", "Bekolo"), ("Carine", "Chedjou")]
LATECOMER = ("Didier", "Dikongue")


def today_in_douala() -> str:
    return datetime.now(ZoneInfo("Africa/Douala")).date().isoformat()


def tomorrow_in_douala() -> str:
    return (datetime.now(ZoneInfo("Africa/Douala")).date() + timedelta(days=1)).isoformat()


def test_login_form_lets_the_demo_administrator_in(admin_browser: AdminBrowser):
    assert "Site administration" in admin_browser.driver.title
    modules = admin_browser.text()
    assert "OPENIMIS MEETINGS" in modules
    for page in ("Events", "Participants", "Organisations", "Showcases", "Sessions"):
        assert f"\n{page}\n" in modules
    admin_browser.screenshot("01-admin-index")


def test_login_form_refuses_a_wrong_password_and_a_user_without_the_modules_rights(browser: AdminBrowser):
    make_user("Nobody", rights=[])
    for username, password in (("Admin", "not-the-password"), ("Nobody", PASSWORD)):
        browser.log_in(username, password)

        assert "Please enter the correct username and password for a staff account." in browser.text()
        browser.open("/api/admin/")
        assert browser.driver.current_url.endswith("/api/admin/login/?next=/api/admin/")


def add_event(browser: AdminBrowser, *, ends_on: str) -> None:
    browser.open(EVENTS + "add/")
    browser.fill("code", CODE)
    browser.fill("name", "Briefing on the browser test")
    browser.choose("event_type", value="WORKSHOP")
    browser.choose("timezone", value="Africa/Douala")
    browser.fill("starts_at_0", today_in_douala())
    browser.fill("starts_at_1", "00:00")
    browser.fill("ends_at_0", ends_on)
    browser.fill("ends_at_1", "23:00")
    browser.fill("venue", "Palais des Congrès")
    browser.fill("city", "Yaoundé")
    browser.choose("country", value="CM")
    browser.fill("capacity", "2")
    browser.tick("requires_approval")
    browser.save()


def register(browser: AdminBrowser, first_name: str, last_name: str) -> None:
    browser.open(PARTICIPANTS + "add/")
    browser.choose("event", label=EVENT)
    browser.fill("first_name", first_name)
    browser.fill("last_name", last_name)
    browser.fill("email", f"{first_name.lower()}@example.cm")
    browser.save()


def show_event_participants(browser: AdminBrowser) -> list[dict[str, str]]:
    browser.open(PARTICIPANTS)
    browser.click_link(EVENT, within="#changelist-filter")
    return browser.table()


def statuses(rows, *, name="NAME", status="STATUS", position="WAITING-LIST POSITION") -> dict[str, tuple[str, str]]:
    """Each person's status and waiting-list position as the participant list shows them."""
    return {row[name]: (row[status], row[position]) for row in rows}


def test_an_organiser_runs_a_small_events_registration_in_the_admin(admin_browser: AdminBrowser):
    browser = admin_browser
    browser.open(EVENTS)
    demo_codes = {row["CODE"] for row in browser.table()}
    assert demo_codes == {"OIM-CM-YDE", "CORE-MIS-MERGE", "FHIR-CONNECT", "AEHIN-TRAIN", "MINAS-SR-WS"}
    browser.screenshot("02-event-list")

    # An event that would end before it starts: the service's message on the form, nothing saved.
    add_event(browser, ends_on="2000-01-01")
    assert browser.heading() == "Add event"
    assert "The event must end after it starts." in browser.errors()
    browser.screenshot("03-event-form-error")
    assert not Event.objects.filter(code=CODE).exists()

    add_event(browser, ends_on=tomorrow_in_douala())
    assert f"The event “{EVENT}” was added successfully." in browser.messages()
    browser.run_action("publish_events", [CODE])
    assert browser.messages() == [f"{EVENT}: Published."]
    browser.run_action("open_registration", [CODE])
    assert browser.messages() == [f"{EVENT}: Registration open."]
    # The same action again is refused for that row, in the service's words.
    browser.run_action("publish_events", [CODE])
    assert browser.messages() == [f"{EVENT}: An event cannot go from REGISTRATION_OPEN to PUBLISHED."]
    row = next(row for row in browser.table() if row["CODE"] == CODE)
    assert (row["STATUS"], row["CAPACITY"], row["CONFIRMED"], row["WAITING LIST"]) == (
        "Registration open",
        "2",
        "0",
        "0",
    )

    # Three registrations for two seats: the event needs approval, so all wait for a decision.
    for first_name, last_name in PEOPLE:
        register(browser, first_name, last_name)
        assert f"The participant “{first_name} {last_name}” was added successfully." in browser.messages()
    register(browser, *PEOPLE[0])
    assert browser.errors() == ["This email address is already registered for this event."]
    rows = show_event_participants(browser)
    assert statuses(rows) == {
        "Amina Abanda": ("Pending approval", "-"),
        "Bruno Bekolo": ("Pending approval", "-"),
        "Carine Chedjou": ("Pending approval", "-"),
    }

    # Approving all three fills the two seats; the third goes to the waiting list.
    browser.run_action("approve_participants", ["Amina Abanda", "Bruno Bekolo", "Carine Chedjou"])
    assert browser.messages() == [
        "Amina Abanda: Confirmed.",
        "Bruno Bekolo: Confirmed.",
        "Carine Chedjou: Waiting list.",
    ]
    register(browser, *LATECOMER)
    show_event_participants(browser)
    browser.run_action("approve_participants", ["Didier Dikongue"])
    assert browser.messages() == ["Didier Dikongue: Waiting list."]
    assert statuses(browser.table()) == {
        "Amina Abanda": ("Confirmed", "-"),
        "Bruno Bekolo": ("Confirmed", "-"),
        "Carine Chedjou": ("Waiting list", "1"),
        "Didier Dikongue": ("Waiting list", "2"),
    }
    browser.screenshot("04-participants-waiting-list")

    # Check-in today: the confirmed participant is in; the one on the waiting list is refused for that row only.
    browser.run_action("check_in_participants", ["Amina Abanda", "Carine Chedjou"])
    assert browser.messages() == [
        "Amina Abanda: checked in.",
        "Carine Chedjou: Only confirmed participants can be checked in; this one is Waiting list.",
    ]

    # In French: Django's and the module's labels, the columns, the statuses and the service's messages.
    browser.use_language("fr")
    rows = show_event_participants(browser)
    browser.screenshot("05-participants-fr")
    french = browser.text()
    assert "Administration de Django" in french
    assert "Réunions openIMIS" in french  # the module's own name on the page
    assert "Approuver les participants sélectionnés" in browser.action_labels()
    for model in ("Événements", "Participants", "Organisations", "Démonstrations", "Systèmes numériques", "Normes"):
        assert f"\n{model} Ajouter\n" in french
    assert "\nPar statut\nTout\nEn attente d'approbation\nConfirmé\nListe d'attente\n" in french
    assert list(rows[0]) == [
        "NOM",
        "STATUT",
        "RANG SUR LA LISTE D'ATTENTE",
        "ÉVÉNEMENT",
        "ORGANISATION",
        "RÔLE",
        "INSCRIT LE",
        "E-MAIL",
    ]
    assert statuses(rows, name="NOM", status="STATUT", position="RANG SUR LA LISTE D'ATTENTE") == {
        "Amina Abanda": ("Confirmé", "-"),
        "Bruno Bekolo": ("Confirmé", "-"),
        "Carine Chedjou": ("Liste d'attente", "1"),
        "Didier Dikongue": ("Liste d'attente", "2"),
    }
    assert {(row["ÉVÉNEMENT"], row["RÔLE"]) for row in rows} == {(CODE, "Participant")}
    browser.run_action("check_in_participants", ["Bruno Bekolo", "Carine Chedjou"])
    done, refused = browser.messages()
    assert done == "Bruno Bekolo : arrivée enregistrée."
    assert refused.startswith("Carine Chedjou")
    assert refused.endswith(
        "Seuls les participants confirmés peuvent être enregistrés ; celui-ci est : Liste d'attente."
    )
    add_event(browser, ends_on="2000-01-01")
    assert browser.errors() == ["L'événement doit se terminer après son début."]

    event = Event.objects.get(code=CODE)
    assert (event.status, event.capacity, event.requires_approval) == ("REGISTRATION_OPEN", 2, True)
    people = Participant.objects.filter(event=event, is_deleted=False).order_by("last_name")
    assert [(p.last_name, p.status, p.waitlist_position) for p in people] == [
        ("Abanda", "CONFIRMED", None),
        ("Bekolo", "CONFIRMED", None),
        ("Chedjou", "WAITLISTED", 1),
        ("Dikongue", "WAITLISTED", 2),
    ]
    checked_in = Attendance.objects.filter(participant__event=event).order_by("participant__last_name")
    assert [(row.participant.last_name, row.day.isoformat()) for row in checked_in] == [
        ("Abanda", today_in_douala()),
        ("Bekolo", today_in_douala()),
    ]
    assert Event.objects.filter(is_deleted=False).count() == 6
