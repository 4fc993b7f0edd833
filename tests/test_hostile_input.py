"""Hostile text through the real mutations, as the frontend sends them: every free-text field one character over its
limit is refused with a clear error and writes nothing; at its limit, with markup, SQL, right-to-left text, emoji
and combining accents, it is stored and read back verbatim. NUL bytes, other control characters and broken
characters are refused (PostgreSQL cannot store NUL). Runs on SQLite and PostgreSQL alike."""

import uuid
from dataclasses import dataclass

import pytest
from core.models import MutationLog
from hostile_world import base_input, snapshot, text_of_length, world_for_module

from factories import PASSWORD
from frontend import FrontendSession, logged_in


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture
def session(hostile, db):
    return logged_in("Admin", PASSWORD)


@dataclass(frozen=True)
class TextField:
    mutation: str
    field: str  # as the error names it
    max: int
    read: str = ""  # the list query and selection that reads it back by clientMutationId; "" when not read back
    reviewer: bool = False  # sent by the reviewer, not the administrator who created the showcases

    @property
    def id(self) -> str:
        return f"{self.mutation}.{self.field}"


EVENTS, ORGANISATIONS, PARTICIPANTS = "meetingEvents", "meetingOrganisations", "meetingParticipants"
SYSTEMS, STANDARDS, SHOWCASES, SESSIONS = (
    "meetingDigitalSystems",
    "meetingStandards",
    "meetingShowcases",
    "meetingSessions",
)

TEXT_FIELDS = [
    TextField("createMeetingEvent", "code", 32, f"{EVENTS} code"),
    TextField("createMeetingEvent", "name", 255, f"{EVENTS} name"),
    TextField("createMeetingEvent", "description", 10_000, f"{EVENTS} description"),
    TextField("createMeetingEvent", "nameFr", 255, f"{EVENTS} nameFr"),
    TextField("createMeetingEvent", "descriptionFr", 10_000, f"{EVENTS} descriptionFr"),
    TextField("createMeetingEvent", "venue", 255, f"{EVENTS} venue"),
    TextField("createMeetingEvent", "city", 128, f"{EVENTS} city"),
    TextField("createMeetingEvent", "organisers", 5_000, f"{EVENTS} organisers"),
    TextField("createMeetingEvent", "privacyNoticeEn", 10_000, f"{EVENTS} privacyNoticeEn"),
    TextField("createMeetingEvent", "privacyNoticeFr", 10_000, f"{EVENTS} privacyNoticeFr"),
    TextField("createMeetingEvent", "onlineUrl", 500),
    TextField("updateMeetingDocumentSettings", "signatoryName", 255),
    TextField("updateMeetingDocumentSettings", "signatoryTitle", 255),
    TextField("updateMeetingDocumentSettings", "letterhead", 2_000),
    TextField("updateMeetingDocumentSettings", "letterPrefix", 32),
    TextField("createMeetingOrganisation", "name", 255, f"{ORGANISATIONS} name"),
    TextField("createMeetingOrganisation", "acronym", 32, f"{ORGANISATIONS} acronym"),
    TextField("createMeetingOrganisation", "website", 500),
    TextField("registerMeetingParticipant", "firstName", 100, f"{PARTICIPANTS} firstName"),
    TextField("registerMeetingParticipant", "lastName", 100, f"{PARTICIPANTS} lastName"),
    TextField("registerMeetingParticipant", "email", 254),
    TextField("registerMeetingParticipant", "phone", 32),
    TextField("registerMeetingParticipant", "jobTitle", 255, f"{PARTICIPANTS} jobTitle"),
    TextField("registerMeetingParticipant", "accessibilityNeeds", 2_000, f"{PARTICIPANTS} accessibilityNeeds"),
    TextField("registerMeetingParticipant", "dietaryNeeds", 2_000, f"{PARTICIPANTS} dietaryNeeds"),
    TextField("rejectMeetingParticipant", "reason", 2_000, f"{PARTICIPANTS} rejectionReason"),
    TextField("checkInMeetingParticipant", "token", 64),
    TextField("createMeetingDigitalSystem", "name", 255, f"{SYSTEMS} name"),
    TextField("createMeetingDigitalSystem", "softwareVersion", 64, f"{SYSTEMS} softwareVersion"),
    TextField("createMeetingDigitalSystem", "url", 500),
    TextField("createMeetingStandard", "code", 64, f"{STANDARDS} code"),
    TextField("createMeetingStandard", "name", 255, f"{STANDARDS} name"),
    TextField("createMeetingStandard", "standardVersion", 64, f"{STANDARDS} standardVersion"),
    TextField("createMeetingShowcase", "title", 255, f"{SHOWCASES} title"),
    TextField("createMeetingShowcase", "abstract", 10_000, f"{SHOWCASES} abstract"),
    TextField("createMeetingShowcase", "titleFr", 255, f"{SHOWCASES} titleFr"),
    TextField("createMeetingShowcase", "abstractFr", 10_000, f"{SHOWCASES} abstractFr"),
    TextField("createMeetingShowcase", "schemeName", 255, f"{SHOWCASES} schemeName"),
    TextField("createMeetingShowcase", "mediaLinks", 500),
    TextField(
        "createMeetingShowcase", "integrations.0.dataExchanged", 500, f"{SHOWCASES} integrations {{ dataExchanged"
    ),
    TextField(
        "createMeetingShowcase",
        "integrations.0.conformanceReference",
        500,
        f"{SHOWCASES} integrations {{ conformanceReference",
    ),
    TextField("reviewMeetingShowcase", "comment", 5_000, f"{SHOWCASES} reviews {{ comment", reviewer=True),
    TextField("decideMeetingShowcase", "note", 5_000, f"{SHOWCASES} decisionNote"),
    TextField("createMeetingSession", "title", 255, f"{SESSIONS} title"),
    TextField("createMeetingSession", "description", 10_000, f"{SESSIONS} description"),
    TextField("createMeetingSession", "titleFr", 255, f"{SESSIONS} titleFr"),
    TextField("createMeetingSession", "descriptionFr", 10_000, f"{SESSIONS} descriptionFr"),
    TextField("createMeetingSession", "room", 128, f"{SESSIONS} room"),
    TextField("sendMeetingAnnouncement", "subject", 200),
    TextField("sendMeetingAnnouncement", "body", 10_000),
    TextField("setMeetingEventMailSettings", "senderName", 128),
    TextField("setMeetingEventMailSettings", "replyTo", 254),
]


def with_value(hostile, case: TextField, value) -> dict:
    data = base_input(hostile, case.mutation)
    if case.field.startswith("integrations.0."):
        data["integrations"][0][case.field.rsplit(".", 1)[1]] = value
    elif case.field == "mediaLinks":
        data["mediaLinks"] = [value]
    else:
        data[case.field] = value
    return data


def session_for(case: TextField, session: FrontendSession) -> FrontendSession:
    return logged_in("Reviewer", PASSWORD) if case.reviewer else session


def read_back(session: FrontendSession, case: TextField, client_mutation_id: str):
    query_name, *selection = case.read.split(" ", 1)
    opened = selection[0].count("{")
    result = session.post(
        f'{{ {query_name}(clientMutationId: "{client_mutation_id}", first: 5) {{ edges {{ node {{ '
        f"{selection[0]} {'}' * opened} }} }} }} }}"
    )
    assert "errors" not in result, result
    node = result["data"][query_name]["edges"][0]["node"]
    for name in selection[0].replace("{", " ").split():
        node = node[name][0] if isinstance(node[name], list) else node[name]
    return node


def too_long_value(case: TextField) -> str:
    if case.field in ("onlineUrl", "website", "url", "mediaLinks"):
        return "https://example.org/" + "a" * (case.max - 19)
    if case.field == "email":
        return "a" * 64 + "@" + "b" * (case.max - 68) + ".org"
    return text_of_length(case.max + 1)


@pytest.mark.django_db
@pytest.mark.parametrize("case", TEXT_FIELDS, ids=lambda case: case.id)
def test_text_one_character_over_its_limit_is_refused_and_writes_nothing(hostile, session, case):
    before = snapshot()

    log = session_for(case, session).mutate(case.mutation, with_value(hostile, case, too_long_value(case)))

    assert log["status"] == MutationLog.ERROR
    assert log["errors"] == [
        {
            "code": "meeting.validation.too_long",
            "field": case.field,
            "message": f"{case.field} is longer than {case.max} characters.",
        }
    ]
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", [case for case in TEXT_FIELDS if case.read], ids=lambda case: case.id)
def test_text_at_its_limit_is_stored_and_read_back_verbatim(hostile, session, case):
    value = text_of_length(case.max)
    sender = session_for(case, session)

    log = sender.mutate(case.mutation, with_value(hostile, case, value))

    assert (log["status"], log["errors"]) == (MutationLog.SUCCESS, [])
    assert read_back(sender, case, log["clientMutationId"]) == value


@pytest.mark.django_db
def test_every_free_text_input_of_the_module_has_a_limit_case(session_introspection):
    covered = {case.field.rsplit(".", 1)[-1] for case in TEXT_FIELDS}

    assert session_introspection - covered == set()


NOT_FREE_TEXT = {"clientMutationId", "clientMutationLabel", "clientMutationDetails", "timezone", "country"}
NOT_FREE_TEXT |= {"countries", "languages", "interpretation", "retentionDate"}  # a date: test_retention_schedule.py
# A visa letter's passport data: a number of 5 to 20 letters and digits, an ISO country code, two dates
# (tests/test_documents_letters.py refuses the rest).
NOT_FREE_TEXT |= {"passportNumber", "nationality", "dateOfBirth", "passportExpiry"}
NOT_FREE_TEXT |= {"language", "disabledKinds"}  # a code of settings.LANGUAGES; codes of message kinds


@pytest.fixture
def session_introspection(session):
    """The String inputs of every meeting mutation that hold free text (not ids, instants, codes or zones)."""
    result = session.post(
        "{ __schema { types { name kind inputFields { name type { kind name ofType { kind name } } } } } }"
    )
    names = set()
    for kind in result["data"]["__schema"]["types"]:
        if kind["kind"] != "INPUT_OBJECT" or "Meeting" not in kind["name"]:
            continue
        for item in kind["inputFields"]:
            scalar = item["type"]["name"] or (item["type"]["ofType"] or {}).get("name")
            free = not item["name"].lower().endswith(("id", "ids", "at")) and item["name"] not in NOT_FREE_TEXT
            if scalar == "String" and free:
                names.add(item["name"])
    return names


# -- characters that cannot be stored ----------------------------------------------------------------------------


UNSTORABLE = {
    "NUL": "Ami\x00na",
    "bell": "Ami\x07na",
    "vertical tab": "Ami\x0bna",
    "escape": "\x1b[31mAmina",
    "lone surrogate": "Ami\ud83dna",
}


@pytest.mark.django_db
@pytest.mark.parametrize("as_variable", [False, True], ids=["literal", "variable"])
@pytest.mark.parametrize("name", UNSTORABLE)
def test_control_characters_and_broken_characters_are_refused(hostile, session, name, as_variable):
    before = snapshot()
    data = {"eventId": str(hostile.world.event.id), "firstName": UNSTORABLE[name], "lastName": "Bello"}
    data["email"] = "amina@example.org"
    kind = "RegisterMeetingParticipantMutationInput" if as_variable else None
    log = session.mutate("registerMeetingParticipant", data, input_type=kind)

    assert log["errors"] == [
        {
            "code": "meeting.validation.invalid_characters",
            "field": "firstName",
            "message": "firstName contains a control character (such as NUL) or half a character, which cannot be "
            "stored.",
        }
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_tabs_line_breaks_and_invisible_direction_marks_are_kept(hostile, session):
    value = "Line one\twith a tab\r\nLine two \u202eevil.exe\u202c \u200f\u200d\ufeff"

    log = session.mutate(
        "registerMeetingParticipant", {**base_input(hostile, "registerMeetingParticipant"), "accessibilityNeeds": value}
    )

    assert log["status"] == MutationLog.SUCCESS, log
    case = TextField("registerMeetingParticipant", "accessibilityNeeds", 2_000, f"{PARTICIPANTS} accessibilityNeeds")
    assert read_back(session, case, log["clientMutationId"]) == value


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("client_id", "label", "message"),
    [
        ("c" * 256, "test", "clientMutationId is longer than 255 characters."),
        (" " + "c" * 255, "test", "clientMutationId is longer than 255 characters."),
        (
            "c\x00",
            "test",
            "clientMutationId contains a control character (such as NUL) or half a character, which "
            "cannot be stored.",
        ),
        (str(uuid.uuid4()), "l" * 256, "clientMutationLabel is longer than 255 characters."),
        (
            str(uuid.uuid4()),
            "label\x00",
            "clientMutationLabel contains a control character (such as NUL) or half a "
            "character, which cannot be stored.",
        ),
    ],
)
def test_client_mutation_id_and_label_that_the_log_cannot_hold_are_refused_before_it(
    hostile, session, client_id, label, message
):
    before, logs = snapshot(), MutationLog.objects.count()

    _id, response = session.send_mutation(
        "createMeetingOrganisation", base_input(hostile, "createMeetingOrganisation"), label=label, client_id=client_id
    )

    assert session.last_status == 200
    assert response["data"] == {"createMeetingOrganisation": None}
    assert [error["message"] for error in response["errors"]] == [message]
    assert (snapshot(), MutationLog.objects.count()) == (before, logs)
