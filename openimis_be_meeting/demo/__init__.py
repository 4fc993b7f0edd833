"""Demo data drawn from the openIMIS Community Meeting in Yaoundé, written through the module's services."""

import base64
import hashlib
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from core.models import HistoryModel
from django.db import transaction

from ..models import Event, Organisation, Participant
from ..services import EventService
from .agenda import seed_agenda
from .participants import seed_participants
from .showcases import seed_showcases

YAOUNDE = "OIM-CM-YDE"
# The namespace of the demo's fixed ids (uuid5 of "<model>:<rank of creation>").
DEMO_IDS = uuid.UUID("6d0e5f1a-2b3c-5d4e-8f60-718293a4b5c6")

# Statuses an event passes through to reach each demo status.
_PATHS = {
    "DRAFT": [],
    "PUBLISHED": ["PUBLISHED"],
    "REGISTRATION_OPEN": ["PUBLISHED", "REGISTRATION_OPEN"],
    "ONGOING": ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING"],
    "COMPLETED": ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"],
    "CANCELLED": ["PUBLISHED", "CANCELLED"],
}


def _day(offset: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time `offset` days from today (interpreted in the event's own zone)."""
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, hour, minute) + timedelta(days=offset)


def demo_events() -> list[dict]:
    return [
        {
            "status": "ONGOING",
            "code": YAOUNDE,
            "name": "openIMIS Community Meeting — Yaoundé",
            "name_fr": "Réunion de la communauté openIMIS — Yaoundé",
            "event_type": "COMMUNITY_MEETING",
            "description": (
                "Users, implementers and developers of openIMIS take stock of the latest developments and plan "
                "future work after the merger with CORE-MIS, the World Bank's solution. The knowledge hubs AeHIN "
                "and KeHIA contribute to knowledge sharing and capacity building. Cameroon hosts the meeting for "
                "its openIMIS schemes under the Ministry of Public Health: HIV fee elimination, maternal health "
                "vouchers and health vouchers for refugees."
            ),
            "description_fr": (
                "Utilisateurs, responsables de mise en œuvre et développeurs d'openIMIS font le point sur les "
                "derniers développements et planifient la suite après la fusion avec CORE-MIS, la solution de la "
                "Banque mondiale. Les pôles de connaissances AeHIN et KeHIA contribuent au partage des savoirs et au "
                "renforcement des capacités. Le Cameroun accueille la réunion pour ses programmes openIMIS sous la "
                "tutelle du ministère de la Santé publique : élimination des frais liés au VIH, chèques santé "
                "maternelle et chèques santé pour les réfugiés."
            ),
            "starts_at": _day(-1, 8, 30),
            "ends_at": _day(1, 17, 30),
            "timezone": "Africa/Douala",
            "venue": "Conference centre",
            "city": "Yaoundé",
            "country": "CM",
            "participation_mode": "HYBRID",
            "online_url": "https://openimis.org/community-meeting",
            "capacity": 60,
            "registration_opens_at": _day(-60, 8),
            "registration_closes_at": _day(-3, 23, 59),
            "requires_approval": True,
            "organisers": "openIMIS Initiative (GIZ on behalf of BMZ, SDC); Ministry of Public Health of Cameroon",
        },
        {
            "status": "COMPLETED",
            "code": "CORE-MIS-MERGE",
            "name": "openIMIS and CORE-MIS: what the merger means",
            "event_type": "WEBINAR",
            "description": "An online briefing for the community on the merger of openIMIS with CORE-MIS.",
            "starts_at": _day(-330, 14),
            "ends_at": _day(-330, 16),
            "timezone": "Europe/Berlin",
            "country": "",
            "participation_mode": "ONLINE",
            "online_url": "https://openimis.org/webinars/core-mis",
            "organisers": "openIMIS Initiative; World Bank CORE-MIS team",
        },
        {
            "status": "REGISTRATION_OPEN",
            "code": "FHIR-CONNECT",
            "name": "openIMIS FHIR connectathon",
            "event_type": "CONNECTATHON",
            "description": "Two days of testing openIMIS FHIR R4 exchanges with DHIS2, EMRs and social registries.",
            "starts_at": _day(45, 9),
            "ends_at": _day(46, 17),
            "timezone": "Africa/Nairobi",
            "venue": "Strathmore University",
            "city": "Nairobi",
            "country": "KE",
            "participation_mode": "HYBRID",
            "online_url": "https://openimis.org/connectathon",
            "capacity": 40,
            "registration_closes_at": _day(40, 23, 59),
            "organisers": "Kenya Health Informatics Association (KeHIA)",
        },
        {
            "status": "PUBLISHED",
            "code": "AEHIN-TRAIN",
            "name": "openIMIS implementers training for Asia",
            "event_type": "TRAINING",
            "description": "Configuration, claims and reporting for new scheme operators.",
            "starts_at": _day(90, 9),
            "ends_at": _day(94, 16),
            "timezone": "Asia/Manila",
            "city": "Manila",
            "country": "PH",
            "participation_mode": "IN_PERSON",
            "capacity": 30,
            "organisers": "Asia eHealth Information Network (AeHIN)",
        },
        {
            "status": "DRAFT",
            "code": "MINAS-SR-WS",
            "name": "Linking openIMIS with the social registry of MINAS",
            "event_type": "WORKSHOP",
            "description": "Planning the exchange between openIMIS schemes and the social registry planned by the "
            "Cameroon Ministry of Social Affairs, and with the World Bank supported PBF platform.",
            "starts_at": _day(120, 9),
            "ends_at": _day(120, 17),
            "timezone": "Africa/Douala",
            "city": "Yaoundé",
            "country": "CM",
            "organisers": "Ministry of Social Affairs (MINAS); openIMIS Initiative",
        },
    ]


def demo_id(model_label: str, rank: int) -> uuid.UUID:
    """The id a fresh demo gives the `rank`-th row (from 1) it creates of a model (`openimis_be_meeting.event`)."""
    return uuid.uuid5(DEMO_IDS, f"{model_label}:{rank}")


@contextmanager
def fixed_ids(fresh: bool) -> Iterator[None]:
    """While seeding an empty (`fresh`) database, give every new row the same id as in any other fresh demo (the
    services create the rows in a fixed order), so that the documentation's examples can name them; a database that
    already holds meeting rows keeps core's random ids (a fixed id could collide with one seeded before)."""
    if not fresh:
        yield
        return
    ranks = Counter()

    def set_pk(row) -> None:
        ranks[row._meta.label_lower] += 1
        row.pk = demo_id(row._meta.label_lower, ranks[row._meta.label_lower])

    core_set_pk = HistoryModel.set_pk
    HistoryModel.set_pk = set_pk
    try:
        yield
    finally:
        HistoryModel.set_pk = core_set_pk


def demo_badge(participant_id) -> str:
    """The check-in token a fresh demo gives a participant: 32 URL-safe characters, like the service's own."""
    digest = hashlib.sha256(f"{DEMO_IDS}:{participant_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:32]


def _fix_badges() -> None:
    """Give the fresh demo's participants their fixed check-in tokens (in their history rows too), so that the
    documentation's badge and personal-feed examples work as written."""
    for participant_id in Participant.objects.values_list("id", flat=True):
        token = demo_badge(participant_id)
        Participant.objects.filter(id=participant_id).update(checkin_token=token)
        Participant.history.filter(id=participant_id).update(checkin_token=token)


@transaction.atomic
def seed_demo(user, *, reviewer_password: str | None = None) -> tuple[list[str], int, dict, dict]:
    """Create the demo events that do not exist yet, and the Yaoundé meeting's participants if it has none, its
    showcases if it has none and its agenda if it has no sessions; return the codes created, the number of
    participants registered, what `seed_showcases` created (empty when the meeting already had showcases) and the
    sessions `seed_agenda` created by type (empty when the meeting already had an agenda). A fresh database gets
    fixed ids and badges (`fixed_ids`, `demo_badge`); the demo reviewer gets `reviewer_password`, or one nobody
    knows."""
    fresh = not (Event.objects.exists() or Organisation.objects.exists())
    with fixed_ids(fresh):
        seeded = _seed(user, reviewer_password)
    if fresh:
        _fix_badges()
    return seeded


def _seed(user, reviewer_password: str | None) -> tuple[list[str], int, dict, dict]:
    created = []
    service = EventService(user)
    for spec in demo_events():
        spec = dict(spec)
        status = spec.pop("status")
        if Event.objects.live().filter(code=spec["code"]).exists():
            continue
        result = service.create(spec)
        if not result["success"]:
            raise RuntimeError(f"demo event {spec['code']}: {result['detail']}")
        for step in _PATHS[status]:
            outcome = service.change_status({"id": result["data"]["id"], "status": step})
            if not outcome["success"]:
                raise RuntimeError(f"demo event {spec['code']} to {step}: {outcome['detail']}")
        created.append(spec["code"])
    yaounde = Event.objects.live().filter(code=YAOUNDE).first()
    if yaounde is None:
        return created, 0, {}, {}
    participants = seed_participants(user, yaounde)
    showcases = seed_showcases(user, yaounde, reviewer_password=reviewer_password)
    return created, participants, showcases, seed_agenda(user, yaounde)
