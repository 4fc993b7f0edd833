"""Showcases (integrations inline), the catalogue, organisations and the agenda in the Django admin: each form is one
service call, refusals come in the service's words, deletions are the services' all-or-nothing soft deletes."""

from datetime import datetime

import pytest

from openimis_be_meeting.models import DigitalSystem, Integration, Organisation, Session, Showcase, Standard
from openimis_be_meeting.services import SessionService

from admin_pages import APP, action, admin_login, datetime_fields, errors, messages_of
from factories import make_user, open_event, register
from showcase_setup import advance, build_world, make_showcase, ok

pytestmark = pytest.mark.django_db

CURATOR = ["215001", "216001", "217001", "217002", "217003", "217004", "217006"]
KEEPER = ["216001", "216002", "216003", "216004"]


@pytest.fixture
def curator(db):
    make_user("Curator", rights=CURATOR)
    return admin_login("Curator")


@pytest.fixture
def world(admin):
    return build_world(admin)


def integration_rows(world, *rows, initial: int = 0, ids=()) -> dict:
    """The inline formset's fields for `rows`, each (source, target, standard, evidence level[, delete])."""
    data = {
        "integrations-TOTAL_FORMS": str(len(rows)),
        "integrations-INITIAL_FORMS": str(initial),
        "integrations-MIN_NUM_FORMS": "0",
        "integrations-MAX_NUM_FORMS": "1000",
    }
    for index, (source, target, standard, level, *delete) in enumerate(rows):
        prefix = f"integrations-{index}-"
        data.update(
            {
                prefix + "id": str(ids[index]) if index < len(ids) else "",
                prefix + "source_system": world.systems[source],
                prefix + "target_system": world.systems[target],
                prefix + "standard": world.standards[standard],
                prefix + "direction": "PUSH",
                prefix + "mode": "REAL_TIME",
                prefix + "evidence_level": level,
                prefix + "data_exchanged": "Claims",
                prefix + "conformance_reference": "",
            }
        )
        if delete:
            data[prefix + "DELETE"] = "on"
    return data


def showcase_form(world, *rows, **overrides) -> dict:
    data = {
        "event": str(world.event.id),
        "title": "openIMIS and the PBF platform",
        "abstract": "Claims from openIMIS feed the PBF portal.",
        "lead_organisation": world.organisations["GIZ"],
        "partner_organisations": [world.organisations["MINSANTE"], world.organisations["WB"]],
        "presenters": [world.presenters[0]],
        "scheme_name": "Chèque Santé",
        "scheme_type": "HEALTH_VOUCHER",
        "use_cases": ["CLAIMS", "REPORTING"],
        "countries": "cm, SN",
        "demo_type": "LIVE",
        "media_links": "https://openimis.org/demo\nhttps://example.org/slides",
        **integration_rows(world, *(rows or [("openimis", "pbf", "fhir", "DEMONSTRATED")])),
        "_save": "Save",
    }
    data.update(overrides)
    return data


def links(showcase) -> list[tuple[str, str, str, int]]:
    return [
        (link.source_system.name, link.target_system.name, link.evidence_level, link.position)
        for link in Integration.objects.filter(showcase=showcase).order_by("position")
    ]


def test_a_showcase_and_its_integrations_are_created_in_one_service_call(curator, world):
    response = curator.post(
        APP + "showcase/add/",
        showcase_form(
            world, ("openimis", "pbf", "fhir", "DEMONSTRATED"), ("dhis2", "openimis", "adx", "IN_PRODUCTION")
        ),
    )

    assert response.status_code == 302, errors(response)
    showcase = Showcase.objects.get()
    assert (showcase.status, showcase.use_cases, showcase.countries, showcase.user_created.username) == (
        "DRAFT",
        ["CLAIMS", "REPORTING"],
        ["CM", "SN"],
        "Curator",
    )
    assert showcase.media_links == ["https://openimis.org/demo", "https://example.org/slides"]
    assert sorted(org.acronym for org in showcase.partner_organisations.all()) == ["MINSANTE", "WB"]
    assert [str(p.id) for p in showcase.presenters.all()] == [world.presenters[0]]
    assert links(showcase) == [
        ("openIMIS Cameroon", "PBF portal", "DEMONSTRATED", 0),
        ("DHIS2 Cameroon", "openIMIS Cameroon", "IN_PRODUCTION", 1),
    ]
    assert Showcase.history.filter(id=showcase.id).count() == 1


def test_an_integration_linking_a_system_to_itself_is_refused_and_nothing_is_written(curator, world):
    response = curator.post(
        APP + "showcase/add/",
        showcase_form(world, ("openimis", "pbf", "fhir", "DEMONSTRATED"), ("pbf", "pbf", "fhir", "CLAIMED")),
    )

    assert response.status_code == 200
    assert errors(response) == ["Integrations, row 2: An integration links a system to itself."]
    assert (Showcase.objects.count(), Integration.objects.count()) == (0, 0)


def test_a_presenter_of_another_event_is_refused_on_the_presenters_field(curator, world, admin):
    other = register(admin, open_event(admin, code="OTHER"), 1)["data"]["id"]

    response = curator.post(APP + "showcase/add/", showcase_form(world, presenters=[other]))

    assert errors(response) == [f"{other} is not an active participant of this showcase's event."]
    assert 'class="form-row errors field-presenters' in response.content.decode()
    assert Showcase.objects.count() == 0


def test_changing_the_integrations_replaces_them_through_the_service(curator, world, admin):
    showcase = make_showcase(admin, world)
    existing = Integration.objects.get(showcase=showcase)
    data = showcase_form(world, title="openIMIS, PBF and DHIS2")
    data.pop("event")
    data.update(
        integration_rows(
            world,
            ("openimis", "pbf", "fhir", "DEMONSTRATED", "delete"),
            ("openimis", "dhis2", "adx", "CONFORMANCE_TESTED"),
            initial=1,
            ids=[existing.id],
        )
    )

    response = curator.post(f"{APP}showcase/{showcase.id}/change/", data)

    assert response.status_code == 302, errors(response)
    showcase.refresh_from_db()
    assert (showcase.title, showcase.version, showcase.user_updated.username) == (
        "openIMIS, PBF and DHIS2",
        2,
        "Curator",
    )
    assert links(showcase) == [("openIMIS Cameroon", "DHIS2 Cameroon", "CONFORMANCE_TESTED", 0)]


def test_a_showcase_under_review_cannot_be_changed(curator, world, admin):
    showcase = make_showcase(admin, world)
    advance(admin, make_user("Reviewer", rights=["217005"]), showcase, "UNDER_REVIEW")
    data = showcase_form(world, title="Changed during review")
    data.pop("event")
    existing = Integration.objects.get(showcase=showcase).id
    data.update(integration_rows(world, ("openimis", "pbf", "fhir", "DEMONSTRATED"), initial=1, ids=[existing]))

    response = curator.post(f"{APP}showcase/{showcase.id}/change/", data)

    assert errors(response) == ["A showcase cannot be changed while it is Under review."]
    assert Showcase.objects.get(id=showcase.id).title == "openIMIS and the PBF platform"


def test_an_organisation_still_used_is_not_deleted(world, admin):
    make_user("Keeper", rights=KEEPER)
    keeper = admin_login("Keeper")
    used = Organisation.objects.get(id=world.organisations["GIZ"])
    register(admin, world.event, 7, organisation_id=str(used.id))
    unused = Organisation.objects.get(id=world.organisations["WB"])

    refused = keeper.post(f"{APP}organisation/{used.id}/delete/", {"post": "yes"}, follow=True)
    deleted = keeper.post(f"{APP}organisation/{unused.id}/delete/", {"post": "yes"})

    assert messages_of(refused) == [
        ("error", "The organisation Deutsche Gesellschaft für Internationale Zusammenarbeit still has registered "
                  "participants.")
    ]  # fmt: skip
    assert deleted.status_code == 302
    assert {o.acronym: o.is_deleted for o in Organisation.objects.filter(id__in=[used.id, unused.id])} == {
        "GIZ": False,
        "WB": True,
    }


def test_deleting_several_standards_is_all_or_nothing(curator, world, admin):
    make_showcase(admin, world)  # uses FHIR-R4
    chosen = Standard.objects.filter(code__in=["FHIR-R4", "SP-DCI"])

    response = action(curator, "standard", "delete_selected", chosen, post="yes")

    assert messages_of(response) == [("error", "The standard FHIR-R4 is used by a showcase's integrations.")]
    assert Standard.objects.filter(is_deleted=True).count() == 0


def test_an_organisation_and_a_digital_system_are_created_and_checked_by_their_services(curator, world):
    make_user("Keeper", rights=KEEPER)
    added = admin_login("Keeper").post(
        APP + "organisation/add/",
        {"name": "CNAMGS", "acronym": "CNAMGS", "organisation_type": "SCHEME_OPERATOR", "country": "ga", "website": ""},
    )
    same_name = curator.post(
        APP + "digitalsystem/add/",
        {"name": "dhis2 cameroon", "system_type": "DHIS2", "owner": "", "country": "CM", "software_version": "",
         "deployment_stage": "PILOT", "url": ""},
    )  # fmt: skip

    assert added.status_code == 302, errors(added)
    assert Organisation.objects.get(name="CNAMGS").country == "GA"
    assert errors(same_name) == ["A digital system named dhis2 cameroon already exists in this country."]
    assert DigitalSystem.objects.filter(name__iexact="dhis2 cameroon").count() == 1


def session_form(event, **overrides) -> dict:
    data = {
        "event": str(event.id),
        "title": "Opening plenary",
        "session_type": "PLENARY",
        "description": "",
        **datetime_fields(starts_at=datetime(2030, 10, 24, 9, 0), ends_at=datetime(2030, 10, 24, 10, 30)),
        "room": "Salle A",
        "capacity": "",
        "languages": "fr, EN",
        "interpretation": "en",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agenda_event(admin):
    return open_event(
        admin, code="AGENDA", timezone="Africa/Douala", starts_at="2030-10-24T08:00:00", ends_at="2030-10-26T18:00:00"
    )


def test_a_session_is_entered_in_the_events_wall_clock_time(admin, agenda_event):
    make_user("Programmer", rights=["215001", "215003"])
    programmer = admin_login("Programmer")

    response = programmer.post(APP + "session/add/", session_form(agenda_event))

    assert response.status_code == 302, errors(response)
    session = Session.objects.get()
    assert (session.starts_at, session.ends_at) == (datetime(2030, 10, 24, 8, 0), datetime(2030, 10, 24, 9, 30))
    assert (session.languages, session.interpretation, session.user_created.username) == (
        ["fr", "en"],
        ["en"],
        "Programmer",
    )
    page = programmer.get(f"{APP}session/{session.id}/change/").content.decode()
    assert 'name="starts_at_1" value="09:00:00"' in page and 'value="fr, en"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"room": "salle a"}, "The room salle a is already booked for Opening plenary at that time."),
        (datetime_fields(starts_at=datetime(2030, 10, 27, 9, 0), ends_at=datetime(2030, 10, 27, 10, 0)),
         "A session must take place within the event's own dates."),
        ({"languages": "french"}, "french is not an ISO 639-1 language code such as en or fr."),
    ],
)  # fmt: skip
def test_a_session_breaking_the_agenda_rules_is_refused(admin, agenda_event, typed, message):
    ok(SessionService(admin).create({"event_id": str(agenda_event.id), "title": "Opening plenary",
                                     "session_type": "PLENARY", "starts_at": "2030-10-24T09:00:00",
                                     "ends_at": "2030-10-24T10:30:00", "room": "Salle A"}))  # fmt: skip
    make_user("Programmer", rights=["215001", "215003"])

    response = admin_login("Programmer").post(APP + "session/add/", session_form(agenda_event, title="Panel", **typed))

    assert errors(response) == [message]
    assert Session.objects.count() == 1


def test_a_reader_sees_a_showcase_and_its_integrations_read_only(world, admin):
    showcase = make_showcase(admin, world)
    make_user("Reader", rights=["217001"])
    reader = admin_login("Reader")

    page = reader.get(f"{APP}showcase/{showcase.id}/change/").content.decode()

    assert 'name="_save"' not in page and 'name="integrations-0-source_system"' not in page
    assert "openIMIS Cameroon" in page and "PBF portal" in page
    assert reader.post(f"{APP}showcase/{showcase.id}/change/", showcase_form(world)).status_code == 403
