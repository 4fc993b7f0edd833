"""Who gets into the admin and what they see: the module's openIMIS rights decide each page, a user without them is
turned away, and the module's users see nothing else of the site. Every list renders with its filters and search."""

import re

import pytest
from core.models import InteractiveUser
from django.test import Client

from openimis_be_meeting.apps import MeetingConfig
from openimis_be_meeting.models import Event
from openimis_be_meeting.services import SessionService

from admin_pages import ADMIN, APP, admin_login, column, text
from factories import PASSWORD, future, make_user
from showcase_setup import build_world, make_showcase, ok

pytestmark = pytest.mark.django_db

MODELS = ("event", "participant", "organisation", "showcase", "digitalsystem", "standard", "session")


def index_links(client) -> set[str]:
    """The model pages the admin index offers."""
    page = client.get(ADMIN).content.decode()
    return {model for model in ("event", "participant", "organisation", "showcase", "digitalsystem", "standard",
                                "session", "moduleconfiguration", "technicaluser", "group", "permission",
                                "fieldcontrol") if f'/{model}/"' in page}  # fmt: skip


def test_a_user_with_one_area_of_rights_sees_only_those_pages(db):
    make_user("Curator", rights=["217001"])
    curator = admin_login("Curator")

    assert index_links(curator) == {"showcase", "digitalsystem", "standard"}
    assert "openIMIS meetings" in text(curator.get(ADMIN))
    for model in ("showcase", "digitalsystem", "standard"):
        assert curator.get(f"{APP}{model}/").status_code == 200, model
    for model in ("event", "participant", "organisation", "session"):
        assert curator.get(f"{APP}{model}/").status_code == 403, model
        assert curator.get(f"{APP}{model}/add/").status_code == 403, model
    assert curator.get(f"{APP}showcase/add/").status_code == 403  # reading is not creating


def test_the_modules_users_see_nothing_else_of_the_site(db):
    make_user("Organiser", rights=["215001", "215002", "216001", "217001"])
    organiser = admin_login("Organiser")

    assert index_links(organiser) == {"event", "participant", "organisation", "showcase", "digitalsystem",
                                      "standard", "session"}  # fmt: skip
    # Other applications' pages, and the site's own pages beyond what the module needs (the password is changed
    # through openIMIS), send a module user back to the login form.
    for page in ("core/moduleconfiguration/", "core/technicaluser/", "auth/group/", "core/fieldcontrol/", "core/",
                 "password_change/", "password_change/done/", "r/1/00000000-0000-0000-0000-000000000000/"):  # fmt: skip
        response = organiser.get(ADMIN + page)
        assert response.status_code == 302 and "/login/" in response["Location"], page
    response = organiser.post(ADMIN + "password_change/", {"old_password": PASSWORD, "new_password1": "x",
                                                           "new_password2": "x"})  # fmt: skip
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Client().login(username="Organiser", password=PASSWORD)  # unchanged
    assert organiser.get(APP).status_code == 200  # the module's app page stays open


def test_a_user_without_the_modules_rights_is_turned_away_at_the_login_form(nobody):
    client = Client()

    response = client.post(ADMIN + "login/?next=" + ADMIN, {"username": "Nobody", "password": PASSWORD})

    assert response.status_code == 200
    assert "Please enter the correct username and password for a staff account." in text(response)
    assert client.get(ADMIN)["Location"] == ADMIN + "login/?next=" + ADMIN
    client.force_login(nobody)  # even with a session from elsewhere
    assert client.get(ADMIN).status_code == 302
    assert client.get(APP + "event/").status_code == 302


def test_an_inactive_user_is_turned_away_whatever_the_rights(db):
    user = make_user("Gone", rights=["215001"])
    InteractiveUser.objects.filter(id=user.i_user_id).update(active=False)

    response = Client().post(ADMIN + "login/?next=" + ADMIN, {"username": "Gone", "password": PASSWORD})

    assert response.status_code == 200 and "Please enter the correct username and password" in text(response)


def test_the_imis_administrator_loses_a_page_when_the_instance_empties_its_rights(admin, monkeypatch):
    monkeypatch.setitem(MeetingConfig.config, "gql_query_meeting_events_perms", [])
    client = admin_login("Admin")

    assert "event" not in index_links(client)
    assert {"participant", "moduleconfiguration"} <= index_links(client)  # the rest of the site is theirs
    assert client.get(APP + "event/").status_code == 403


@pytest.fixture
def world(admin):
    world = build_world(admin)
    make_showcase(admin, world)
    ok(
        SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": "Opening plenary",
                "session_type": "PLENARY",
                "starts_at": future(30, 9),
                "ends_at": future(30, 10),
                "room": "Salle A",
            }
        )
    )
    return world


@pytest.mark.parametrize(
    ("model", "query", "shown"),
    [
        ("event", {"status__exact": "REGISTRATION_OPEN", "q": "YDE"}, ("code", ["YDE-SHOW"])),
        ("event", {"starts_at__year": str(future(30).year)}, ("code", ["YDE-SHOW"])),
        ("event", {"country": "CM", "event_type__exact": "WORKSHOP"}, ("code", [])),
        ("participant", {"status__exact": "CONFIRMED", "q": "Presenter1"}, ("name", ["Person101 Presenter1"])),
        ("participant", {"organisation__organisation_type": "DONOR"}, ("name", [])),
        ("organisation", {"organisation_type__exact": "MINISTRY"}, ("name", ["Ministère de la Santé Publique"])),
        ("organisation", {"q": "WB"}, ("name", ["World Bank"])),
        ("showcase", {"integrations__evidence_level": "DEMONSTRATED"}, ("title", ["openIMIS and the PBF platform"])),
        ("showcase", {"integrations__evidence_level": "IN_PRODUCTION"}, ("title", [])),
        ("showcase", {"status__exact": "DRAFT", "q": "GIZ"}, ("title", ["openIMIS and the PBF platform"])),
        ("digitalsystem", {"system_type__exact": "DHIS2", "q": "Cameroon"}, ("name", ["DHIS2 Cameroon"])),
        ("standard", {"family__exact": "SP_DCI"}, ("code", ["SP-DCI"])),
        ("session", {"session_type__exact": "PLENARY", "q": "Salle"}, ("title", ["Opening plenary"])),
    ],
)
def test_lists_filter_and_search(world, model, query, shown):
    response = admin_login("Admin").get(f"{APP}{model}/", query)

    assert response.status_code == 200
    assert column(response, shown[0]) == shown[1]


@pytest.mark.parametrize("model", MODELS)
def test_every_page_of_a_row_renders(world, model):
    client = admin_login("Admin")
    listing = client.get(f"{APP}{model}/").content.decode()
    row_id = re.search(rf"{APP}{model}/([0-9a-f-]{{36}})/change/", listing).group(1)

    for page in ("change/", "history/", "delete/"):
        assert client.get(f"{APP}{model}/{row_id}/{page}").status_code == 200, page
    assert client.get(f"{APP}{model}/add/").status_code == 200


def test_autocomplete_follows_the_rights_of_the_list_it_reads(world, admin):
    make_user("Curator", rights=["217001", "217002"])
    query = {"app_label": "openimis_be_meeting", "model_name": "showcase", "field_name": "presenters", "term": "Pres"}

    make_user("Programme", rights=["216001", "217001", "217002"])
    by_email = {**query, "term": "person100@example.cm"}

    refused = admin_login("Curator").get(ADMIN + "autocomplete/", query)
    allowed = admin_login("Admin").get(ADMIN + "autocomplete/", query)

    assert refused.status_code == 403
    assert admin_login("Programme").get(ADMIN + "autocomplete/", by_email).json()["results"] == []
    assert [item["text"] for item in admin_login("Admin").get(ADMIN + "autocomplete/", by_email).json()["results"]] == [
        "Person100 Presenter0"
    ]
    assert sorted(item["text"] for item in allowed.json()["results"]) == [
        "Person100 Presenter0",
        "Person101 Presenter1",
        "Person102 Presenter2",
    ]


@pytest.mark.parametrize(
    ("method", "path", "data", "status"),
    [
        ("post", "event/", {"action": "publish_events", "index": "0", "_selected_action": ["1 OR 1=1"]}, 400),
        ("post", "participant/", {"action": "reject_participants", "_selected_action": ["x"], "apply": "Reject"}, 400),
        ("get", "event/not-a-uuid/change/", None, 302),
        ("get", "event/not-a-uuid/history/", None, 404),
        ("get", "event/00000000-0000-0000-0000-000000000000/history/", None, 404),
        ("post", "event/not-a-uuid/delete/", {"post": "yes"}, 302),
        ("get", "event/", {"starts_at__year": "abc", "status__exact": "NOPE"}, 302),
        ("post", "event/add/", {"code": "X" * 5000, "capacity": "many", "starts_at_0": "2030-02-30"}, 200),
    ],
)
def test_malformed_requests_are_refused_without_a_server_error_or_a_write(world, method, path, data, status):
    before = sorted(Event.objects.values_list("id", "version", "status"))
    client = admin_login("Admin")

    response = getattr(client, method)(APP + path, data or {})

    assert response.status_code == status
    assert sorted(Event.objects.values_list("id", "version", "status")) == before
