"""Messages reach people in their openIMIS language; the French catalogue is complete."""

import ast
import gettext
import re
from pathlib import Path

import pytest

from openimis_be_meeting.models import Event

from factories import PASSWORD, make_user
from frontend import logged_in
from test_events_graphql import CREATE

CATALOGUE = Path(__file__).resolve().parent.parent / "openimis_be_meeting/locale/fr/LC_MESSAGES/django.po"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (header excluded), continuation lines joined."""
    entries, current, key = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ")):
            key, _, text = line.partition(" ")
            current[key] = ast.literal_eval(text)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", "")
            current, key = {}, None
    return entries


def test_every_message_has_a_french_translation():
    entries = read_po(CATALOGUE)
    assert len(entries) > 50
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")


GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
PACKAGE = CATALOGUE.parents[3]


def marked_messages() -> dict[str, str]:
    """Every literal message the package's Python code and templates hand to gettext, with where it is."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            literal = node.args[1] if name and name.startswith("p") and len(node.args) > 1 else node.args[0]
            if name in GETTEXT_NAMES and isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                found.setdefault(literal.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    for path in PACKAGE.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"{%\s*(?:trans|translate)\s+(\"[^\"]*\"|'[^']*')", text):
            found.setdefault(ast.literal_eval(match.group(1)), str(path.relative_to(PACKAGE)))
    return found


def test_every_message_in_the_code_is_in_the_french_catalogue():
    """Fails when code marks a new message for translation and nobody ran `make messages` and translated it."""
    entries = read_po(CATALOGUE)
    missing = {msgid: where for msgid, where in marked_messages().items() if not entries.get(msgid)}
    assert len(marked_messages()) > 50
    assert missing == {}


def test_compiled_catalogue_matches_its_source():
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    assert {msgid: catalog.get(msgid) for msgid in read_po(CATALOGUE)} == read_po(CATALOGUE)


@pytest.mark.django_db
def test_refusal_comes_in_french_for_a_french_speaking_user(admin):
    make_user("Amina", rights=["215002"], language="fr")

    log = logged_in("Amina", PASSWORD).mutate("createMeetingEvent", {**CREATE, "timezone": "Africa/Yaounde"})

    assert log["errors"] == [
        {
            "code": "meeting.validation.unknown_timezone",
            "field": "timezone",
            "message": "Africa/Yaounde n'est pas un fuseau horaire IANA connu.",
        }
    ]
    assert Event.objects.count() == 0
