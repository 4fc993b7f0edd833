"""Generated from introspection, so a new field is covered without editing this file: every meeting query and
mutation declares its right (openimis_be_meeting.rights, read from the selector or service that checks it); a user
holding only that right gets data, or a mutation log that says success; a user holding every other right of the
module is refused and changes nothing. Together they prove the declared right is the one really checked."""

import pytest
from django.apps import apps

from openimis_be_meeting.permissions import Action, ByArgument, rights_for
from openimis_be_meeting.rights import graphql_guards

from factories import PASSWORD, make_user
from frontend import logged_in
from host.schema import schema
from rights_examples import MUTATION_EXAMPLES, QUERY_EXAMPLES, QUERY_EXAMPLES_BY_ARGUMENT
from rights_world import ALL_CODES, build

INTROSPECTION = """{ __schema {
  queryType { fields { name type { name ofType { name ofType { name } } } } }
  mutationType { fields { name } }
} }"""
_SCHEMA = schema.execute(INTROSPECTION).data["__schema"]
QUERIES = {field["name"]: field for field in _SCHEMA["queryType"]["fields"] if field["name"].startswith("meeting")}
LIST_SELECTION = "edges { node { id } }"
MUTATIONS = sorted(field["name"] for field in _SCHEMA["mutationType"]["fields"] if "Meeting" in field["name"])


def declared(name: str):
    guard = graphql_guards().get(name)
    assert guard is not None, (
        f"{name} declares no right: read it through a selector decorated with permissions.guarded (a type's "
        "`reader`, or gql_rights.resolved_by), or call a service method declared with service_method"
    )
    return guard


def is_connection(field) -> bool:
    named = field["type"]
    while named.get("ofType"):
        named = named["ofType"]
    return (named.get("name") or "").endswith("Connection")


def variants(name: str, world) -> list[tuple[str, str, Action]]:
    """(arguments, selection, the action it needs) for each way the field is read in the test."""
    guard = declared(name)
    if isinstance(guard, ByArgument):
        example = QUERY_EXAMPLES_BY_ARGUMENT.get(name)
        assert example, f"add an example for {name} to QUERY_EXAMPLES_BY_ARGUMENT in tests/rights_examples.py"
        return [(*example(world, value), action) for value, action in guard.actions.items()]
    if is_connection(QUERIES[name]) and name not in QUERY_EXAMPLES:
        return [("", LIST_SELECTION, guard)]
    assert name in QUERY_EXAMPLES, f"add an example for {name} to QUERY_EXAMPLES in tests/rights_examples.py"
    return [(*QUERY_EXAMPLES[name](world), guard)]


def has_content(value) -> bool:
    if isinstance(value, dict):
        return any(has_content(item) for item in value.values())
    if isinstance(value, list):
        return any(has_content(item) for item in value)
    return value is not None


def users(action: Action, suffix: str = ""):
    """A user holding only the action's rights with their session, and the session of a user holding every other
    right of the module."""
    codes = rights_for(action)
    only = make_user(f"Only{suffix}", rights=codes)
    make_user(f"AllBut{suffix}", rights=[code for code in ALL_CODES if code not in codes])
    return only, logged_in(f"Only{suffix}", PASSWORD), logged_in(f"AllBut{suffix}", PASSWORD)


def snapshot() -> dict:
    """Every row of the module: versioned rows by (id, version, deleted), the others by their values (a revoked
    certificate is the same row with other values)."""
    state = {}
    for model in apps.get_app_config("openimis_be_meeting").get_models():
        if any(field.name == "version" for field in model._meta.fields):
            state[model.__name__] = set(model.objects.values_list("pk", "version", "is_deleted"))
        else:
            state[model.__name__] = sorted(repr(row) for row in model.objects.values_list())
    return state


def test_every_meeting_field_is_found_and_declares_a_right():
    assert len(QUERIES) >= 11 and len(MUTATIONS) >= 33
    undeclared = sorted(name for name in [*QUERIES, *MUTATIONS] if graphql_guards().get(name) is None)
    assert undeclared == []
    assert sorted(graphql_guards()) == sorted([*QUERIES, *MUTATIONS])  # nothing declared that the API lacks


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_query_answers_the_holder_of_only_its_right_and_refuses_every_other_right(admin, name):
    world = build(admin)
    for number, (arguments, selection, action) in enumerate(variants(name, world)):
        _user, only, all_but = users(action, suffix=str(number))
        query = f"{{ {name}{f'({arguments})' if arguments else ''} {{ {selection} }} }}"

        answer = only.post(query)
        assert "errors" not in answer, (name, action, answer)
        assert has_content(answer["data"][name]), (name, action, answer)

        refusal = all_but.post(query)
        assert refusal.get("errors"), (name, action, refusal)
        assert (refusal.get("data") or {}).get(name) in (None, []), (name, action, refusal)
        assert "You do not have the right to do this." in str(refusal["errors"]), (name, refusal)

        if selection == LIST_SELECTION:  # the type's rows by node(id:) keep the same right
            node = f'{{ node(id: "{answer["data"][name]["edges"][0]["node"]["id"]}") {{ id }} }}'
            assert only.post(node)["data"]["node"] is not None, (name, node)
            assert (all_but.post(node).get("data") or {}).get("node") is None, (name, node)


@pytest.mark.django_db
@pytest.mark.parametrize("name", MUTATIONS)
def test_a_mutation_succeeds_for_the_holder_of_only_its_right_and_refuses_every_other_right(admin, name):
    action = declared(name)
    assert isinstance(action, Action), name
    example = MUTATION_EXAMPLES.get(name)
    assert example, f"add an example input for {name} to MUTATION_EXAMPLES in tests/rights_examples.py"
    world = build(admin)
    user, only, all_but = users(action)
    fields = example(world, user)
    before = snapshot()

    refused = all_but.mutate(name, fields)

    assert refused["status"] == 1, (name, refused)
    assert [error["code"] for error in refused["errors"]] == ["meeting.auth.permission_denied"], (name, refused)
    assert snapshot() == before, name

    done = only.mutate(name, fields)

    assert done["status"] == 2, (name, action, done)
    assert snapshot() != before, name
