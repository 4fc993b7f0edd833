"""The public pages in a real Chromium: a person registers in English, another in French (by the page's language
switch), each follows the link from the mail a real SMTP server received, sees the personal page; the first cancels
and the second, next in line, is seated. axe-core checks every page: a serious or critical violation fails."""

from pathlib import Path

import pytest
from browser_pages import AdminBrowser
from public_helpers import public_event
from public_pages import accessibility_violations, axe_source, first_link, start_smtp, text_of
from selenium.webdriver.common.by import By

from openimis_be_meeting.models import Participant

from factories import make_user

SMTP_PORT = 8725
DOCS = Path(__file__).resolve().parents[2] / "docs" / "public"


@pytest.fixture
def mailbox(settings):
    controller, mailbox = start_smtp(SMTP_PORT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "meetings@openimis.example"
    yield mailbox
    controller.stop()


class PublicBrowser(AdminBrowser):
    def __init__(self, *args, axe: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.axe = axe
        self.checked = []

    def check(self, name: str) -> None:
        """axe-core on this page (serious or critical violations fail), then a screenshot for docs/public/."""
        violations = accessibility_violations(self.driver, self.axe)
        assert violations == [], (name, self.driver.current_url.split("/public/")[0], violations)
        self.checked.append(name)
        self.screenshot(name)

    def go(self, url: str) -> None:
        self.driver.get(url)

    def submit(self) -> None:
        self.click("main button[type=submit]")

    def fill_registration(self, first: str, last: str, mail: str) -> None:
        self.fill("first_name", first)
        self.fill("last_name", last)
        self.fill("email", mail)
        self.fill("organisation", "Ministry of Public Health")
        self.choose("country", value="CM")
        self.tick("consent_listed")
        self.tick("accept_privacy")


@pytest.fixture
def public_browser(chromium, live_server):
    DOCS.mkdir(parents=True, exist_ok=True)
    return PublicBrowser(chromium, base_url=live_server.url, screenshots=DOCS, axe=axe_source())


def test_register_confirm_by_mail_cancel_and_the_next_in_line_is_seated(public_browser, mailbox, transactional_db):
    admin = make_user("Admin", admin=True)
    event = public_event(admin, capacity=1, name="openIMIS Community Meeting 2030")
    browser = public_browser

    browser.open(f"/api/openimis_be_meeting/public/events/{event.id}/")
    browser.check("event")
    browser.click("a.button")  # Register
    browser.submit()  # empty: every error beside its field
    assert "First name is required." in browser.text()
    browser.check("register-errors")
    browser.fill_registration("Awa", "Mbarga", "awa@example.cm")
    browser.check("register")
    browser.submit()
    assert "Look in your mailbox" in browser.text()
    browser.check("sent")
    assert Participant.objects.count() == 0

    browser.go(first_link(mailbox.wait_for("awa@example.cm", 1)))
    browser.check("verify")
    browser.submit()
    assert "Your address is confirmed" in browser.text()
    browser.check("registered")
    welcome = mailbox.wait_for("awa@example.cm", 2)
    awa_page = first_link(welcome)
    browser.go(awa_page)
    assert "You are registered: your seat is confirmed." in browser.text()
    browser.check("personal")

    # The second person switches the pages to French and registers: the event is full, so the waiting list.
    browser.open(f"/api/openimis_be_meeting/public/events/{event.id}/register/")
    browser.click_link("Français")
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    browser.fill_registration("Jean", "Kamga", "jean@example.cm")
    browser.check("register-fr")
    browser.submit()
    assert "Consultez votre messagerie" in browser.text()
    verify = mailbox.wait_for("jean@example.cm", 1)
    assert "Confirmez votre inscription" in verify["Subject"]
    browser.go(first_link(verify))
    browser.submit()
    assert "Votre adresse est confirmée" in browser.text()
    jean_page = first_link(mailbox.wait_for("jean@example.cm", 2))
    browser.go(jean_page)
    assert "Vous êtes sur la liste d’attente, en position 1." in browser.text()
    browser.check("personal-fr-waiting")

    # The first cancels, after confirming; the second is seated at once.
    browser.go(awa_page + "?lang=en")
    browser.click("a.button.danger")
    browser.check("cancel")
    browser.submit()
    assert "Your registration is cancelled." in browser.text()
    browser.check("cancelled")
    browser.go(jean_page + "?lang=fr")
    assert "Vous êtes inscrit·e : votre place est confirmée." in browser.text()
    browser.check("personal-fr-seated")
    assert dict(Participant.objects.values_list("email", "status")) == {
        "awa@example.cm": "CANCELLED",
        "jean@example.cm": "CONFIRMED",
    }
    assert "Votre inscription à" in mailbox.wait_for("jean@example.cm", 2)["Subject"]
    assert "jean@example.cm" not in text_of(welcome)
