"""Every REST endpoint of the module, found from its URL patterns: an anonymous caller gets 401, a user without the
module's rights 403, a user holding every right but the declared one 403, and a user holding only the declared right
200 with content. The badge-token feed, which no right opens, answers 404 and nothing else to a wrong token. Writes
authenticated by the frontend's cookie also need the CSRF token."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openimis_be_meeting.models import Participant
from openimis_be_meeting.permissions import rights_for
from openimis_be_meeting.rights import rest_guards

from factories import PASSWORD, make_user
from frontend import FrontendSession, logged_in
from rights_http import endpoints, text_of
from rights_world import ALL_CODES, build

# What a holder of the right must find in each endpoint's answer, by view; a new view fails until it is added.
CONTENT = {
    "EventCalendarView": lambda world: world.show.event.name,
    "EventAgendaView": lambda world: "Opening plenary",
    "PersonalAgendaView": lambda world: "Opening plenary",
    "ParticipantsExport": lambda world: "Presenter1",
    "ShowcasesExport": lambda world: world.showcase.title,
    "AgendaExport": lambda world: "Opening plenary",
    "MatrixExport": lambda world: "openIMIS Cameroon",
    "ParticipantImportView": lambda world: '"created":1',
    "EventBadgesView": lambda world: world.show.event.name,
    "ParticipantBadgeView": lambda world: world.show.event.name,
    "ParticipantCertificateView": lambda world: "Certificate of attendance",
    "VisaLetterView": lambda world: "CM7654321",  # the passport number: the personal-data right reads it
}


def send(http: Client, method: str, path: str, *, csrf: str | None = None):
    """The request as the frontend sends it; a POST carries a one-row participant file (the only write is an
    import)."""
    if method == "GET":
        return http.get(path)
    upload = SimpleUploadedFile("people.csv", b"first_name,last_name,email\nNew,Person,new.person@example.cm\n")
    return http.post(path, {"file": upload}, **({"HTTP_X_CSRFTOKEN": csrf} if csrf else {}))


def session_of(username: str, rights) -> FrontendSession:
    make_user(username, rights=rights)
    return logged_in(username, PASSWORD)


def error_code(response) -> str:
    assert response["Content-Type"] == "application/json", response.content[:300]
    return json.loads(response.content)["code"]


@pytest.fixture
def world(admin):
    return build(admin)


@pytest.mark.django_db
def test_every_endpoint_is_found_and_declares_its_right_or_its_token(world):
    found = endpoints(world)
    assert {view.__name__ for _method, _path, view in found} == set(CONTENT), "add the view to CONTENT"
    assert len(rest_guards()) == 12
    for _method, _path, view in found:
        # No right declared: the view must be the badge-token feed, which authenticates nobody.
        assert view.action is not None or view.authentication_classes == [], view


@pytest.mark.django_db
def test_each_endpoint_answers_the_holder_of_only_its_right_and_refuses_everyone_else(world, nobody):
    guarded = [(method, path, view) for method, path, view in endpoints(world) if view.action is not None]
    sessions = {}
    for method, path, view in guarded:
        codes = tuple(rights_for(view.action))
        if codes not in sessions:
            number = len(sessions)
            sessions[codes] = (
                session_of(f"Only{number}", codes),
                session_of(f"AllBut{number}", [code for code in ALL_CODES if code not in codes]),
            )
        only, all_but = sessions[codes]
        participants = Participant.objects.count()

        anonymous = send(Client(), method, path)
        assert (anonymous.status_code, error_code(anonymous)) == (401, "meeting.auth.authentication_required"), path
        for refused in (logged_in("Nobody", PASSWORD), all_but):
            answer = send(refused.http, method, path, csrf=refused.csrf_token)
            assert (answer.status_code, error_code(answer)) == (403, "meeting.auth.permission_denied"), path
        assert Participant.objects.count() == participants, path

        answer = send(only.http, method, path, csrf=only.csrf_token)
        assert answer.status_code == 200, (path, answer.content[:500])
        assert CONTENT[view.__name__](world) in text_of(answer), path


@pytest.mark.django_db
def test_the_badge_token_feed_answers_its_token_only(world):
    [path] = [path for _method, path, view in endpoints(world) if view.action is None]

    wrong = Client().get(path.replace(world.token, world.token[:-2] + "xy"))

    assert (wrong.status_code, error_code(wrong)) == (404, "meeting.checkin.token_unknown")
    assert world.show.event.name not in wrong.content.decode()
    right = Client().get(path)
    assert right.status_code == 200 and CONTENT["PersonalAgendaView"](world) in text_of(right)


@pytest.mark.django_db
def test_a_write_authenticated_by_the_cookie_needs_the_csrf_token(world):
    writes = [(path, view) for method, path, view in endpoints(world) if method != "GET"]
    assert writes, "the module has a write endpoint (the import)"
    for path, view in writes:
        holder = session_of(f"Writer{view.__name__}", rights_for(view.action))
        participants = Participant.objects.count()

        forged = send(holder.http, "POST", path)

        assert (forged.status_code, error_code(forged)) == (403, "meeting.auth.csrf_failed"), path
        assert Participant.objects.count() == participants
        answer = send(holder.http, "POST", path, csrf=holder.csrf_token)
        assert answer.status_code == 200, answer.content[:300]
        assert Participant.objects.count() == participants + 1
