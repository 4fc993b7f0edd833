"""Every meeting query and mutation, found by introspection so that new ones are covered without editing this file,
refuses an anonymous caller and a user without the module's rights, and changes nothing."""

import json

import pytest
from core.models import MutationLog
from django.apps import apps

from factories import PASSWORD
from frontend import FrontendSession, logged_in
from showcase_setup import build_world, make_showcase

INTROSPECTION = """{
  __schema {
    queryType {
      fields { name args { name type { kind name ofType { kind name } } } type { kind name ofType { name } } }
    }
    mutationType { fields { name } }
  }
}"""
SOME_ID = "0f0f0f0f-0000-4000-8000-000000000000"


def meeting_fields(session):
    schema = session.post(INTROSPECTION)["data"]["__schema"]
    queries = [field for field in schema["queryType"]["fields"] if field["name"].startswith("meeting")]
    mutations = [field["name"] for field in schema["mutationType"]["fields"] if "Meeting" in field["name"]]
    return queries, mutations


def query_text(field) -> str:
    """The field with its required arguments filled in and one cheap selection."""
    required = [arg["name"] for arg in field["args"] if arg["type"]["kind"] == "NON_NULL"]
    arguments = ", ".join(f'{name}: "{SOME_ID}"' for name in required)
    type_name = field["type"]["name"] or (field["type"]["ofType"] or {}).get("name") or ""
    selection = "totalCount" if type_name.endswith("Connection") else "__typename"
    return f"{{ {field['name']}{f'({arguments})' if arguments else ''} {{ {selection} }} }}"


def table_counts() -> dict:
    module = apps.get_app_config("openimis_be_meeting")
    return {model.__name__: model.objects.count() for model in module.get_models()}


@pytest.fixture
def populated(admin):
    world = build_world(admin)
    make_showcase(admin, world)
    return world


@pytest.mark.django_db
def test_introspection_finds_the_module_surface(admin):
    queries, mutations = meeting_fields(logged_in("Admin", PASSWORD))
    assert len(queries) >= 10 and len(mutations) >= 30
    assert {"meetingEvents", "meetingShowcases", "meetingEventStatistics"} <= {field["name"] for field in queries}


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "nobody"])
def test_every_meeting_query_refuses_callers_without_rights(admin, nobody, populated, caller):
    queries, _ = meeting_fields(logged_in("Admin", PASSWORD))
    session = FrontendSession() if caller == "anonymous" else logged_in("Nobody", PASSWORD)

    for field in queries:
        result = session.post(query_text(field))
        data = (result.get("data") or {}).get(field["name"])
        assert data in (None, []), (field["name"], result)
        assert result.get("errors"), (field["name"], result)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "nobody"])
def test_every_meeting_mutation_refuses_callers_without_rights_and_changes_nothing(admin, nobody, populated, caller):
    _, mutations = meeting_fields(logged_in("Admin", PASSWORD))
    session = FrontendSession() if caller == "anonymous" else logged_in("Nobody", PASSWORD)
    expected = "meeting.auth.authentication_required" if caller == "anonymous" else "meeting.auth.permission_denied"
    before = table_counts()

    for name in mutations:
        client_mutation_id, response = session.send_mutation(name, {})
        assert response.get("data", {}).get(name), (name, response)
        log = MutationLog.objects.get(client_mutation_id=client_mutation_id)
        assert log.status == MutationLog.ERROR, name
        assert [error["code"] for error in json.loads(log.error)] == [expected], (name, log.error)

    assert table_counts() == before
