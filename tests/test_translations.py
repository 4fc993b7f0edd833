"""Messages reach people in their openIMIS language; the French catalogue is complete."""

import ast
import gettext
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
