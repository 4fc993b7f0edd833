"""The showcase catalogue (digital systems and standards) through GraphQL over HTTP: writes, refusals, rights, lists."""

import pytest

from openimis_be_meeting.models import DigitalSystem, Standard
from openimis_be_meeting.services import OrganisationService

from factories import PASSWORD, make_user
from frontend import Enum, logged_in
from showcase_setup import build_world, make_showcase, ok

SYSTEM = {
    "name": "openIMIS Kenya",
    "systemType": Enum("OPENIMIS"),
    "country": "KE",
    "softwareVersion": "24.04",
    "deploymentStage": Enum("NATIONAL_SCALE"),
    "url": "https://openimis.go.ke",
}
STANDARD = {
    "code": "OPENHIE-CR",
    "name": "OpenHIE client registry",
    "standardVersion": "1.0",
    "family": Enum("OPENHIE"),
}
SYSTEM_FIELDS = "uuid name systemType country softwareVersion version deploymentStage url owner { acronym }"
STANDARD_FIELDS = "uuid code name standardVersion version family"
UNKNOWN = "0f0f0f0f-0000-4000-8000-000000000000"


def listing(session, name, fields, arguments="first: 50"):
    result = session.post(f"{{ {name}({arguments}) {{ totalCount edges {{ node {{ {fields} }} }} }} }}")
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][name]["edges"]]


def systems(session, arguments="first: 50"):
    return listing(session, "meetingDigitalSystems", SYSTEM_FIELDS, arguments)


def standards(session, arguments="first: 50"):
    return listing(session, "meetingStandards", STANDARD_FIELDS, arguments)


def errors(log):
    return [(error["code"], error["field"]) for error in log["errors"]]


def live_rows(model, field):
    return sorted(model.objects.filter(is_deleted=False).values_list(field, flat=True))


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


@pytest.fixture
def kehia(admin):
    return ok(
        OrganisationService(admin).create(
            {
                "name": "Kenya Health Informatics Association",
                "acronym": "KeHIA",
                "organisation_type": "NGO",
                "country": "KE",
            }
        )
    )


@pytest.mark.django_db
def test_a_system_is_created_and_read_back_by_client_mutation_id(session, kehia):
    log = session.mutate("createMeetingDigitalSystem", {**SYSTEM, "ownerId": kehia, "country": "ke"})

    assert log["status"] == 2, log
    [node] = systems(session, f'clientMutationId: "{log["clientMutationId"]}"')
    system = DigitalSystem.objects.get(name="openIMIS Kenya")
    assert node == {
        "uuid": str(system.id),
        "name": "openIMIS Kenya",
        "systemType": "OPENIMIS",
        "country": "KE",
        "softwareVersion": "24.04",
        "version": 1,
        "deploymentStage": "NATIONAL_SCALE",
        "url": "https://openimis.go.ke",
        "owner": {"acronym": "KeHIA"},
    }
    assert str(system.owner_id) == kehia


@pytest.mark.django_db
def test_a_standard_is_created_and_read_back_by_client_mutation_id(session):
    log = session.mutate("createMeetingStandard", {**STANDARD, "code": " OPENHIE-CR "})

    assert log["status"] == 2, log
    [node] = standards(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert node == {
        "uuid": str(Standard.objects.get().id),
        "code": "OPENHIE-CR",
        "name": "OpenHIE client registry",
        "standardVersion": "1.0",
        "version": 1,
        "family": "OPENHIE",
    }


@pytest.mark.django_db
def test_the_same_system_name_may_be_used_in_another_country(session):
    assert session.mutate("createMeetingDigitalSystem", SYSTEM)["status"] == 2
    assert session.mutate("createMeetingDigitalSystem", {**SYSTEM, "country": "TZ"})["status"] == 2
    assert [(node["name"], node["country"]) for node in systems(session)] == [
        ("openIMIS Kenya", "KE"),
        ("openIMIS Kenya", "TZ"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": "OPENIMIS kenya "}, ("meeting.system.name_taken", "name")),
        ({"ownerId": UNKNOWN}, ("meeting.organisation.not_found", "ownerId")),
        ({"url": "ftp://openimis.go.ke"}, ("meeting.validation.invalid_url", "url")),
        ({"country": "Kenya"}, ("meeting.validation.unknown_country", "country")),
        ({"name": "  "}, ("meeting.validation.required", "name")),
        ({"systemType": None}, ("meeting.validation.required", "systemType")),
        ({"deploymentStage": None}, ("meeting.validation.required", "deploymentStage")),
    ],
)
def test_a_bad_system_is_refused_and_nothing_is_written(session, change, expected):
    assert session.mutate("createMeetingDigitalSystem", SYSTEM)["status"] == 2
    fields = {key: value for key, value in {**SYSTEM, "name": "Another", **change}.items() if value is not None}

    log = session.mutate("createMeetingDigitalSystem", fields)

    assert (log["status"], errors(log)) == (1, [expected])
    assert live_rows(DigitalSystem, "name") == ["openIMIS Kenya"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"code": "openhie-cr"}, ("meeting.standard.code_taken", "code")),
        ({"code": None}, ("meeting.validation.required", "code")),
        ({"name": ""}, ("meeting.validation.required", "name")),
        ({"family": None}, ("meeting.validation.required", "family")),
        ({"code": "X" * 65}, ("meeting.validation.too_long", "code")),
    ],
)
def test_a_bad_standard_is_refused_and_nothing_is_written(session, change, expected):
    assert session.mutate("createMeetingStandard", STANDARD)["status"] == 2
    fields = {key: value for key, value in {**STANDARD, "code": "OTHER", **change}.items() if value is not None}

    log = session.mutate("createMeetingStandard", fields)

    assert (log["status"], errors(log)) == (1, [expected])
    assert live_rows(Standard, "code") == ["OPENHIE-CR"]


@pytest.mark.django_db
def test_a_bad_update_is_refused_and_nothing_is_written(session, admin):
    world = build_world(admin)
    openimis, fhir = world.systems["openimis"], world.standards["fhir"]
    refusals = [
        ("updateMeetingDigitalSystem", {"id": openimis, "name": "dhis2 CAMEROON"}, "meeting.system.name_taken", "name"),
        (
            "updateMeetingDigitalSystem",
            {"id": openimis, "ownerId": UNKNOWN},
            "meeting.organisation.not_found",
            "ownerId",
        ),
        ("updateMeetingDigitalSystem", {"id": openimis, "url": "not a url"}, "meeting.validation.invalid_url", "url"),
        ("updateMeetingDigitalSystem", {"id": UNKNOWN, "name": "X"}, "meeting.system.not_found", "id"),
        ("updateMeetingStandard", {"id": fhir, "code": "sp-dci"}, "meeting.standard.code_taken", "code"),
        ("updateMeetingStandard", {"id": fhir, "name": " "}, "meeting.validation.required", "name"),
        ("updateMeetingStandard", {"id": openimis, "name": "X"}, "meeting.standard.not_found", "id"),
    ]
    for mutation, fields, code, field in refusals:
        log = session.mutate(mutation, fields)
        assert errors(log) == [(code, field)], (mutation, fields)

    system, standard = DigitalSystem.objects.get(id=openimis), Standard.objects.get(id=fhir)
    assert (system.name, system.owner_id, system.url) == ("openIMIS Cameroon", None, "")
    assert (standard.code, standard.name) == ("FHIR-R4", "HL7 FHIR R4")


@pytest.mark.django_db
def test_a_system_update_changes_only_the_given_fields(session, admin):
    world = build_world(admin)

    log = session.mutate("updateMeetingDigitalSystem", {"id": world.systems["pbf"], "url": "https://pbf.cm"})

    assert log["status"] == 2, log
    [node] = systems(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert (node["name"], node["systemType"], node["url"], node["softwareVersion"], node["version"]) == (
        "PBF portal",
        "PBF_PLATFORM",
        "https://pbf.cm",
        "",
        2,  # the row's own version counts the change
    )


@pytest.mark.django_db
def test_a_standard_update_changes_only_the_given_fields(session, admin):
    world = build_world(admin)

    log = session.mutate("updateMeetingStandard", {"id": world.standards["fhir"], "standardVersion": "4.0.1"})

    assert log["status"] == 2, log
    [node] = standards(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert (node["code"], node["name"], node["standardVersion"], node["family"]) == (
        "FHIR-R4",
        "HL7 FHIR R4",
        "4.0.1",
        "HL7_FHIR",
    )


@pytest.mark.django_db
def test_delete_is_refused_while_a_live_showcase_uses_the_system_or_standard(session, admin):
    world = build_world(admin)
    make_showcase(admin, world)  # openIMIS Cameroon -> PBF portal by FHIR-R4
    unused_system, unused_standard = world.systems["registry"], world.standards["dci"]

    for mutation, used, unused, code, message in (
        (
            "deleteMeetingDigitalSystem",
            world.systems["pbf"],
            unused_system,
            "meeting.system.in_use",
            "The digital system PBF portal is linked by a showcase's integrations.",
        ),
        (
            "deleteMeetingStandard",
            world.standards["fhir"],
            unused_standard,
            "meeting.standard.in_use",
            "The standard FHIR-R4 is used by a showcase's integrations.",
        ),
    ):
        log = session.mutate(mutation, {"ids": [used, unused]})
        assert errors(log) == [(code, "ids")]
        assert log["errors"][0]["message"] == message
        log = session.mutate(mutation, {"ids": [UNKNOWN, unused]})
        assert errors(log) == [(code.replace("in_use", "not_found"), "ids")]

    assert DigitalSystem.objects.filter(is_deleted=True).count() == 0
    assert Standard.objects.filter(is_deleted=True).count() == 0


@pytest.mark.django_db
def test_delete_is_allowed_once_the_showcase_is_deleted(session, admin):
    world = build_world(admin)
    showcase = make_showcase(admin, world)
    assert session.mutate("deleteMeetingShowcase", {"ids": [str(showcase.id)]})["status"] == 2

    log = session.mutate("deleteMeetingDigitalSystem", {"ids": [world.systems["pbf"], world.systems["openimis"]]})
    assert log["status"] == 2, log
    log = session.mutate("deleteMeetingStandard", {"ids": [world.standards["fhir"]]})
    assert log["status"] == 2, log

    assert [node["name"] for node in systems(session)] == ["DHIS2 Cameroon", "MINAS social registry"]
    assert [node["code"] for node in standards(session)] == ["DHIS2-ADX", "SP-DCI"]


@pytest.mark.django_db
def test_delete_is_all_or_nothing_when_a_later_id_is_unknown(session, admin):
    world = build_world(admin)

    log = session.mutate("deleteMeetingDigitalSystem", {"ids": [world.systems["registry"], UNKNOWN]})
    assert errors(log) == [("meeting.system.not_found", "ids")]
    log = session.mutate("deleteMeetingStandard", {"ids": [world.standards["dci"], UNKNOWN]})
    assert errors(log) == [("meeting.standard.not_found", "ids")]

    assert DigitalSystem.objects.filter(is_deleted=True).count() == 0
    assert Standard.objects.filter(is_deleted=True).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mutation",
    [
        "createMeetingDigitalSystem",
        "updateMeetingDigitalSystem",
        "deleteMeetingDigitalSystem",
        "createMeetingStandard",
        "updateMeetingStandard",
        "deleteMeetingStandard",
    ],
)
def test_catalogue_mutations_need_the_manage_right(admin, mutation):
    world = build_world(admin)
    make_user("Reviewer", rights=["217001", "217002", "217003", "217004", "217005"])
    inputs = {
        "createMeetingDigitalSystem": SYSTEM,
        "updateMeetingDigitalSystem": {"id": world.systems["pbf"], "url": "https://pbf.cm"},
        "deleteMeetingDigitalSystem": {"ids": [world.systems["registry"]]},
        "createMeetingStandard": STANDARD,
        "updateMeetingStandard": {"id": world.standards["fhir"], "standardVersion": "4.0.1"},
        "deleteMeetingStandard": {"ids": [world.standards["dci"]]},
    }

    log = logged_in("Reviewer", PASSWORD).mutate(mutation, inputs[mutation])

    assert errors(log) == [("meeting.auth.permission_denied", None)]
    assert live_rows(DigitalSystem, "name") == [
        "DHIS2 Cameroon",
        "MINAS social registry",
        "PBF portal",
        "openIMIS Cameroon",
    ]
    assert live_rows(Standard, "code") == ["DHIS2-ADX", "FHIR-R4", "SP-DCI"]
    assert set(DigitalSystem.objects.values_list("url", flat=True)) == {""}
    assert set(Standard.objects.values_list("standard_version", flat=True)) == {""}


@pytest.mark.django_db
def test_the_lists_need_the_search_right(admin):
    build_world(admin)
    make_user("Keeper", rights=["217002", "217003", "217004", "217005", "217006"])
    make_user("Visitor", rights=["217001"])
    keeper, visitor = logged_in("Keeper", PASSWORD), logged_in("Visitor", PASSWORD)

    for name, count in (("meetingDigitalSystems", 4), ("meetingStandards", 3)):
        result = keeper.post(f"{{ {name} {{ totalCount }} }}")
        assert result["data"] == {name: None}
        assert [error["message"] for error in result["errors"]] == ["You do not have the right to do this."]
        assert visitor.post(f"{{ {name} {{ totalCount }} }}") == {"data": {name: {"totalCount": count}}}


@pytest.mark.django_db
def test_list_filters(session, admin, kehia):
    build_world(admin)
    assert session.mutate("createMeetingDigitalSystem", {**SYSTEM, "ownerId": kehia})["status"] == 2

    def names(arguments):
        return [node["name"] for node in systems(session, arguments)]

    assert names("systemType: OPENIMIS") == ["openIMIS Cameroon", "openIMIS Kenya"]
    assert names('country: "KE"') == ["openIMIS Kenya"]
    assert names('systemType: DHIS2 country: "CM"') == ["DHIS2 Cameroon"]
    assert names('systemType: DHIS2 country: "KE"') == []
    assert names(f'ownerId: "{kehia}"') == ["openIMIS Kenya"]
    assert names('name_Icontains: "cameroon"') == ["DHIS2 Cameroon", "openIMIS Cameroon"]
    assert [node["code"] for node in standards(session, 'code_Iexact: "fhir-r4"')] == ["FHIR-R4"]
    assert [node["code"] for node in standards(session, "family: SP_DCI")] == ["SP-DCI"]
    assert [node["code"] for node in standards(session, 'code_Iexact: "fhir"')] == []


@pytest.mark.django_db
def test_each_list_orders_only_by_its_own_fields(session, admin):
    build_world(admin)
    for name, field in (("meetingStandards", "country"), ("meetingDigitalSystems", "family")):
        result = session.post(f'{{ {name}(orderBy: ["{field}"]) {{ totalCount }} }}')
        assert result["errors"][0]["message"] == f"The list cannot be ordered by {field}.", name
    ordered = session.post('{ meetingStandards(orderBy: ["-family"]) { edges { node { family } } } }')
    assert [e["node"]["family"] for e in ordered["data"]["meetingStandards"]["edges"]] == [
        "SP_DCI",
        "HL7_FHIR",
        "DHIS2_API",
    ]
