"""Organisations through GraphQL over HTTP: create, update, delete, and their refusals."""

import pytest

from openimis_be_meeting.models import Organisation, Participant

from factories import PASSWORD, make_user, open_event, register
from frontend import Enum, logged_in

KEHIA = {
    "name": "Kenya Health Informatics Association",
    "acronym": "KeHIA",
    "organisationType": Enum("KNOWLEDGE_HUB"),
    "country": "KE",
}


@pytest.fixture
def session(admin):
    return logged_in("Admin", PASSWORD)


def create(session, **fields):
    log = session.mutate("createMeetingOrganisation", {**KEHIA, **fields})
    assert log["status"] == 2, log
    return Organisation.objects.get(name=fields.get("name", KEHIA["name"]))


def organisations(session, arguments="first: 20"):
    result = session.post(
        f"{{ meetingOrganisations({arguments}) {{ totalCount edges {{ node {{ uuid name acronym organisationType "
        f"country website version }} }} }} }}"
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["meetingOrganisations"]["edges"]]


def errors(log):
    return [(error["code"], error["field"]) for error in log["errors"]]


@pytest.mark.django_db
def test_update_changes_only_the_given_fields_and_is_reread_by_client_mutation_id(session):
    kehia = create(session)

    log = session.mutate(
        "updateMeetingOrganisation",
        {"id": str(kehia.id), "website": "https://kehia.org", "organisationType": Enum("NGO")},
    )

    assert log["status"] == 2, log
    [node] = organisations(session, f'clientMutationId: "{log["clientMutationId"]}"')
    assert node == {
        "uuid": str(kehia.id),
        "name": KEHIA["name"],
        "acronym": "KeHIA",
        "organisationType": "NGO",
        "country": "KE",
        "website": "https://kehia.org",
        "version": 2,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": "Asia eHealth Information Network", "country": "PH"}, ("meeting.organisation.name_taken", "name")),
        ({"website": "ftp://kehia.org"}, ("meeting.validation.invalid_url", "website")),
        ({"country": "Kenya"}, ("meeting.validation.unknown_country", "country")),
        ({"name": "  "}, ("meeting.validation.required", "name")),
        ({"acronym": "x" * 33}, ("meeting.validation.too_long", "acronym")),
    ],
)
def test_bad_update_is_refused_and_writes_nothing(session, change, expected):
    kehia = create(session)
    create(session, name="Asia eHealth Information Network", acronym="AeHIN", country="PH")

    log = session.mutate("updateMeetingOrganisation", {"id": str(kehia.id), **change})

    assert errors(log) == [expected]
    kehia_after = Organisation.objects.get(id=kehia.id)
    assert (kehia_after.version, kehia_after.name, kehia_after.website) == (1, KEHIA["name"], "")


@pytest.mark.django_db
def test_update_of_a_missing_or_deleted_organisation_is_refused(session):
    kehia = create(session)
    assert session.mutate("deleteMeetingOrganisation", {"ids": [str(kehia.id)]})["status"] == 2

    log = session.mutate("updateMeetingOrganisation", {"id": str(kehia.id), "acronym": "K"})

    assert errors(log) == [("meeting.organisation.not_found", "id")]


@pytest.mark.django_db
def test_delete_is_all_or_nothing_and_refused_while_people_are_registered(session, admin):
    kehia = create(session)
    aehin = create(session, name="Asia eHealth Information Network", acronym="AeHIN", country="PH")
    unused = create(session, name="SolDevelo", acronym="", organisationType=Enum("SOFTWARE_DEVELOPER"), country="PL")
    event = open_event(admin)
    registered = register(admin, event, 1, organisation_id=str(kehia.id))["data"]["id"]

    log = session.mutate("deleteMeetingOrganisation", {"ids": [str(unused.id), str(kehia.id)]})
    assert errors(log) == [("meeting.organisation.in_use", "ids")]
    assert log["errors"][0]["message"] == f"The organisation {KEHIA['name']} still has registered participants."
    assert Organisation.objects.filter(is_deleted=True).count() == 0  # the unused one was not deleted either

    log = session.mutate("deleteMeetingOrganisation", {"ids": [str(unused.id), "0f0f0f0f-0000-4000-8000-000000000000"]})
    assert errors(log) == [("meeting.organisation.not_found", "ids")]
    assert Organisation.objects.filter(is_deleted=True).count() == 0

    # Once the registration is cancelled, the organisation can go; the cancelled registration keeps its link.
    assert session.mutate("cancelMeetingParticipant", {"id": registered})["status"] == 2
    log = session.mutate("deleteMeetingOrganisation", {"ids": [str(unused.id), str(kehia.id)]})
    assert log["status"] == 2, log
    assert [node["acronym"] for node in organisations(session)] == ["AeHIN"]
    assert Participant.objects.get(id=registered).organisation_id == kehia.id
    assert str(aehin.id) in {node["uuid"] for node in organisations(session)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutation", "right"),
    [
        ("createMeetingOrganisation", "216002"),
        ("updateMeetingOrganisation", "216003"),
        ("deleteMeetingOrganisation", "216004"),
    ],
)
def test_organisation_mutations_need_their_own_right(admin, mutation, right):
    kehia = create(logged_in("Admin", PASSWORD))
    others = [code for code in ("216001", "216002", "216003", "216004") if code != right]
    make_user("Helper", rights=others)
    inputs = {
        "createMeetingOrganisation": {**KEHIA, "name": "Another"},
        "updateMeetingOrganisation": {"id": str(kehia.id), "acronym": "X"},
        "deleteMeetingOrganisation": {"ids": [str(kehia.id)]},
    }

    log = logged_in("Helper", PASSWORD).mutate(mutation, inputs[mutation])

    assert errors(log) == [("meeting.auth.permission_denied", None)]
    assert list(Organisation.objects.values_list("acronym", "is_deleted", "version")) == [("KeHIA", False, 1)]
