"""People on the programme: a showcase's presenters and a session's speakers and chairs are named to whoever may read
the showcase or the agenda (presenting is public by nature: neither the participant right nor the listing consent
is needed), never with their personal data, and only while their registration stands: a cancelled, withdrawn or
deleted registration is named nowhere, in GraphQL as in the exports. The published participant list, for everyone
else, keeps to those who agreed to be listed."""

import pytest

from openimis_be_meeting.services import ParticipantService

from factories import PASSWORD, make_user
from frontend import logged_in, rest_get
from rights_http import text_of
from rights_world import build
from showcase_setup import make_showcase, ok

# The programme's people are of a public type (MeetingProgrammePersonGQLType) that has no personal field to select
# (test_security_paths.py proves the type's fields); the tests below read the programme through it.
PERSON = "firstName lastName"


@pytest.fixture
def world(admin):
    world = build(admin)
    # A second showcase is presented by presenters 0 and 1; the session has presenter 1 speaking and 2 chairing.
    make_showcase(admin, world.show, title="Two presenters", presenter_ids=world.show.presenters[:2])
    return world


def names(people) -> list[str]:
    return sorted(person["lastName"] for person in people)


@pytest.mark.django_db
def test_readers_of_the_showcases_see_who_presents_without_their_personal_data(world):
    make_user("ShowcaseReader", rights=["217001"])

    answer = logged_in("ShowcaseReader", PASSWORD).post(
        f"{{ meetingShowcases {{ edges {{ node {{ title presenters {{ {PERSON} }} }} }} }} }}"
    )

    nodes = {edge["node"]["title"]: edge["node"] for edge in answer["data"]["meetingShowcases"]["edges"]}
    node = nodes["Two presenters"]
    assert names(node["presenters"]) == ["Presenter0", "Presenter1"]  # neither agreed to be listed
    assert {key for person in node["presenters"] for key, value in person.items() if value is not None} == {
        "firstName",
        "lastName",
    }
    assert names(nodes[world.showcase.title]["presenters"]) == ["Presenter0"]


@pytest.mark.django_db
def test_readers_of_the_agenda_see_its_speakers_and_chairs_without_their_personal_data(world):
    make_user("AgendaReader", rights=["215001"])

    reader = logged_in("AgendaReader", PASSWORD)
    answer = reader.post(
        f"{{ meetingSessions {{ edges {{ node {{ speakers {{ {PERSON} }} chairs {{ {PERSON} }} }} }} }} }}"
    )

    [node] = [edge["node"] for edge in answer["data"]["meetingSessions"]["edges"]]
    assert (names(node["speakers"]), names(node["chairs"])) == (["Presenter1"], ["Presenter2"])
    # What a registration holds beyond the printed programme cannot even be asked for.
    for field in ("email", "consentListed", "registeredAt", "waitlistPosition", "checkinToken"):
        refused = reader.post(f"{{ meetingSessions {{ edges {{ node {{ speakers {{ lastName {field} }} }} }} }} }}")
        assert not refused.get("data") and f'Cannot query field "{field}"' in str(refused["errors"]), refused


@pytest.mark.django_db
def test_registrations_that_no_longer_stand_leave_the_programme_everywhere(world, admin):
    ok(ParticipantService(admin).cancel({"id": world.show.presenters[0]}))
    ok(ParticipantService(admin).withdraw({"id": world.show.presenters[1]}))
    assert ParticipantService(admin).delete({"id": world.show.presenters[2]})["success"]
    make_user("Organiser", rights=["215001", "216001", "217001"])
    organiser = logged_in("Organiser", PASSWORD)

    showcases = organiser.post("{ meetingShowcases { edges { node { presenters { lastName } } } } }")
    sessions = organiser.post("{ meetingSessions { edges { node { speakers { lastName } chairs { lastName } } } } }")

    assert showcases["data"]["meetingShowcases"]["edges"] == [{"node": {"presenters": []}}] * 2
    assert sessions["data"]["meetingSessions"]["edges"] == [{"node": {"speakers": [], "chairs": []}}]
    for export in ("showcases.csv", "agenda.csv", "showcases.xlsx", "agenda.xlsx"):
        text = text_of(rest_get(organiser, f"events/{world.event_id}/{export}"))
        assert [name for name in ("Presenter0", "Presenter1", "Presenter2") if name in text] == [], export


@pytest.mark.django_db
def test_the_published_list_keeps_to_those_who_agreed(world):
    make_user("EventReader", rights=["215001"])

    answer = logged_in("EventReader", PASSWORD).post(
        f'{{ meetingPublishedParticipants(eventId: "{world.event_id}") ' "{ edges { node { firstName lastName } } } }"
    )
    page = answer["data"]["meetingPublishedParticipants"]  # paged like every list: its rows are the edges' nodes
    answer["data"]["meetingPublishedParticipants"] = [edge["node"] for edge in page["edges"]]

    assert answer["data"]["meetingPublishedParticipants"] == [{"firstName": "Person1", "lastName": "Ndongo"}]
