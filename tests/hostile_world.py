"""A prepared world for the hostile-input tests, built through the module's services as organisers would: an open
event with organisations, systems, standards and presenters (showcase_setup), showcases in each review state, a
session, a small running event with a full house and a waiting list, and a pending registration."""

import itertools
import uuid
from dataclasses import dataclass, field

from core.models import MutationLog
from django.apps import apps
from django.db import transaction
from location.test_helpers import create_test_location

from openimis_be_meeting.apps import DEFAULT_CFG
from openimis_be_meeting.documents.problems import DocumentProblems
from openimis_be_meeting.errors import Problem, Problems
from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import SessionService

from factories import future, make_user, open_event, register, running_event
from frontend import Enum
from showcase_setup import World, advance, build_world, make_showcase, ok

KNOWN_CODES = {
    problem.code
    for problems in (Problems, DocumentProblems)
    for problem in vars(problems).values()
    if isinstance(problem, Problem)
}
# Every right the module declares: a user holding them all, without being the IMIS administrator.
ALL_RIGHTS = sorted({code for key, codes in DEFAULT_CFG.items() if key.endswith("_perms") for code in codes})

# Free text as people really type it and as attackers send it: markup, SQL, right-to-left scripts with an override,
# emoji built of several code points, combining accents, a tab and a line break inside.
MIXED = (
    "<script>alert('x')</script><b onmouseover=\"alert(1)\">"
    "'; DROP TABLE meeting_participant; -- "
    "\u202eمرحبا שלום\u202c 👩🏽‍💻🇨🇲 e\u0301 Ñandú\t\n"
)


def text_of_length(length: int) -> str:
    """MIXED repeated to exactly `length` characters (code points), with no blank at either end to be stripped."""
    if length < 3:
        return "x" * length
    return "<" + (MIXED * (length // len(MIXED) + 1))[: length - 2] + ">"


@dataclass
class Hostile:
    admin: object  # the IMIS administrator ("Admin"), who built everything
    world: World  # the open event, its organisations, systems, standards and presenters (ids)
    reviewer: object
    running: object  # a running event with capacity 2: two confirmed, two waiting
    confirmed: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    pending: str = ""  # a registration awaiting approval, in an event that needs it
    also_pending: list = field(default_factory=list)  # more of them, for approvals and rejections
    location: str = ""  # an openIMIS region
    showcases: dict = field(default_factory=dict)  # status -> id
    session: str = ""

    def ids(self) -> dict[str, list[str]]:
        """Real ids by kind, for inputs that name rows."""
        world = self.world
        return {
            "event": [str(world.event.id), str(self.running.id)],
            "organisation": list(world.organisations.values()),
            "participant": [*world.presenters, *self.confirmed, *self.waiting, self.pending, *self.also_pending],
            "system": list(world.systems.values()),
            "standard": list(world.standards.values()),
            "showcase": list(self.showcases.values()),
            "session": [self.session],
            "location": [self.location],
        }

    def tokens(self) -> list[str]:
        ids = [*self.confirmed, *self.waiting, self.pending]
        return list(Participant.objects.filter(id__in=ids).values_list("checkin_token", flat=True))


def plain(value):
    """An input as JSON variables carry it: enum values as their names."""
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def instant(days: int, hour: int) -> str:
    return future(days, hour).isoformat()


def base_input(hostile, mutation: str) -> dict:
    """A valid input of the mutation, into which the field under test is put."""
    world, unique = hostile.world, uuid.uuid4().hex[:8]
    integration = {
        "sourceSystemId": world.systems["openimis"],
        "targetSystemId": world.systems["pbf"],
        "direction": Enum("PUSH"),
        "standardId": world.standards["fhir"],
        "mode": Enum("REAL_TIME"),
        "evidenceLevel": Enum("DEMONSTRATED"),
    }
    inputs = {
        "createMeetingEvent": {
            "code": f"EV-{unique}",
            "name": "Hostile meeting",
            "eventType": Enum("WORKSHOP"),
            "startsAt": "2031-03-01T09:00:00",
            "endsAt": "2031-03-02T17:00:00",
            "timezone": "Africa/Douala",
            "participationMode": Enum("IN_PERSON"),
        },
        "createMeetingOrganisation": {
            "name": f"Org {unique}",
            "organisationType": Enum("IMPLEMENTER"),
            "country": "CM",
        },
        "registerMeetingParticipant": {
            "eventId": str(world.event.id),
            "firstName": "Amina",
            "lastName": "Bello",
            "email": f"{unique}@example.org",
        },
        "updateMeetingDocumentSettings": {"eventId": str(world.event.id)},
        "rejectMeetingParticipant": {"id": hostile.pending, "reason": "No seat for this profile."},
        "checkInMeetingParticipant": {"eventId": str(hostile.running.id), "method": Enum("QR")},
        "createMeetingDigitalSystem": {
            "name": f"System {unique}",
            "systemType": Enum("OPENIMIS"),
            "deploymentStage": Enum("PILOT"),
        },
        "createMeetingStandard": {"code": f"STD-{unique}", "name": "A standard", "family": Enum("HL7_FHIR")},
        "createMeetingShowcase": {
            "eventId": str(world.event.id),
            "title": "A showcase",
            "leadOrganisationId": world.organisations["GIZ"],
            "integrations": [integration],
        },
        "reviewMeetingShowcase": {
            "id": hostile.showcases["SUBMITTED"],
            **{name: 4 for name in ("relevance", "depth", "reusability", "countryImpact")},
            "recommendation": Enum("ACCEPT"),
        },
        "decideMeetingShowcase": {
            "id": hostile.showcases["UNDER_REVIEW"],
            "decision": Enum("REVISION_REQUESTED"),
            "note": "Show the claims flow.",
        },
        "createMeetingSession": {
            "eventId": str(world.event.id),
            "title": "A session",
            "sessionType": Enum("WORKSHOP"),
            "startsAt": instant(31, 9),
            "endsAt": instant(31, 10),
        },
        "sendMeetingAnnouncement": {
            "eventId": str(world.event.id),
            "subject": "Shuttle",
            "body": "The shuttle leaves at 8.",
            "expectedCount": 1,
        },
        "setMeetingEventMailSettings": {"eventId": str(world.event.id)},
    }
    return inputs[mutation]


_numbers = itertools.count(500)


def build_hostile(admin) -> Hostile:
    world = build_world(admin)
    reviewer = make_user("Reviewer", rights=ALL_RIGHTS)
    running = running_event(admin, code="HOSTILE-RUN", capacity=2, days_before=1, days_after=2)
    hostile = Hostile(admin=admin, world=world, reviewer=reviewer, running=running)
    for index in range(4):
        result = ok(register(admin, running, next(_numbers)))
        (hostile.confirmed if index < 2 else hostile.waiting).append(result)
    approval = open_event(admin, code="HOSTILE-APPROVAL", requires_approval=True)
    hostile.pending = ok(register(admin, approval, next(_numbers)))
    hostile.also_pending = [ok(register(admin, approval, next(_numbers))) for _ in range(3)]
    hostile.location = str(create_test_location("R", custom_props={"code": "HR", "name": "Hostile region"}).uuid)
    for status in ("DRAFT", "SUBMITTED", "UNDER_REVIEW", "ACCEPTED"):
        showcase = make_showcase(admin, world, title=f"Showcase {status.lower()}")
        if status != "DRAFT":
            advance(admin, reviewer, showcase, status)
        hostile.showcases[status] = str(showcase.id)
    hostile.session = ok(
        SessionService(admin).create(
            {
                "event_id": str(world.event.id),
                "title": "Opening plenary",
                "session_type": "PLENARY",
                "starts_at": future(30, 9),
                "ends_at": future(30, 10),
                "speaker_ids": [world.presenters[0]],
            }
        )
    )
    return hostile


def snapshot() -> dict:
    """Every row of the module's tables, history and many-to-many tables included: equal before and after a
    refused request when it wrote nothing."""
    tables = {}
    for model in apps.get_app_config("openimis_be_meeting").get_models(include_auto_created=True):
        tables[model._meta.db_table] = list(model._base_manager.order_by("pk").values_list())
    return tables


def world_for_module(django_db_blocker):
    """A Hostile world (with its administrator "Admin") built once for a test module, in a transaction rolled back
    when the module ends; each test still runs in its own savepoint (pytest-django's db fixture), so what a test
    writes is undone after it. Use as a module-scoped generator fixture, instead of conftest's `admin`."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_hostile(make_user("Admin", admin=True))
        transaction.set_rollback(True)


def refused(session, mutation: str, data: dict, *, before: dict | None = None) -> dict:
    """The single error of a refused mutation, after checking that it wrote nothing (since `before`)."""
    before = before or snapshot()
    log = session.mutate(mutation, data)
    assert log["status"] == MutationLog.ERROR, log
    assert len(log["errors"]) == 1, log
    assert snapshot() == before
    error = log["errors"][0]
    assert error["code"] in KNOWN_CODES - {"meeting.unexpected"}, error
    assert error["message"] and "%(" not in error["message"], error
    return error
