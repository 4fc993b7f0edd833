"""An event's statistics and its published participant list, through GraphQL over HTTP."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from openimis_be_meeting.models import Participant
from openimis_be_meeting.services import AttendanceService, OrganisationService, ParticipantService

from factories import PASSWORD, make_event, make_user, register, running_event
from frontend import logged_in

COUNTS = "{ key count }"
STATISTICS = (
    f"registrations capacity confirmed seatsLeft waitlistLength byStatus {COUNTS} byRole {COUNTS} "
    f"byCountry {COUNTS} byOrganisationType {COUNTS} byGender {COUNTS} byParticipationMode {COUNTS} "
    "attendanceByDay { day attended expected rate } event { code }"
)


def statistics(session, event, statuses=""):
    arguments = f'eventId: "{event.id}"' + (f", statuses: [{statuses}]" if statuses else "")
    return session.post(f"{{ meetingEventStatistics({arguments}) {{ {STATISTICS} }} }}")


def organisation(admin, name, acronym, kind, country):
    result = OrganisationService(admin).create(
        {"name": name, "acronym": acronym, "organisation_type": kind, "country": country}
    )
    assert result["success"], result
    return result["data"]["id"]


@pytest.fixture
def yaounde(admin):
    """Capacity 4: six registrations, one cancelled (its seat goes on), one checked in today."""
    event = running_event(admin, capacity=4, days_before=1, days_after=1)
    minsante = organisation(admin, "Ministère de la Santé Publique", "MINSANTE", "MINISTRY", "CM")
    giz = organisation(admin, "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "IMPLEMENTER", "DE")
    people = [
        {"country": "CM", "gender": "FEMALE", "role": "SPEAKER", "organisation_id": minsante},
        {"country": "CM", "gender": "MALE", "organisation_id": minsante, "attendance_mode": "ONLINE"},
        {"country": "DE", "gender": "FEMALE", "organisation_id": giz},
        {"country": "KE"},
        {"country": "TZ", "gender": "MALE", "role": "DONOR_REPRESENTATIVE"},
        {"country": "CM", "gender": "UNDISCLOSED"},
    ]
    ids = [register(admin, event, number, **details)["data"]["id"] for number, details in enumerate(people)]
    assert ParticipantService(admin).cancel({"id": ids[1]})["success"]  # person 4 moves up, person 5 waits
    assert AttendanceService(admin).check_in({"id": ids[0]})["success"]
    return event


@pytest.mark.django_db
def test_statistics_count_registrations_seats_and_attendance(admin, yaounde):
    session = logged_in("Admin", PASSWORD)

    result = statistics(session, yaounde)

    assert "errors" not in result, result
    stats = result["data"]["meetingEventStatistics"]
    assert stats["event"] == {"code": yaounde.code}
    assert (stats["registrations"], stats["capacity"], stats["confirmed"]) == (6, 4, 4)
    assert (stats["seatsLeft"], stats["waitlistLength"]) == (0, 1)
    assert stats["byStatus"] == [
        {"key": "CONFIRMED", "count": 4},
        {"key": "CANCELLED", "count": 1},
        {"key": "WAITLISTED", "count": 1},
    ]
    # Breakdowns count the confirmed by default: persons 0, 2, 3 and 4.
    assert stats["byCountry"] == [
        {"key": "CM", "count": 1},
        {"key": "DE", "count": 1},
        {"key": "KE", "count": 1},
        {"key": "TZ", "count": 1},
    ]
    assert stats["byGender"] == [{"key": "FEMALE", "count": 2}, {"key": None, "count": 1}, {"key": "MALE", "count": 1}]
    assert stats["byRole"] == [
        {"key": "ATTENDEE", "count": 2},
        {"key": "DONOR_REPRESENTATIVE", "count": 1},
        {"key": "SPEAKER", "count": 1},
    ]
    assert stats["byOrganisationType"] == [
        {"key": None, "count": 2},
        {"key": "IMPLEMENTER", "count": 1},
        {"key": "MINISTRY", "count": 1},
    ]
    assert stats["byParticipationMode"] == [{"key": "IN_PERSON", "count": 4}]
    zone = ZoneInfo("Africa/Douala")
    today = datetime.now(zone).date()
    days = [(today + timedelta(days=offset)).isoformat() for offset in (-1, 0, 1)]
    assert [day["day"] for day in stats["attendanceByDay"]] == days
    assert stats["attendanceByDay"][1] == {"day": days[1], "attended": 1, "expected": 4, "rate": 0.25}
    assert stats["attendanceByDay"][0]["attended"] == 0


@pytest.mark.django_db
def test_statistics_breakdowns_can_count_other_statuses(admin, yaounde):
    session = logged_in("Admin", PASSWORD)

    stats = statistics(session, yaounde, statuses="CANCELLED, WAITLISTED")["data"]["meetingEventStatistics"]

    assert stats["byCountry"] == [{"key": "CM", "count": 2}]
    assert stats["byParticipationMode"] == [{"key": "IN_PERSON", "count": 1}, {"key": "ONLINE", "count": 1}]


@pytest.mark.django_db
def test_statistics_refusals(admin, yaounde):
    make_user("EventsOnly", rights=["215001"])

    refused = statistics(logged_in("EventsOnly", PASSWORD), yaounde)
    assert refused["data"]["meetingEventStatistics"] is None
    assert refused["errors"][0]["message"] == "You do not have the right to do this."

    session = logged_in("Admin", PASSWORD)
    unknown = session.post('{ meetingEventStatistics(eventId: "5d0f2c2e-0000-4000-8000-000000000000") { confirmed } }')
    assert unknown["errors"][0]["message"] == "No event exists with the id 5d0f2c2e-0000-4000-8000-000000000000."
    malformed = session.post('{ meetingEventStatistics(eventId: "nope") { confirmed } }')
    assert malformed["errors"][0]["message"] == "nope is not a valid id."


LISTED = "{ edges { node { firstName lastName jobTitle country role organisationName organisationAcronym } } }"


def published(session, event):
    """The published list as its rows (it is paged like every list: edges of nodes), or None when refused."""
    result = session.post(f'{{ meetingPublishedParticipants(eventId: "{event.id}") {LISTED} }}')
    page = (result.get("data") or {}).get("meetingPublishedParticipants")
    if page is not None:
        result["data"]["meetingPublishedParticipants"] = [edge["node"] for edge in page["edges"]]
    return result


@pytest.mark.django_db
def test_published_list_shows_only_confirmed_people_who_agreed(admin):
    event = running_event(admin, capacity=3)
    giz = organisation(admin, "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "IMPLEMENTER", "DE")
    register(admin, event, 1, last_name="Atangana", consent_listed=True, organisation_id=giz, job_title="Advisor")
    register(admin, event, 2, last_name="Bello", consent_listed=False)
    cancelled = register(admin, event, 3, last_name="Chukwu", consent_listed=True)["data"]["id"]
    register(admin, event, 4, last_name="Diallo", consent_listed=True)  # waitlisted, then moves up
    register(admin, event, 5, last_name="Eto", consent_listed=True)  # still waiting: not on the list
    assert ParticipantService(admin).cancel({"id": cancelled})["success"]
    make_user("Visitor", rights=["215001"])

    result = published(logged_in("Visitor", PASSWORD), event)

    assert "errors" not in result, result
    assert result["data"]["meetingPublishedParticipants"] == [
        {
            "firstName": "Person1",
            "lastName": "Atangana",
            "jobTitle": "Advisor",
            "country": "",
            "role": "ATTENDEE",
            "organisationName": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
            "organisationAcronym": "GIZ",
        },
        {
            "firstName": "Person4",
            "lastName": "Diallo",
            "jobTitle": "",
            "country": "",
            "role": "ATTENDEE",
            "organisationName": None,
            "organisationAcronym": None,
        },
    ]


@pytest.mark.django_db
def test_published_list_type_has_no_personal_fields():
    from openimis_be_meeting.gql.reports import MeetingListedParticipantGQLType

    fields = set(MeetingListedParticipantGQLType._meta.fields)
    assert fields.isdisjoint({"email", "phone", "gender", "checkin_token", "accessibility_needs", "dietary_needs"})


@pytest.mark.django_db
def test_published_list_of_a_draft_is_empty_and_needs_the_event_right(admin):
    draft = make_event(admin, code="DRAFT-1")
    register(admin, draft, 1, consent_listed=True)  # an administrator may add people to a draft
    make_user("Visitor", rights=["215001"])
    assert published(logged_in("Visitor", PASSWORD), draft)["data"]["meetingPublishedParticipants"] == []

    make_user("Registrar", rights=["216001"])
    refused = published(logged_in("Registrar", PASSWORD), draft)
    assert refused["data"]["meetingPublishedParticipants"] is None
    assert refused["errors"][0]["message"] == "You do not have the right to do this."


@pytest.mark.django_db
def test_gender_counts_need_the_personal_data_right_and_leavers_do_not_count_as_attended(admin, yaounde):
    make_user("Registrar", rights=["216001"])
    leaver = Participant.objects.get(event=yaounde, status="CONFIRMED", last_name="Ndongo", first_name="Person2")
    assert AttendanceService(admin).check_in({"id": str(leaver.id)})["success"]
    assert ParticipantService(admin).withdraw({"id": str(leaver.id)})["success"]

    stats = statistics(logged_in("Registrar", PASSWORD), yaounde)["data"]["meetingEventStatistics"]

    assert stats["byGender"] is None
    assert stats["byCountry"]  # the other breakdowns stay
    today = stats["attendanceByDay"][1]
    assert (today["attended"], today["expected"]) == (1, 4)  # the withdrawn person no longer counts
