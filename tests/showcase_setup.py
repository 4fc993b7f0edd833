"""Test data for showcases, built through the module's services as an organiser would."""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from unittest.mock import patch

from openimis_be_meeting.models import Participant, Showcase
from openimis_be_meeting.services import DigitalSystemService, OrganisationService, ShowcaseService, StandardService

from factories import future, open_event, register


def ok(result: dict) -> str:
    assert result["success"], result
    return result["data"]["id"]


@dataclass
class World:
    """An open event with presenters, organisations, systems and standards to build showcases from."""

    event: object
    presenters: list = field(default_factory=list)
    organisations: dict = field(default_factory=dict)
    systems: dict = field(default_factory=dict)
    standards: dict = field(default_factory=dict)


def build_world(admin, *, code: str = "YDE-SHOW") -> World:
    event = open_event(admin, code=code, starts_at=future(30, 8), ends_at=future(32, 18))
    world = World(event=event)
    for acronym, name, kind, country in (
        ("GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "IMPLEMENTER", "DE"),
        ("MINSANTE", "Ministère de la Santé Publique", "MINISTRY", "CM"),
        ("WB", "World Bank", "MULTILATERAL", "US"),
    ):
        world.organisations[acronym] = ok(
            OrganisationService(admin).create(
                {"name": name, "acronym": acronym, "organisation_type": kind, "country": country}
            )
        )
    for key, name, kind in (
        ("openimis", "openIMIS Cameroon", "OPENIMIS"),
        ("pbf", "PBF portal", "PBF_PLATFORM"),
        ("dhis2", "DHIS2 Cameroon", "DHIS2"),
        ("registry", "MINAS social registry", "SOCIAL_REGISTRY"),
    ):
        world.systems[key] = ok(
            DigitalSystemService(admin).create(
                {"name": name, "system_type": kind, "country": "CM", "deployment_stage": "PILOT"}
            )
        )
    for key, code_, name, family in (
        ("fhir", "FHIR-R4", "HL7 FHIR R4", "HL7_FHIR"),
        ("adx", "DHIS2-ADX", "DHIS2 ADX", "DHIS2_API"),
        ("dci", "SP-DCI", "Social protection DCI", "SP_DCI"),
    ):
        world.standards[key] = ok(StandardService(admin).create({"code": code_, "name": name, "family": family}))
    for number in range(3):
        world.presenters.append(register(admin, event, 100 + number, last_name=f"Presenter{number}")["data"]["id"])
    return world


def integration(world: World, source="openimis", target="pbf", standard="fhir", level="DEMONSTRATED", **extra):
    return {
        "source_system_id": world.systems[source],
        "target_system_id": world.systems[target],
        "direction": "PUSH",
        "standard_id": world.standards[standard],
        "mode": "REAL_TIME",
        "evidence_level": level,
        **extra,
    }


def showcase_input(world: World, **overrides) -> dict:
    data = {
        "event_id": str(world.event.id),
        "title": "openIMIS and the PBF platform",
        "abstract": "Claims from openIMIS feed the Performance Based Financing portal.",
        "lead_organisation_id": world.organisations["GIZ"],
        "partner_organisation_ids": [world.organisations["MINSANTE"]],
        "presenter_ids": [world.presenters[0]],
        "scheme_name": "Chèque Santé",
        "scheme_type": "HEALTH_VOUCHER",
        "use_cases": ["CLAIMS", "REPORTING"],
        "countries": ["CM"],
        "integrations": [integration(world)],
    }
    data.update(overrides)
    return data


def make_showcase(user, world: World, **overrides) -> Showcase:
    return Showcase.objects.get(id=ok(ShowcaseService(user).create(showcase_input(world, **overrides))))


@contextmanager
def slot_begun(showcase_id):
    """The service's clock a minute into the showcase's slot: a presentation is recorded once the slot has begun,
    and the test world's slots lie in the future."""
    starts = Showcase.objects.get(id=showcase_id).starts_at
    with patch("openimis_be_meeting.services.showcases.now_for_storage", return_value=starts + timedelta(minutes=1)):
        yield


def presented_once_begun(service, showcase_id):
    with slot_begun(showcase_id):
        return service.mark_presented({"id": showcase_id})


def advance(admin, reviewer, showcase: Showcase, to: str, *, slot=None) -> Showcase:
    """Take a draft along the happy path up to `to` (SUBMITTED, UNDER_REVIEW, ACCEPTED, SCHEDULED, PRESENTED);
    a scheduled showcase gets `slot` (10:00 to 11:00 on the event's first day when not given)."""
    slot = slot or (future(30, 10), future(30, 11))
    path = ["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "SCHEDULED", "PRESENTED"]
    service, showcase_id = ShowcaseService(admin), str(showcase.id)
    steps = {
        "SUBMITTED": lambda: service.submit({"id": showcase_id}),
        "UNDER_REVIEW": lambda: ShowcaseService(reviewer).review({"id": showcase_id, **scores(4)}),
        "ACCEPTED": lambda: service.decide({"id": showcase_id, "decision": "ACCEPTED"}),
        "SCHEDULED": lambda: service.schedule({"id": showcase_id, "starts_at": slot[0], "ends_at": slot[1]}),
        "PRESENTED": lambda: presented_once_begun(service, showcase_id),
    }
    for step in path[: path.index(to) + 1]:
        ok(steps[step]())
    showcase.refresh_from_db()
    assert showcase.status == to
    return showcase


def scores(value: int, recommendation: str = "ACCEPT") -> dict:
    return {
        "relevance": value,
        "depth": value,
        "reusability": value,
        "country_impact": value,
        "comment": "Useful for other schemes.",
        "recommendation": recommendation,
    }


def presenter(world: World, index: int = 0) -> Participant:
    return Participant.objects.get(id=world.presenters[index])
