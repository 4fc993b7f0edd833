"""Headless Chromium against the demo host served by a live server; run with `make test-browser`.

Plain `make test` skips these tests: they need MEETING_BROWSER_TESTS=1 and Debian's chromium and chromedriver.
"""

import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from browser_pages import AdminBrowser
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DEMO_USER = "Admin"
DEMO_PASSWORD = "admin123"

# --no-sandbox because CI runs as root; the networking flags keep Chromium from calling home on a closed network.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--lang=en-GB",
)


def _missing_browser() -> str:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    return ", ".join(missing)


@pytest.fixture(scope="session", autouse=True)
def _browser_wanted():
    """Skip unless asked for; when asked for, a missing browser is an error, not a silent skip."""
    if os.environ.get("MEETING_BROWSER_TESTS") != "1":
        pytest.skip("browser test: set MEETING_BROWSER_TESTS=1 to run it (make test-browser)")
    if missing := _missing_browser():
        pytest.fail(f"browser test: {missing} not found; install them with `make browser-deps`", pytrace=False)


def _chromium(*extra_flags: str, performance_log: bool = False):
    """A fresh headless Chromium (new profile, no cookies), driven through Debian's chromedriver, never downloaded."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="meeting-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, *extra_flags, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if performance_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        yield driver
        driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def chromium():
    yield from _chromium()


@pytest.fixture
def offline_chromium():
    """Chromium with the network cut (every host name but localhost and 127.0.0.1 fails to resolve), and a
    performance log of every request the pages make."""
    yield from _chromium(
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1", performance_log=True
    )


@pytest.fixture
def demo_host(live_server, settings):
    """The live server with the data `make demo` seeds, and axes watching logins as in an instance."""
    settings.AXES_ENABLED = True
    call_command("demo_setup", stdout=StringIO())  # Admin / admin123, as `make demo`
    return live_server


@pytest.fixture
def browser(chromium, demo_host):
    """The browser pointed at the demo host; screenshots go to the git-ignored screenshots/ folder."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return AdminBrowser(chromium, base_url=demo_host.url, screenshots=SCREENSHOTS)


@pytest.fixture
def admin_browser(browser):
    """The demo administrator logged in through the admin's login form."""
    browser.log_in(DEMO_USER, DEMO_PASSWORD)
    assert browser.heading() == "Site administration", browser.text()
    return browser
