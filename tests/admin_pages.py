"""The Django admin as a person uses it, through the test client: log in on the admin's login form, open pages,
post forms and actions, read the messages and errors the page shows."""

import re
from html import unescape

from django.test import Client

from factories import PASSWORD

ADMIN = "/api/admin/"
APP = ADMIN + "openimis_be_meeting/"

# Roles of the participant pages.
READ = ["215001", "216001"]
REGISTRAR = [*READ, "216002", "216003"]
ORGANISER = [*REGISTRAR, "216004", "216005", "216006", "216007"]


def admin_login(username: str, password: str = PASSWORD, *, language: str | None = None) -> Client:
    """A browser-like client logged in through /api/admin/login/ (in `language`, by Accept-Language)."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language) if language else Client()
    response = client.post(ADMIN + "login/?next=" + ADMIN, {"username": username, "password": password, "next": ADMIN})
    assert response.status_code == 302 and response["Location"] == ADMIN, text(response)[:2000]
    return client


def text(response) -> str:
    """The page's visible text, tags dropped and blanks collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def messages_of(response) -> list[tuple[str, str]]:
    """(level, text) of the messages the page shows (the page an action or a save redirected to)."""
    items = re.findall(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    return [(level, _plain(body)) for level, body in re.findall(r'<li class="(\w+)">(.*?)</li>', "".join(items), re.S)]


def errors(response) -> list[str]:
    """The form's error messages, as shown (field and non-field)."""
    return [
        unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', response.content.decode(), flags=re.S)
        for item in re.findall(r"<li>(.*?)</li>", item, flags=re.S)
    ]


def action(client: Client, model: str, name: str, rows, **extra):
    """Run the changelist action `name` on `rows` (objects or ids) as the action bar's Go button does, and follow
    to the page it leads to."""
    data = {"action": name, "index": "0", "_selected_action": [str(getattr(row, "pk", row)) for row in rows], **extra}
    return client.post(f"{APP}{model}/", data, follow=True)


def split(moment) -> dict:
    """A naive datetime as the admin's split date and time inputs take it."""
    return {"0": moment.strftime("%Y-%m-%d"), "1": moment.strftime("%H:%M:%S")}


def datetime_fields(**moments) -> dict:
    """{"starts_at_0": date, "starts_at_1": time, ...} for each naive datetime given (None leaves both empty)."""
    data = {}
    for name, moment in moments.items():
        parts = split(moment) if moment is not None else {"0": "", "1": ""}
        data.update({f"{name}_{index}": value for index, value in parts.items()})
    return data


def column(response, name: str) -> list[str]:
    """The texts of one change-list column (by its field-<name> class), top to bottom."""
    cells = re.findall(rf'<(?:td|th) class="field-{name}[^"]*"[^>]*>(.*?)</(?:td|th)>', response.content.decode(), re.S)
    return [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def history_rows(response) -> list[list[str]]:
    """The history page's entries, newest first: [version, date, user, action, changes] texts."""
    rows = re.findall(r'<tr class="history-entry">(.*?)</tr>', response.content.decode(), re.S)
    return [[_plain(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in rows]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def registration(event, number: int, **overrides) -> dict:
    """The add form as a registrar fills it in."""
    data = {
        "event": str(event.id),
        "first_name": f"Person{number}",
        "last_name": "Ndongo",
        "email": f"person{number}@example.cm",
        "phone": "",
        "gender": "",
        "organisation": "",
        "job_title": "",
        "country": "CM",
        "role": "ATTENDEE",
        "attendance_mode": "IN_PERSON",
        "accessibility_needs": "",
        "dietary_needs": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data
