"""Generated from introspection, so a new field is covered without editing this file: every meeting query and
mutation declares its right (openimis_be_meeting.rights, read from the selector or service that checks it); a user
holding only that right gets data, or a mutation log that says success; a user holding every other right of the
module is refused and changes nothing. Together they prove the declared right is the one really checked."""

import pytest
from django.apps import apps
from graphql_relay import to_global_id

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


# -- every path to a type applies that type's right (issue 15, finding 6) ------------------------------------------

TYPE_FIELDS = """{ __schema { types { name kind fields { name args { name type { kind } }
  type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }"""
_TYPES = {item["name"]: item for item in schema.execute(TYPE_FIELDS).data["__schema"]["types"]}
NESTING = 4


def guarded_types() -> dict[str, Action]:
    """Each GraphQL type of the module that reads through a guarded `reader`, with the action it needs."""
    found = {}
    for name in _TYPES:
        graphene_type = getattr(schema.get_type(name), "graphene_type", None)
        reader = getattr(graphene_type, "reader", None)
        if reader is not None:
            found[name] = reader.action
    return found


def _named(type_ref) -> dict:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref


def nested_paths() -> list[tuple[str, tuple[str, ...], str]]:
    """(root field, the fields leading from a row of it to a field, that field's guarded type), for every field
    of a guarded type reached below a root field whose own right is another: the paths a caller holding only the
    root's right could take to the nested type."""
    guards, paths = guarded_types(), []
    for root in sorted(QUERIES):
        root_guard = graphql_guards()[root]
        if not isinstance(root_guard, Action):
            continue
        start = _named(QUERIES[root]["type"])["name"]
        if start.endswith("Connection"):
            start = start[: -len("Connection")]
        stack = [(start, ())]
        while stack:
            type_name, path = stack.pop()
            for field in _TYPES.get(type_name, {}).get("fields") or []:
                target = _named(field["type"])["name"]
                if _named(field["type"])["kind"] != "OBJECT" or not target.startswith("Meeting"):
                    continue
                if any(argument["type"]["kind"] == "NON_NULL" for argument in field["args"]):
                    continue
                if target in guards and not set(rights_for(guards[target])) <= set(rights_for(root_guard)):
                    paths.append((root, (*path, field["name"]), target))
                elif len(path) < NESTING and target not in set(path):
                    stack.append((target, (*path, field["name"])))
    return paths


def path_query(root: str, path: tuple[str, ...], world) -> str:
    inner = "id"
    for name in reversed(path):
        inner = f"{name} {{ {inner} }}"
    if root in QUERY_EXAMPLES:
        arguments = QUERY_EXAMPLES[root](world)[0]
        return f"{{ {root}{f'({arguments})' if arguments else ''} {{ {inner} }} }}"
    return f"{{ {root}(first: 10) {{ edges {{ node {{ {inner} }} }} }} }}"


def values_at(value, path: tuple[str, ...]) -> list:
    """Every value the answer holds at the path (through edges, nodes and lists)."""
    if isinstance(value, list):
        return [found for item in value for found in values_at(item, path)]
    if not isinstance(value, dict):
        return []
    if "edges" in value:
        return [found for edge in value["edges"] for found in values_at(edge["node"], path)]
    if not path:
        return [value]
    return values_at(value.get(path[0]), path[1:]) if path[0] in value else [None]


def test_the_nested_paths_to_guarded_types_are_found():
    paths = nested_paths()
    # A session's showcases are the agenda's way to the showcases (217001): a path to another type's right.
    assert ("meetingSessions", ("showcases",), "MeetingShowcaseGQLType") in paths, paths


@pytest.mark.django_db
def test_every_path_to_a_guarded_type_needs_that_types_right(admin):
    world = build(admin)
    reached = []
    for number, (root, path, target) in enumerate(nested_paths()):
        root_action, target_action = graphql_guards()[root], guarded_types()[target]
        query = path_query(root, path, world)
        root_only = make_user(f"Root{number}", rights=rights_for(root_action))
        make_user(f"Both{number}", rights=[*rights_for(root_action), *rights_for(target_action)])

        refused = logged_in(root_only.username, PASSWORD).post(query)
        rows = refused.get("data") and refused["data"][root]
        assert [value for value in values_at(rows, path) if value] == [], (root, path, refused)
        if None in values_at(rows, path) and any(values_at(rows, path[:-1])):  # a row whose object was withheld
            assert "You do not have the right to do this." in str(refused.get("errors")), (root, path, refused)

        granted = logged_in(f"Both{number}", PASSWORD).post(query)
        assert "errors" not in granted, (root, path, granted)
        reached += [(root, path)] if any(values_at(granted["data"][root], path)) else []
    assert ("meetingSessions", ("showcases",)) in reached  # the world has data on that path: the test can fail


@pytest.mark.django_db
def test_node_of_a_guarded_type_needs_its_right_whatever_else_the_caller_holds(admin):
    world = build(admin)
    event_id = to_global_id("MeetingEventGQLType", world.event_id)
    make_user("AllButEvents", rights=[code for code in ALL_CODES if code not in rights_for(Action.SEARCH_EVENTS)])

    answer = logged_in("AllButEvents", PASSWORD).post(f'{{ node(id: "{event_id}") {{ id }} }}')

    assert (answer.get("data") or {}).get("node") is None, answer
