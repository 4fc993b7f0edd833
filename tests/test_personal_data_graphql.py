"""No GraphQL answer gives a participant's email, phone, gender, needs or check-in token to a caller without the
personal-data right (216006), however it is reached: every meeting query found by introspection is asked for every
field it has, nested meeting types included (an event's, a showcase's presenters, a session's speakers and chairs,
an attendance's participant, the statistics, the published list, the history), and the whole answer is searched for
the stored values. A caller holding every right sees them all, which proves the search would find them."""

import json

import pytest
from core.models import MutationLog
from graphql_relay import to_global_id

from factories import PASSWORD, make_user
from frontend import logged_in
from host.schema import schema
from rights_examples import QUERY_EXAMPLES, QUERY_EXAMPLES_BY_ARGUMENT
from rights_world import ALL_CODES, PERSONAL_DATA, SECRET_EMAIL, SECRET_GENDER, build, secret_person

TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }"
TYPES = f"""{{ __schema {{
  queryType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} type {{ {TYPE_REF} }} }} }}
  types {{ name kind fields {{ name args {{ type {{ kind }} }} type {{ {TYPE_REF} }} }} }}
}} }}"""
_SCHEMA = schema.execute(TYPES).data["__schema"]
OBJECT_TYPES = {item["name"]: item for item in _SCHEMA["types"] if item["kind"] == "OBJECT"}
QUERIES = {field["name"]: field for field in _SCHEMA["queryType"]["fields"] if field["name"].startswith("meeting")}
MAX_NESTING = 6


def named(type_ref) -> tuple[str, str]:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref["name"], type_ref["kind"]


def selection(type_name: str, path: tuple = ()) -> str:
    """Every field of a meeting type that takes no required argument, and the same of each meeting type it leads to
    (a type is not entered again below itself)."""
    parts = []
    for field in OBJECT_TYPES[type_name]["fields"]:
        if any(argument["type"]["kind"] == "NON_NULL" for argument in field["args"]):
            continue
        name, kind = named(field["type"])
        if kind in ("SCALAR", "ENUM"):
            parts.append(field["name"])
        elif kind == "OBJECT" and name.startswith("Meeting") and name not in path and len(path) < MAX_NESTING:
            parts.append(f"{field['name']} {{ {selection(name, (*path, type_name))} }}")
    return " ".join(parts)


def everything_queries(world) -> dict[str, str]:
    """Each meeting query (each way of calling it, for one whose right depends on an argument) with every field."""
    documents = {}
    for name, field in QUERIES.items():
        fields = selection(named(field["type"])[0])
        required = [arg for arg in field["args"] if arg["type"]["kind"] == "NON_NULL"]
        if name in QUERY_EXAMPLES_BY_ARGUMENT:
            argument = required[0]["name"]
            values = [value["name"] for value in _enum_values(required[0])]
            for value in values:
                arguments, _selection = QUERY_EXAMPLES_BY_ARGUMENT[name](world, value.lower())
                documents[f"{name}({argument}: {value})"] = f"{{ {name}({arguments}) {{ {fields} }} }}"
        elif required:
            assert name in QUERY_EXAMPLES, f"add arguments for {name} to QUERY_EXAMPLES in tests/rights_examples.py"
            arguments, _selection = QUERY_EXAMPLES[name](world)
            documents[name] = f"{{ {name}({arguments}) {{ {fields} }} }}"
        else:
            documents[name] = f"{{ {name} {{ {fields} }} }}"
    return documents


def _enum_values(argument) -> list[dict]:
    enum_name, _kind = named(argument["type"])
    return schema.execute(f'{{ __type(name: "{enum_name}") {{ enumValues {{ name }} }} }}').data["__type"]["enumValues"]


def answers(session, world) -> dict[str, str]:
    """The text of each answer; none may be an error (an error would hide what the query gives)."""
    texts = {}
    for name, document in everything_queries(world).items():
        answer = session.post(document)
        assert "errors" not in answer, (name, answer)
        texts[name] = json.dumps(answer, ensure_ascii=False)
    participant = world.participant_ids[3]
    node = session.post(
        f'{{ node(id: "{to_global_id("MeetingParticipantGQLType", participant)}") '
        f"{{ ... on MeetingParticipantGQLType {{ {selection('MeetingParticipantGQLType')} }} }} }}"
    )
    texts["node"] = json.dumps(node, ensure_ascii=False)
    return texts


def leaks(texts: dict[str, str], secrets: list[str]) -> list[tuple[str, str]]:
    return [(name, secret) for name, text in texts.items() for secret in secrets if secret.lower() in text.lower()]


@pytest.fixture
def world(admin):
    return build(admin)


@pytest.mark.django_db
def test_no_query_gives_personal_data_to_a_holder_of_every_other_right(world):
    make_user("AllButPersonal", rights=[code for code in ALL_CODES if code != PERSONAL_DATA])

    texts = answers(logged_in("AllButPersonal", PASSWORD), world)

    assert leaks(texts, world.secrets()) == []
    assert [name for name, text in texts.items() if SECRET_GENDER in text] == []
    # The nested paths were really walked: the people are there, by name.
    for name in ("meetingShowcases", "meetingSessions", "meetingAttendances", "meetingParticipants", "node"):
        assert "Presenter" in texts[name] or "Ndongo" in texts[name], name
    assert '"byGender": null' in texts["meetingEventStatistics"]


@pytest.mark.django_db
def test_a_holder_of_the_personal_data_right_reads_it_all(world):
    make_user("Everything", rights=ALL_CODES)

    texts = answers(logged_in("Everything", PASSWORD), world)

    combined = {"all": "\n".join(texts.values())}
    assert leaks(combined, world.secrets()) == [("all", secret) for secret in world.secrets()]
    assert SECRET_GENDER in texts["meetingEventStatistics"]


@pytest.mark.django_db
def test_the_email_search_and_order_give_no_oracle_without_the_right(world):
    make_user("AllButPersonal", rights=[code for code in ALL_CODES if code != PERSONAL_DATA])
    make_user("Everything", rights=ALL_CODES)
    fragment = SECRET_EMAIL.split("@")[0]
    query = f'{{ meetingParticipants(search: "{fragment}") {{ totalCount }} }}'

    without_session = logged_in("AllButPersonal", PASSWORD)
    without = without_session.post(query)
    with_right = logged_in("Everything", PASSWORD).post(query)

    assert without["data"]["meetingParticipants"]["totalCount"] == 0
    assert with_right["data"]["meetingParticipants"]["totalCount"] == len(world.participant_ids)
    for order in ("email", "phone", "gender", "checkinToken"):
        refused = logged_in("AllButPersonal", PASSWORD).post(
            f'{{ meetingParticipants(orderBy: ["{order}"]) {{ totalCount }} }}'
        )
        assert refused["errors"] and refused["data"]["meetingParticipants"] is None, order


def _contact(person: dict) -> dict:
    return {"email": person["email"], "phone": person["phone"]}


@pytest.mark.django_db
def test_what_a_registrar_typed_is_read_back_by_nobody_else_through_mutation_logs(world):
    make_user("Registrar", rights=["216002"])
    make_user("AllButPersonal", rights=[code for code in ALL_CODES if code != PERSONAL_DATA])
    registrar = logged_in("Registrar", PASSWORD)
    typed = secret_person(77)
    log = registrar.mutate(
        "registerMeetingParticipant",
        {
            "eventId": world.event_id,
            "firstName": "Typed",
            "lastName": "In",
            "email": typed["email"],
            "phone": typed["phone"],
        },
    )
    assert log["status"] == 2, log
    stored = MutationLog.objects.get(client_mutation_id=log["clientMutationId"])
    assert typed["email"] in stored.json_content  # core keeps the input: only its author and superusers read it

    other = logged_in("AllButPersonal", PASSWORD)
    listed = other.post("{ mutationLogs { totalCount edges { node { jsonContent error clientMutationId } } } }")
    by_id = other.post(f'{{ node(id: "{to_global_id("MutationLogGQLType", stored.id)}") {{ id }} }}')

    assert listed["data"]["mutationLogs"]["totalCount"] == 0, listed
    assert (by_id.get("data") or {}).get("node") is None, by_id
    for text in (json.dumps(listed), json.dumps(by_id)):
        assert typed["email"] not in text and typed["phone"] not in text
