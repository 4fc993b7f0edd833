"""Hypothesis strategies for any meeting mutation, built from the input types the GraphQL schema describes (its
introspection), so that a new mutation or input field is generated for without change here.

A field is filled by what its name says it holds: ids of that kind from a prepared world, instants, zones,
countries, emails, ... A plausible input takes only values of the right kind (so that requests get through and
change the world); a hostile one mixes in wrong, oversized, broken and malicious values everywhere. A scalar or kind
of type that no strategy knows raises Unsupported, failing the test that asked for it."""

from datetime import datetime, timedelta, timezone

from graphql_relay import to_global_id
from hostile_world import MIXED, text_of_length
from hypothesis import strategies as st

from frontend import Enum

TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }"
INTROSPECTION = (
    f"{{ __schema {{ mutationType {{ fields {{ name args {{ name type {{ {TYPE_REF} }} }} }} }} "
    f"types {{ kind name enumValues {{ name }} inputFields {{ name type {{ {TYPE_REF} }} }} }} }} }}"
)


class Unsupported(Exception):
    """An input the generator has no strategy for: the property test cannot cover that mutation."""


SPECIALS = [
    "",
    " ",
    "<img src=x onerror=alert(1)>",
    "'; DELETE FROM core_Mutation_Log; --",
    '" OR ""="',
    "=1+2;cmd|' /C calc'!A0",
    "Ami\x00na",
    "half \ud83d an emoji",
    "\x1b[2J",
    "%s %(field)s {0} ${x}",
]
LENGTHS = [31, 32, 33, 64, 65, 100, 101, 128, 129, 254, 255, 256, 500, 501, 2_000, 2_001, 5_001, 10_001]
NAMES = ["Amina", "Jean-Pierre Ndongo", "Opening plenary", "openIMIS Cameroon", "مرحبا", "👩🏽‍💻 Devs", MIXED.strip()]
JUNK_IDS = ["not-a-uuid", "", " ", "\x00", "' OR '1'='1", "9" * 5_000, "TWVldGluZ0V2ZW50R1FMVHlwZTox"]
# (plausible values, hostile ones) of the inputs known by their name.
BY_NAME = {
    "timezone": (["Africa/Douala", "Europe/Berlin", "UTC"], ["Mars/Olympus", "", "../../etc/passwd", "UTC\x00"]),
    "country": (["CM", "cm", "KE", "DE"], ["XX", "", "CMR", "🇨🇲", "C\x00"]),
    "email": (
        ["p1@example.org", "P1@Example.ORG", "p2@example.org", "person100@example.cm", "ünïcødé@exämple.org"],
        ["not-an-email", "a@b", "x" * 250 + "@example.org", "a@example.org\x00"],
    ),
    "phone": (["+237 699 00 11 22", "(237) 699-001"], ["123", "+" + "9" * 40, "phone"]),
    "url": (["https://example.org/slides", "http://openimis.org"], ["javascript:alert(1)", "ftp://x.org", "not a url"]),
    "languages": (["en", "fr", "EN"], ["xx", "fra", "", "e\x00"]),
    "clientMutationLabel": (NAMES, ["l" * 256, "label\x00"]),
    "token": ([], ["", "x" * 65, "\x00"]),  # plausible: the world's check-in tokens
}
ALIASES = {"countries": "country", "website": "url", "onlineUrl": "url", "mediaLinks": "url"}
ALIASES |= {"interpretation": "languages", "clientMutationDetails": "clientMutationLabel"}
PLAUSIBLE_JSON, HOSTILE_JSON = ["{}", '{"source": "test"}'], ["[1, 2]", "not json", '"x"', "null"]
HOSTILE_INTS = [0, -1, 6, 1_000_001, 2**31 - 1, -(2**31), 2**31, 10**15]
BAD_INSTANTS = ["2031-02-30T10:00:00", "2031-03-01", "tomorrow", "2031-03-01T10:00:00+25:00", "", "0001-01-01T00:00:00"]

# Which kind of row an id names, by input name; `id` and `ids` name the mutation's own kind.
ID_KINDS = {
    "eventId": "event",
    "organisationId": "organisation",
    "leadOrganisationId": "organisation",
    "partnerOrganisationIds": "organisation",
    "ownerId": "organisation",
    "presenterIds": "participant",
    "speakerIds": "participant",
    "chairIds": "participant",
    "sourceSystemId": "system",
    "targetSystemId": "system",
    "standardId": "standard",
    "showcaseIds": "showcase",
    "sessionId": "session",
    "userId": "user",
    "locationId": "location",
}
OWN_KINDS = {
    "DigitalSystem": "system",
    "Organisation": "organisation",
    "Participant": "participant",
    "Showcase": "showcase",
    "Standard": "standard",
    "Session": "session",
    "Event": "event",
}
ABSENT = object()  # a field left out of the input


def weighted(*choices: tuple) -> st.SearchStrategy:
    """One of the strategies, each about as often as its weight (Hypothesis picks branches about evenly)."""
    return st.one_of(*[strategy for strategy, weight in choices for _ in range(weight)])


class Generator:
    """Strategies for the inputs of the schema's mutations, from its introspection and a prepared world."""

    def __init__(self, schema: dict, ids: dict[str, list[str]], tokens: list[str], *, hostile: bool):
        self.types = {kind["name"]: kind for kind in schema["types"]}
        self.mutations = {field["name"]: field for field in schema["mutationType"]["fields"]}
        self.ids, self.tokens, self.hostile = ids, tokens, hostile
        self.all_ids = sorted({value for values in ids.values() for value in values})

    def input_type(self, mutation: str) -> str:
        (argument,) = [arg for arg in self.mutations[mutation]["args"] if arg["name"] == "input"]
        return _named(argument["type"])

    def payload(self, mutation: str) -> st.SearchStrategy:
        """Inputs of the mutation: a dictionary of the input type's fields."""
        return self._object(self.input_type(mutation), mutation, mutation)

    def _mix(self, plausible: st.SearchStrategy, hostile: st.SearchStrategy, weight: int = 3):
        """Plausible values only, or `weight` plausible ones to one hostile in a hostile input."""
        return weighted((plausible, weight), (hostile, 1)) if self.hostile else plausible

    def _object(self, type_name: str, mutation: str, path: str) -> st.SearchStrategy:
        """An input object: each field usually given, sometimes left out (a required one always given)."""
        fields = {}
        for field in self.types[type_name]["inputFields"]:
            strategy = self._field(field["name"], field["type"], mutation, f"{path}.{field['name']}")
            required = field["type"]["kind"] == "NON_NULL"
            fields[field["name"]] = strategy if required else weighted((strategy, 6), (st.just(ABSENT), 1))
        given = st.fixed_dictionaries(fields)
        return given.map(lambda values: {key: value for key, value in values.items() if value is not ABSENT})

    def _field(self, name: str, type_ref: dict, mutation: str, path: str) -> st.SearchStrategy:
        if type_ref["kind"] == "NON_NULL":
            return self._value(name, type_ref["ofType"], mutation, path)
        return self._mix(self._value(name, type_ref, mutation, path), st.none(), weight=8)

    def _value(self, name: str, type_ref: dict, mutation: str, path: str) -> st.SearchStrategy:
        kind = type_ref["kind"]
        if kind == "LIST":
            item = self._field(name, type_ref["ofType"], mutation, path)
            return self._mix(
                st.lists(item, min_size=1, max_size=3), st.sampled_from([[], [None]]) | item.map(_oversized)
            )
        if kind == "ENUM":
            values = [value["name"] for value in self.types[type_ref["name"]]["enumValues"]]
            return self._mix(st.sampled_from(values).map(Enum), st.just(Enum("NOT_A_VALUE")), weight=10)
        if kind == "INPUT_OBJECT":
            return self._object(type_ref["name"], mutation, path)
        if kind == "SCALAR":
            return self._scalar(name, type_ref["name"], mutation, path)
        raise Unsupported(f"{path}: no strategy for a {kind} input")

    def _scalar(self, name: str, scalar: str, mutation: str, path: str) -> st.SearchStrategy:
        if scalar == "Int":
            return self._mix(st.integers(1, 5) | st.integers(1, 200), st.sampled_from(HOSTILE_INTS))
        if scalar == "Boolean":
            return st.booleans()
        if scalar in ("JSONString", "ParsedJSONString"):
            return self._mix(st.sampled_from(PLAUSIBLE_JSON), st.sampled_from(HOSTILE_JSON), weight=6)
        if scalar == "String":
            return self._string(name, mutation)
        raise Unsupported(f"{path}: no strategy for the scalar {scalar}")

    def _string(self, name: str, mutation: str) -> st.SearchStrategy:
        if name == "clientMutationId":
            hostile = st.sampled_from(["", "c" * 256, "c\x00", " padded ", "😀" * 10])
            return self._mix(st.uuids().map(str), hostile, weight=8)
        if name in ("id", "ids") or name.endswith(("Id", "Ids")):
            return self._id(ID_KINDS.get(name) or _own_kind(mutation))
        if name.endswith("At"):
            return self._mix(_instants(), st.sampled_from(BAD_INSTANTS))
        known = ALIASES.get(name, name)
        if known in BY_NAME:
            plausible, hostile = BY_NAME[known]
            plausible = st.sampled_from(plausible or self.tokens)
            return self._mix(plausible, st.sampled_from(hostile) | _free_text())
        return self._mix(st.sampled_from(NAMES), _free_text(), weight=2)

    def _id(self, kind: str | None) -> st.SearchStrategy:
        own = st.sampled_from(self.ids.get(kind) or self.all_ids)
        plausible = weighted((own, 6), (own.map(lambda value: to_global_id("Node", value)), 1))
        hostile = st.sampled_from(self.all_ids) | st.uuids().map(str) | st.sampled_from(JUNK_IDS)
        return self._mix(plausible, hostile)


def _oversized(item) -> list:
    return [item] * 101


def _own_kind(mutation: str) -> str | None:
    return next((kind for word, kind in OWN_KINDS.items() if word in mutation), None)


def _named(type_ref: dict) -> str:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref["name"]


def _free_text() -> st.SearchStrategy:
    return st.sampled_from(SPECIALS) | st.text(max_size=40) | st.sampled_from(LENGTHS).map(text_of_length)


def _instants() -> st.SearchStrategy:
    """Hours within the prepared open event (days 30 to 32, 08:00 to 18:00 UTC), minutes before now (the running
    event), and any hour of the next weeks, without an offset (a wall-clock time in the event's zone)."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    midnight = now.replace(hour=0, minute=0, second=0)
    inside = st.tuples(st.integers(30, 32), st.integers(8, 18)).map(
        lambda day_hour: (midnight + timedelta(days=day_hour[0], hours=day_hour[1])).isoformat()
    )
    recent = st.integers(1, 600).map(lambda minutes: (now - timedelta(minutes=minutes)).isoformat())
    near = st.integers(-3 * 24, 40 * 24).map(
        lambda hours: (midnight + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")
    )
    return weighted((inside, 4), (recent, 2), (near, 1))
