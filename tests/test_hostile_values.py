"""Hostile ids, instants and zones through the real mutations, as the frontend writes them: each is refused with a
clear coded error naming its field, never `meeting.unexpected`, and a refused request writes nothing. Runs on SQLite
and PostgreSQL alike."""

import base64
import uuid

import pytest
from graphql_relay import to_global_id
from hostile_world import base_input, instant, refused, snapshot, world_for_module

from factories import PASSWORD
from frontend import Enum, logged_in

INVALID_ID = "meeting.validation.invalid_id"


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    yield from world_for_module(django_db_blocker)


@pytest.fixture
def session(hostile, db):
    return logged_in("Admin", PASSWORD)


# -- ids -----------------------------------------------------------------------------------------------------------

MALFORMED_IDS = {
    "sql": "' OR '1'='1' --",
    "huge": "9" * 100_000,
    "NUL": "\x00",
    "global id of no uuid": base64.b64encode(b"MeetingEventGQLType:1").decode(),
}


def unknown_ids() -> dict:
    unknown = uuid.uuid4()
    return {
        "unknown uuid": str(unknown),
        "unknown uuid in upper case, as a global id": to_global_id("MeetingEventGQLType", str(unknown).upper()),
    }


def showcase_input(hostile) -> dict:
    return base_input(hostile, "createMeetingShowcase")


# (mutation, field as the error names it, the rest of the input, whether the field takes a list)
ID_CASES = [
    ("updateMeetingEvent", "id", lambda h: {"name": "Renamed"}, False),
    ("changeMeetingEventStatus", "id", lambda h: {"status": Enum("PUBLISHED")}, False),
    ("deleteMeetingEvent", "ids", lambda h: {}, True),
    ("createMeetingEvent", "locationId", lambda h: base_input(h, "createMeetingEvent"), False),
    ("updateMeetingOrganisation", "id", lambda h: {"name": "Renamed"}, False),
    ("deleteMeetingOrganisation", "ids", lambda h: {}, True),
    ("registerMeetingParticipant", "eventId", lambda h: base_input(h, "registerMeetingParticipant"), False),
    ("registerMeetingParticipant", "organisationId", lambda h: base_input(h, "registerMeetingParticipant"), False),
    ("registerMeetingParticipant", "userId", lambda h: base_input(h, "registerMeetingParticipant"), False),
    ("updateMeetingParticipant", "id", lambda h: {"jobTitle": "Nurse"}, False),
    ("approveMeetingParticipant", "id", lambda h: {}, False),
    ("rejectMeetingParticipant", "id", lambda h: {"reason": "Full"}, False),
    ("cancelMeetingParticipant", "id", lambda h: {}, False),
    ("withdrawMeetingParticipant", "id", lambda h: {}, False),
    ("deleteMeetingParticipant", "id", lambda h: {}, False),
    ("checkInMeetingParticipant", "id", lambda h: {"method": Enum("MANUAL")}, False),
    ("checkInMeetingParticipant", "eventId", lambda h: {"method": Enum("QR"), "token": h.tokens()[0]}, False),
    ("checkInMeetingParticipant", "sessionId", lambda h: {"id": h.confirmed[0]}, False),
    ("createMeetingDigitalSystem", "ownerId", lambda h: base_input(h, "createMeetingDigitalSystem"), False),
    ("updateMeetingDigitalSystem", "id", lambda h: {"name": "Renamed"}, False),
    ("deleteMeetingDigitalSystem", "ids", lambda h: {}, True),
    ("updateMeetingStandard", "id", lambda h: {"name": "Renamed"}, False),
    ("deleteMeetingStandard", "ids", lambda h: {}, True),
    ("createMeetingShowcase", "eventId", showcase_input, False),
    ("createMeetingShowcase", "leadOrganisationId", showcase_input, False),
    ("createMeetingShowcase", "partnerOrganisationIds", showcase_input, True),
    ("createMeetingShowcase", "presenterIds", showcase_input, True),
    ("createMeetingShowcase", "integrations.0.sourceSystemId", showcase_input, False),
    ("createMeetingShowcase", "integrations.0.targetSystemId", showcase_input, False),
    ("createMeetingShowcase", "integrations.0.standardId", showcase_input, False),
    ("updateMeetingShowcase", "id", lambda h: {"title": "Renamed"}, False),
    ("deleteMeetingShowcase", "ids", lambda h: {}, True),
    ("submitMeetingShowcase", "id", lambda h: {}, False),
    ("withdrawMeetingShowcase", "id", lambda h: {}, False),
    ("reviewMeetingShowcase", "id", lambda h: base_input(h, "reviewMeetingShowcase"), False),
    ("decideMeetingShowcase", "id", lambda h: base_input(h, "decideMeetingShowcase"), False),
    ("scheduleMeetingShowcase", "id", lambda h: {"startsAt": instant(30, 14), "endsAt": instant(30, 15)}, False),
    ("markMeetingShowcasePresented", "id", lambda h: {}, False),
    ("createMeetingSession", "eventId", lambda h: base_input(h, "createMeetingSession"), False),
    ("createMeetingSession", "speakerIds", lambda h: base_input(h, "createMeetingSession"), True),
    ("createMeetingSession", "chairIds", lambda h: base_input(h, "createMeetingSession"), True),
    ("createMeetingSession", "showcaseIds", lambda h: base_input(h, "createMeetingSession"), True),
    ("updateMeetingSession", "id", lambda h: {"title": "Renamed"}, False),
    ("deleteMeetingSession", "ids", lambda h: {}, True),
    (
        "requestMeetingVisaLetter",
        "participantId",
        lambda h: {"passportNumber": "AB1234567", "nationality": "NG", "dateOfBirth": "1980-01-01"},
        False,
    ),
]


# Where an unknown id is reported under another field: a badge scanned at another event's door names the badge.
UNKNOWN_REPORTED_AS = {("checkInMeetingParticipant", "eventId"): "token"}


def with_id(data: dict, field: str, value, as_list: bool) -> dict:
    value = [value] if as_list else value
    if field.startswith("integrations.0."):
        data["integrations"][0][field.rsplit(".", 1)[1]] = value
    else:
        data[field] = value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(("mutation", "field", "rest", "as_list"), ID_CASES, ids=[f"{c[0]}.{c[1]}" for c in ID_CASES])
def test_malformed_and_unknown_ids_are_refused_naming_the_field(hostile, session, mutation, field, rest, as_list):
    before = snapshot()
    for name, value in MALFORMED_IDS.items():
        error = refused(session, mutation, with_id(rest(hostile), field, value, as_list), before=before)
        assert (error["code"], error["field"]) == (INVALID_ID, field), (name, error)
    for name, value in unknown_ids().items():
        error = refused(session, mutation, with_id(rest(hostile), field, value, as_list), before=before)
        assert error["field"] == UNKNOWN_REPORTED_AS.get((mutation, field), field), (name, error)
        assert error["code"] != INVALID_ID, (name, error)


@pytest.mark.django_db
def test_every_id_input_of_the_module_has_a_case(hostile, session):
    result = session.post("{ __schema { types { name kind inputFields { name } } } }")
    inputs = set()
    for kind in result["data"]["__schema"]["types"]:
        if kind["kind"] != "INPUT_OBJECT" or "Meeting" not in kind["name"]:
            continue
        for item in kind["inputFields"]:
            if item["name"].endswith(("id", "Id", "ids", "Ids")) and item["name"] != "clientMutationId":
                inputs.add(item["name"])

    assert inputs - {case[1].rsplit(".", 1)[-1] for case in ID_CASES} == set()


# -- instants and zones --------------------------------------------------------------------------------------------

BAD_INSTANTS = [
    "2031-02-30T10:00:00",
    "2031-13-01T10:00:00",
    "2031-03-01",
    "tomorrow at nine",
    "2031-03-01T10:00:00+25:00",
    "10000-01-01T00:00:00",
    "0001-01-01T00:00:00",
    "1899-12-31T23:59:59Z",
    "2999-12-31T23:59:59-25:00",
    "2031-03-01T25:00:00",
    "2031-03-01T10:00:00.123456789012345678901234567890123456789012345678901234567890",
    "NaN",
    " ",
    "2031-03-01T10:00:00\x00",
    "2031-03-01T10:00:00" + " " * 100_000 + "Z",
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD_INSTANTS, ids=range(len(BAD_INSTANTS)))
def test_malformed_instants_are_refused(hostile, session, value):
    data = {**base_input(hostile, "createMeetingEvent"), "startsAt": value}

    assert refused(session, "createMeetingEvent", data) == {
        "code": "meeting.validation.invalid_datetime",
        "field": "startsAt",
        "message": "startsAt is not a valid date and time.",
    }


@pytest.mark.django_db
def test_instant_in_a_daylight_saving_gap_or_overlap_is_refused_without_its_offset(hostile, session):
    data = {**base_input(hostile, "createMeetingEvent"), "timezone": "Europe/Berlin"}

    for value in ("2031-03-30T02:30:00", "2031-10-26T02:30:00"):
        error = refused(session, "createMeetingEvent", {**data, "startsAt": value})
        assert error["code"] == "meeting.validation.local_time_ambiguous"


BAD_ZONES = [
    "Mars/Olympus_Mons",
    "../../etc/passwd",
    "localtime",
    "posix/Europe/Paris",
    "Europe/Paris\x00",
    "UTC+01:00",
    "europe/paris",
    "Ω" * 10_000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", BAD_ZONES, ids=range(len(BAD_ZONES)))
def test_unknown_time_zones_are_refused(hostile, session, zone):
    error = refused(session, "createMeetingEvent", {**base_input(hostile, "createMeetingEvent"), "timezone": zone})

    assert error == {
        "code": "meeting.validation.unknown_timezone",
        "field": "timezone",
        "message": f"{zone[:64]} is not a known IANA time zone.",
    }
