"""Rights on every path (issue 15, findings 6 and 7): a nested field never shows what the nested type's right
guards. A participant's, a showcase's, the statistics' and the matrix's event is a public summary (no online link,
no organisers); a showcase's organisations and a system's owner are summaries (no website); the programme's people
are a public type with names, organisation, job title, country, role and status only."""

import pytest

from openimis_be_meeting.models import Attendance, DigitalSystem, Event, Organisation, Participant

from factories import PASSWORD, make_user
from frontend import logged_in
from host.schema import schema
from rights_world import build

ONLINE_URL = "https://meet.example.org/secret-room-4711"
ORGANISERS = "Secret organising committee 4711"
WEBSITE = "https://private.example.org/4711"


@pytest.fixture
def world(admin):
    world = build(admin)
    Event.objects.update(online_url=ONLINE_URL, organisers=ORGANISERS)
    Organisation.objects.update(website=WEBSITE)
    # Every path below leads to a row holding a secret: people and systems belong to an organisation.
    organisation = Organisation.objects.order_by("name").first()
    Participant.objects.update(organisation=organisation)
    DigitalSystem.objects.update(owner=organisation)
    assert DigitalSystem.objects.exists() and Participant.objects.exists() and Attendance.objects.exists()
    return world


def leaks(answer) -> list[str]:
    text = str(answer)
    return [secret for secret in (ONLINE_URL, ORGANISERS, WEBSITE) if secret in text]


NESTED = {
    "216001": [
        "{ meetingParticipants { edges { node { event { onlineUrl organisers } } } } }",
        "{ meetingAttendances { edges { node { participant { event { onlineUrl organisers } } } } } }",
        "{ meetingParticipants { edges { node { organisation { website } } } } }",
        '{ meetingEventStatistics(eventId: "%(event)s") { event { onlineUrl organisers } } }',
    ],
    "217001": [
        "{ meetingShowcases { edges { node { event { onlineUrl organisers } } } } }",
        "{ meetingShowcases { edges { node { leadOrganisation { website } partnerOrganisations { website } } } } }",
        "{ meetingDigitalSystems { edges { node { owner { website } } } } }",
        "{ meetingInteroperabilityMatrix { pairs { progress { event { onlineUrl organisers } } } } }",
        "{ meetingShowcases { edges { node { presenters { consentListed registeredAt waitlistPosition } } } } }",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("right", sorted(NESTED))
def test_nested_fields_do_not_show_what_another_right_guards(world, right):
    make_user(f"Only{right}", rights=[right])
    session = logged_in(f"Only{right}", PASSWORD)

    for query in NESTED[right]:
        answer = session.post(query % {"event": world.event_id})
        assert leaks(answer) == [], (query, answer)
        assert "Cannot query field" in str(answer.get("errors")), (query, answer)  # the summaries have no such field


@pytest.mark.django_db
def test_the_summaries_name_the_event_and_organisation_to_the_readers_of_a_row(world):
    make_user("ShowcaseReader", rights=["217001"])
    answer = logged_in("ShowcaseReader", PASSWORD).post(
        "{ meetingShowcases { edges { node { event { code name status } leadOrganisation { name acronym } "
        "presenters { firstName lastName organisation { acronym } } } } } }"
    )

    assert "errors" not in answer, answer
    [node] = [edge["node"] for edge in answer["data"]["meetingShowcases"]["edges"]]
    assert node["event"] == {"code": "YDE-SHOW", "name": world.show.event.name, "status": "REGISTRATION_OPEN"}
    assert node["leadOrganisation"]["acronym"] == "GIZ"
    assert leaks(answer) == []


@pytest.mark.django_db
def test_the_full_event_still_needs_the_event_right(world):
    make_user("Organiser", rights=["215001"])
    answer = logged_in("Organiser", PASSWORD).post("{ meetingEvents { edges { node { code onlineUrl organisers } } } }")

    assert ONLINE_URL in str(answer) and ORGANISERS in str(answer)


def test_the_programme_people_type_has_only_what_a_printed_programme_shows():
    programme = schema.get_type("MeetingProgrammePersonGQLType")
    organisation = schema.get_type("MeetingOrganisationSummaryGQLType")
    event = schema.get_type("MeetingEventSummaryGQLType")

    assert sorted(programme.fields) == [
        "country",
        "firstName",
        "jobTitle",
        "lastName",
        "organisation",
        "role",
        "status",
        "uuid",
    ]
    assert sorted(organisation.fields) == ["acronym", "country", "name", "organisationType", "uuid"]
    assert sorted(event.fields) == [
        "city",
        "code",
        "country",
        "endsAt",
        "name",
        "startsAt",
        "status",
        "timezone",
        "uuid",
    ]
    for type_name in ("MeetingShowcaseGQLType", "MeetingSessionGQLType"):
        fields = schema.get_type(type_name).fields
        people = [name for name in ("presenters", "speakers", "chairs") if name in fields]
        assert {str(fields[name].type) for name in people} == {"[MeetingProgrammePersonGQLType]"}, type_name
