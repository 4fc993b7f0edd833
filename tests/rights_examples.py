"""One valid example per meeting query and mutation, keyed by the field's GraphQL name, against a RightsWorld.

A list (connection) needs no example: it is read with `edges { node { id } }`. Any other query needs its arguments
and a selection here; every mutation needs an input that succeeds for a holder of its right. The generated tests
fail for a field found by introspection without one: add it here."""

from datetime import timedelta

from document_world import move_event, requested_letter, with_certificate

from openimis_be_meeting.models import Event, Message, Participant, Showcase
from openimis_be_meeting.services import (
    DigitalSystemService,
    OrganisationService,
    ParticipantService,
    SessionService,
    StandardService,
)
from openimis_be_meeting.timeutils import now_for_storage

from factories import future, make_event, make_user, open_event, register, running_event
from frontend import Enum
from rights_world import RightsWorld, secret_person
from showcase_setup import advance, make_showcase, ok

# Query field -> (arguments, selection); the selection must come back non-empty from the world.
QUERY_EXAMPLES = {
    "meetingEventStatistics": lambda w: (f'eventId: "{w.event_id}"', "registrations confirmed byStatus { key count }"),
    "meetingInteroperabilityMatrix": lambda w: ("", "pairs { showcaseCount systemA { name } }"),
    "meetingPublishedParticipants": lambda w: (f'eventId: "{w.event_id}"', "edges { node { lastName jobTitle } }"),
    "meetingAnnouncementPreview": lambda w: (
        f'eventId: "{_contactable(w)}", subject: "Shuttle", body: "The shuttle leaves at 8."',
        "count subject text",
    ),
    "meetingEventMailSettings": lambda w: (f'eventId: "{w.event_id}"', "senderName reminderDaysBefore"),
    # A letter asked for in the world first: the list has something to show.
    "meetingVisaLetters": lambda w: (_with_letter(w), "edges { node { uuid status } }"),
}


def _with_letter(w: RightsWorld) -> str:
    """The arguments of a letter list that holds one: a letter is asked for in the world first."""
    requested_letter(w, w.participant_ids[3])
    return f'participantId: "{w.participant_ids[3]}"'


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


def _contactable(w: RightsWorld) -> str:
    """An event with a confirmed participant who agreed to be contacted (an announcement's recipient)."""
    event = open_event(w.admin, code=f"CONTACT-{Participant.objects.count()}")
    assert register(w.admin, event, 36, consent_contact=True)["success"]
    return str(event.id)


def _announcement(w: RightsWorld) -> dict:
    event_id = _contactable(w)
    return {"eventId": event_id, "subject": "Shuttle", "body": "The shuttle leaves at 8.", "expectedCount": 1}


def _message(w: RightsWorld) -> str:
    return str(Message.objects.filter(event__is_deleted=False).order_by("queued_at", "id").first().id)


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


def _begun(w: RightsWorld, showcase_id: str) -> str:
    """The showcase's slot (and so its event) moved to have begun an hour ago: only then may it be marked presented."""
    now = now_for_storage()
    Event.objects.filter(id=w.show.event.id).update(starts_at=now - timedelta(hours=2))
    Showcase.objects.filter(id=showcase_id).update(starts_at=now - timedelta(hours=1), ends_at=now)
    return showcase_id


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
def _certifiable(w: RightsWorld) -> str:
    """The running event's checked-in participant, with the event moved on to ONGOING: a certificate can be issued."""
    from openimis_be_meeting.models import Attendance

    if w.running.status != "ONGOING":
        move_event(w.admin, w.running, "REGISTRATION_CLOSED", "ONGOING")
    return str(Attendance.objects.filter(participant__event=w.running).values_list("participant_id", flat=True)[0])


def _completed(w: RightsWorld) -> str:
    """A completed event with someone who was there: the bulk issue has a certificate to give."""
    from openimis_be_meeting.services import AttendanceService

    event = running_event(w.admin, code="DONE")
    present = register(w.admin, event, 70, **secret_person(70))["data"]["id"]
    ok(AttendanceService(w.admin).check_in({"id": present}))
    return str(move_event(w.admin, event, "REGISTRATION_CLOSED", "ONGOING", "COMPLETED").id)


MUTATION_EXAMPLES = {
    "updateMeetingDocumentSettings": lambda w, owner: {"eventId": w.event_id, "signatoryName": "Dr Rights"},
    "issueMeetingCertificate": lambda w, owner: {"participantId": _certifiable(w)},
    "issueMeetingCertificates": lambda w, owner: {"eventId": _completed(w)},
    "requestMeetingVisaLetter": lambda w, owner: {
        "participantId": w.participant_ids[3],
        "passportNumber": "CM1234567",
        "nationality": "CM",
        "dateOfBirth": "1985-06-01",
        "passportExpiry": "2099-01-01",
    },
    "approveMeetingVisaLetter": lambda w, owner: {"id": requested_letter(w, w.participant_ids[3])},
    "refuseMeetingVisaLetter": lambda w, owner: {"id": requested_letter(w, w.participant_ids[3]), "reason": "No"},
    "revokeMeetingCertificate": lambda w, owner: {
        "participantId": with_certificate(w, w.participant_ids[3]),
        "reason": "Issued by mistake",
    },
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
    "eraseMeetingParticipant": lambda w, owner: {"id": _confirmed(w, 36)},
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
    "markMeetingShowcasePresented": lambda w, owner: {"id": _begun(w, _reviewed(w, "SCHEDULED"))},
    "resendMeetingMessage": lambda w, owner: {"id": _message(w)},
    "sendMeetingAnnouncement": lambda w, owner: _announcement(w),
    "setMeetingEventMailSettings": lambda w, owner: {"eventId": w.event_id, "disabledKinds": ["REMINDER"]},
}


def _person(number: int) -> dict:
    return {"first_name": f"Person{number}", "last_name": "Ndongo", "email": f"person{number}@example.cm"}
