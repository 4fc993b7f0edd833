"""One valid example per meeting query and mutation, keyed by the field's GraphQL name, against a RightsWorld.

A list (connection) needs no example: it is read with `edges { node { id } }`. Any other query needs its arguments
and a selection here; every mutation needs an input that succeeds for a holder of its right. The generated tests
fail for a field found by introspection without one: add it here."""

from datetime import timedelta

from openimis_be_meeting.models import Showcase
from openimis_be_meeting.services import (
    DigitalSystemService,
    OrganisationService,
    ParticipantService,
    SessionService,
    StandardService,
)

from factories import future, make_event, make_user, open_event, register
from frontend import Enum
from rights_world import RightsWorld, secret_person
from showcase_setup import advance, make_showcase, ok

# Query field -> (arguments, selection); the selection must come back non-empty from the world.
QUERY_EXAMPLES = {
    "meetingEventStatistics": lambda w: (f'eventId: "{w.event_id}"', "registrations confirmed byStatus { key count }"),
    "meetingInteroperabilityMatrix": lambda w: ("", "pairs { showcaseCount systemA { name } }"),
    "meetingPublishedParticipants": lambda w: (f'eventId: "{w.event_id}"', "edges { node { lastName jobTitle } }"),
}
# For a field whose right depends on an argument (permissions.ByArgument): value -> (arguments, selection).
QUERY_EXAMPLES_BY_ARGUMENT = {
    "meetingHistory": lambda w, value: (
        f'entity: {value.upper()}, id: "{history_ids(w)[value]}"',
        "version changedBy change",
    ),
}


def history_ids(w: RightsWorld) -> dict:
    """A row of each entity meetingHistory reads."""
    return {
        "event": w.event_id,
        "participant": w.participant_ids[0],
        "organisation": w.show.organisations["GIZ"],
        "showcase": str(w.showcase.id),
        "digital_system": w.show.systems["openimis"],
        "standard": w.show.standards["fhir"],
        "session": w.session_id,
    }


def _iso(moment) -> str:
    return moment.isoformat()


def _pending(w: RightsWorld, number: int) -> str:
    """A registration waiting for approval, on an event that needs it."""
    event = open_event(w.admin, code=f"APPROVAL-{number}", requires_approval=True)
    result = register(w.admin, event, number, **secret_person(number))
    assert result["success"] and result["data"]["status"] == "PENDING", result
    return result["data"]["id"]


def _confirmed(w: RightsWorld, number: int) -> str:
    result = register(w.admin, w.show.event, number, **secret_person(number))
    assert result["success"], result
    return result["data"]["id"]


def _own_showcase(w: RightsWorld, owner, stage: str = "DRAFT") -> str:
    """A showcase the acting user created (their own: updates, submission and withdrawal are the creator's)."""
    showcase = make_showcase(w.admin, w.show, title=f"{owner.username}'s showcase")
    if stage != "DRAFT":
        showcase = advance(w.admin, None, showcase, stage)
    Showcase.objects.filter(id=showcase.id).update(user_created=owner)
    return str(showcase.id)


def _reviewed(w: RightsWorld, stage: str) -> str:
    """A showcase taken to `stage`, in a slot of its own (the world's showcase holds the first morning)."""
    reviewer = make_user(f"Reviewer{stage}", rights=["217005"])
    showcase = make_showcase(w.admin, w.show, title=f"To {stage}")
    return str(advance(w.admin, reviewer, showcase, stage, slot=(future(31, 14), future(31, 15))).id)


def _organisation(w: RightsWorld) -> str:
    return ok(OrganisationService(w.admin).create({"name": "Unused NGO", "organisation_type": "NGO", "country": "CM"}))


def _system(w: RightsWorld) -> str:
    return ok(
        DigitalSystemService(w.admin).create(
            {"name": "Unused", "system_type": "OTHER", "country": "KE", "deployment_stage": "PILOT"}
        )
    )


def _standard(w: RightsWorld) -> str:
    return ok(StandardService(w.admin).create({"code": "UNUSED-1", "name": "Unused", "family": "OTHER"}))


def _session(w: RightsWorld) -> str:
    return ok(
        SessionService(w.admin).create(
            {
                "event_id": w.event_id,
                "title": "Side meeting",
                "session_type": "SIDE_MEETING",
                "starts_at": future(31, 14),
                "ends_at": future(31, 15),
            }
        )
    )


def _integration(w: RightsWorld) -> dict:
    return {
        "sourceSystemId": w.show.systems["openimis"],
        "targetSystemId": w.show.systems["dhis2"],
        "direction": Enum("PUSH"),
        "standardId": w.show.standards["adx"],
        "mode": Enum("BATCH"),
        "evidenceLevel": Enum("CLAIMED"),
    }


# Mutation field -> input fields (camelCase, as the frontend writes them), given the world and the acting user.
MUTATION_EXAMPLES = {
    "createMeetingEvent": lambda w, owner: {
        "code": "RIGHTS-NEW",
        "name": "Rights workshop",
        "eventType": Enum("WORKSHOP"),
        "startsAt": _iso(future(40, 9)),
        "endsAt": _iso(future(40, 17)),
        "timezone": "Africa/Douala",
        "country": "CM",
        "participationMode": Enum("IN_PERSON"),
    },
    "updateMeetingEvent": lambda w, owner: {"id": w.event_id, "name": "Renamed meeting"},
    "deleteMeetingEvent": lambda w, owner: {"ids": [str(make_event(w.admin, code="SPARE").id)]},
    "changeMeetingEventStatus": lambda w, owner: {
        "id": str(make_event(w.admin, code="TO-PUBLISH").id),
        "status": Enum("PUBLISHED"),
    },
    "createMeetingOrganisation": lambda w, owner: {
        "name": "Rights NGO",
        "organisationType": Enum("NGO"),
        "country": "CM",
    },
    "updateMeetingOrganisation": lambda w, owner: {"id": w.show.organisations["WB"], "acronym": "IBRD"},
    "deleteMeetingOrganisation": lambda w, owner: {"ids": [_organisation(w)]},
    "registerMeetingParticipant": lambda w, owner: {
        "eventId": w.event_id,
        "firstName": "New",
        "lastName": "Person",
        "email": "new.person@example.cm",
    },
    "updateMeetingParticipant": lambda w, owner: {"id": w.participant_ids[3], "jobTitle": "Director"},
    "approveMeetingParticipant": lambda w, owner: {"id": _pending(w, 30)},
    "rejectMeetingParticipant": lambda w, owner: {"id": _pending(w, 31), "reason": "The room is full."},
    "cancelMeetingParticipant": lambda w, owner: {"id": _confirmed(w, 32)},
    "withdrawMeetingParticipant": lambda w, owner: {"id": _confirmed(w, 33)},
    "deleteMeetingParticipant": lambda w, owner: {"id": _confirmed(w, 34)},
    "checkInMeetingParticipant": lambda w, owner: {
        "id": ok(ParticipantService(w.admin).register({"event_id": str(w.running.id), **_person(35)}))
    },
    "createMeetingSession": lambda w, owner: {
        "eventId": w.event_id,
        "title": "Closing",
        "sessionType": Enum("PLENARY"),
        "startsAt": _iso(future(32, 16)),
        "endsAt": _iso(future(32, 17)),
    },
    "updateMeetingSession": lambda w, owner: {"id": w.session_id, "title": "Opening plenary (moved)"},
    "deleteMeetingSession": lambda w, owner: {"ids": [_session(w)]},
    "createMeetingDigitalSystem": lambda w, owner: {
        "name": "OpenCRVS",
        "systemType": Enum("OTHER"),
        "country": "CM",
        "deploymentStage": Enum("PILOT"),
    },
    "updateMeetingDigitalSystem": lambda w, owner: {"id": w.show.systems["pbf"], "softwareVersion": "2.1"},
    "deleteMeetingDigitalSystem": lambda w, owner: {"ids": [_system(w)]},
    "createMeetingStandard": lambda w, owner: {"code": "RIGHTS-STD", "name": "A standard", "family": Enum("OTHER")},
    "updateMeetingStandard": lambda w, owner: {"id": w.show.standards["dci"], "standardVersion": "1.1"},
    "deleteMeetingStandard": lambda w, owner: {"ids": [_standard(w)]},
    "createMeetingShowcase": lambda w, owner: {
        "eventId": w.event_id,
        "title": "openIMIS and DHIS2",
        "leadOrganisationId": w.show.organisations["MINSANTE"],
        "integrations": [_integration(w)],
    },
    "updateMeetingShowcase": lambda w, owner: {"id": _own_showcase(w, owner), "title": "Renamed showcase"},
    "deleteMeetingShowcase": lambda w, owner: {"ids": [str(make_showcase(w.admin, w.show, title="To delete").id)]},
    "submitMeetingShowcase": lambda w, owner: {"id": _own_showcase(w, owner)},
    "withdrawMeetingShowcase": lambda w, owner: {"id": _own_showcase(w, owner, "SUBMITTED")},
    "reviewMeetingShowcase": lambda w, owner: {
        "id": str(advance(w.admin, None, make_showcase(w.admin, w.show, title="To review"), "SUBMITTED").id),
        "relevance": 4,
        "depth": 3,
        "reusability": 5,
        "countryImpact": 4,
        "comment": "Reusable.",
        "recommendation": Enum("ACCEPT"),
    },
    "decideMeetingShowcase": lambda w, owner: {"id": _reviewed(w, "UNDER_REVIEW"), "decision": Enum("ACCEPTED")},
    "scheduleMeetingShowcase": lambda w, owner: {
        "id": _reviewed(w, "ACCEPTED"),
        "startsAt": _iso(future(31, 10)),
        "endsAt": _iso(future(31, 10) + timedelta(minutes=30)),
    },
    "markMeetingShowcasePresented": lambda w, owner: {"id": _reviewed(w, "SCHEDULED")},
}


def _person(number: int) -> dict:
    return {"first_name": f"Person{number}", "last_name": "Ndongo", "email": f"person{number}@example.cm"}
