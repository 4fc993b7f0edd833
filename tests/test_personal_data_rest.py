"""No REST answer (exports in CSV and XLSX, calendar feeds) gives personal data to a caller without the
personal-data right: every GET endpoint of the module, found from its URL patterns, is read by a holder of every
other right and the whole file is searched for the stored emails, phones, needs, genders and check-in tokens. A
holder of every right finds them in the participants export, which proves the search would."""

import pytest

from openimis_be_meeting.models import Participant
from openimis_be_meeting.permissions import Action

from factories import PASSWORD, make_user
from frontend import logged_in
from rights_http import endpoints, text_of
from rights_world import ALL_CODES, PERSONAL_DATA, build

GENDER_LABEL = "Female"  # how the exports write the stored gender


@pytest.fixture
def world(admin):
    return build(admin)


def downloads(session, world, *, personal: bool = True) -> dict[str, str]:
    """The text of every GET endpoint; without `personal`, the documents that are personal data themselves (a visa
    letter, opened by the personal-data right only) must refuse, and are left out."""
    texts = {}
    for method, path, view in endpoints(world):
        if method == "GET" and not personal and view.action is Action.VIEW_PERSONAL_DATA:
            assert session.http.get(path).status_code == 403, path
        elif method == "GET":
            answer = session.http.get(path)
            assert answer.status_code == 200, (path, answer.content[:300])
            texts[path] = text_of(answer)
    return texts


@pytest.mark.django_db
def test_no_export_or_feed_gives_personal_data_to_a_holder_of_every_other_right(world):
    make_user("AllButPersonal", rights=[code for code in ALL_CODES if code != PERSONAL_DATA])

    texts = downloads(logged_in("AllButPersonal", PASSWORD), world, personal=False)

    # 11 exports and feeds, the two badge PDFs, whose check-in codes are in their QR codes only (the badge right,
    # 216011, exists to print them: docs/documents.md), and a certificate.
    assert len(texts) == 14
    found = [(path, secret) for path, text in texts.items() for secret in world.secrets() if secret in text]
    assert found == []
    assert [path for path, text in texts.items() if GENDER_LABEL in text] == []
    participants = [text for path, text in texts.items() if "/participants." in path]
    assert len(participants) == 2 and all("Presenter0" in text for text in participants)  # the people are there


@pytest.mark.django_db
def test_the_participants_export_gives_personal_data_to_its_holders(world):
    make_user("Everything", rights=ALL_CODES)
    shown = Participant.objects.filter(event=world.show.event)

    texts = downloads(logged_in("Everything", PASSWORD), world)

    for path in [path for path in texts if "/participants." in path]:
        for person in shown:
            values = (
                person.email,
                person.phone,
                person.accessibility_needs,
                person.dietary_needs,
                person.checkin_token,
            )
            assert all(value in texts[path] for value in values), (path, person.email)
        assert GENDER_LABEL in texts[path]
