"""The demo data: seeded through the services, every status on show, and seeding twice changes nothing."""

from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from openimis_be_meeting.models import (
    Attendance,
    DigitalSystem,
    Event,
    EvidenceLevel,
    Integration,
    Participant,
    Review,
    Session,
    Showcase,
    Standard,
)
from openimis_be_meeting.selectors.matrix import interoperability_matrix
from openimis_be_meeting.timeutils import from_storage

from factories import PASSWORD
from frontend import logged_in, rest_get


@pytest.mark.django_db
def test_demo_seeds_events_and_the_yaounde_participants_once(admin):
    out = StringIO()
    call_command("seed_meeting_demo", username="Admin", stdout=out)

    assert "Created 5 demo events" in out.getvalue()
    yaounde = Event.objects.get(code="OIM-CM-YDE")
    assert yaounde.status == "ONGOING"
    people = Participant.objects.filter(event=yaounde)
    statuses = {status: people.filter(status=status).count() for status in people.values_list("status", flat=True)}
    assert statuses == {"CONFIRMED": 60, "WAITLISTED": 3, "PENDING": 1, "REJECTED": 1, "CANCELLED": 1}
    assert list(
        people.filter(status="WAITLISTED").order_by("waitlist_position").values_list("waitlist_position", flat=True)
    ) == [1, 2, 3]
    assert people.filter(organisation__acronym="KeHIA").count() == 3
    days = Attendance.objects.filter(participant__event=yaounde).values_list("day", flat=True)
    assert len(set(days)) == 2 and len(days) == 72

    call_command("seed_meeting_demo", username="Admin", stdout=StringIO())
    assert Participant.objects.filter(event=yaounde).count() == 66
    assert Event.objects.count() == 5


@pytest.mark.django_db
def test_demo_seeds_the_yaounde_showcases_in_every_state_once(admin):
    out = StringIO()
    call_command("seed_meeting_demo", username="Admin", stdout=out)

    assert "Created 8 demo showcases" in out.getvalue()
    yaounde = Event.objects.get(code="OIM-CM-YDE")
    showcases = Showcase.objects.filter(event=yaounde)
    statuses = {
        status: showcases.filter(status=status).count() for status in showcases.values_list("status", flat=True)
    }
    assert statuses == {
        "PRESENTED": 2,
        "SCHEDULED": 2,
        "ACCEPTED": 1,
        "UNDER_REVIEW": 1,
        "DRAFT": 1,
        "REJECTED": 1,
    }
    # Slots lie within the event, presented ones before scheduled ones; nobody is double-booked.
    on_programme = list(showcases.filter(status__in=["PRESENTED", "SCHEDULED"]).prefetch_related("presenters"))
    for showcase in on_programme:
        assert yaounde.starts_at <= showcase.starts_at < showcase.ends_at <= yaounde.ends_at
    first_day_ends = max(s.ends_at for s in on_programme if s.status == "PRESENTED")
    assert all(s.starts_at > first_day_ends for s in on_programme if s.status == "SCHEDULED")
    for one in on_programme:
        for other in on_programme:
            if one.id != other.id and one.starts_at < other.ends_at and other.starts_at < one.ends_at:
                assert not {p.id for p in one.presenters.all()} & {p.id for p in other.presenters.all()}
    assert all(s.presenters.exists() and s.integrations.exists() for s in showcases)
    # Reviewed by someone who neither created nor presents them; the draft is not reviewed.
    reviews = Review.objects.filter(showcase__event=yaounde)
    assert reviews.count() == 7 and not reviews.filter(showcase__status="DRAFT").exists()
    assert set(reviews.values_list("reviewer__username", flat=True)) == {"DemoShowcaseReviewer"}
    assert showcases.get(status="REJECTED").decision_note

    matrix = interoperability_matrix(user=admin, event_id=str(yaounde.id))
    assert len(matrix["pairs"]) >= 8
    assert {pair["best_evidence_level"] for pair in matrix["pairs"]} == set(EvidenceLevel.values)
    assert any(pair["showcase_count"] > 1 for pair in matrix["pairs"])
    counted = {str(s.id) for s in showcases.filter(status__in=["ACCEPTED", "SCHEDULED", "PRESENTED"])}
    assert {i for pair in matrix["pairs"] for i in pair["showcase_ids"]} == counted
    assert "CSV" not in {standard.code for pair in matrix["pairs"] for standard in pair["standards"]}
    assert DigitalSystem.objects.get(name="MINAS social registry").deployment_stage == "CONCEPT"

    counts = [model.objects.count() for model in (Showcase, Integration, Review, DigitalSystem, Standard)]
    again = StringIO()
    call_command("seed_meeting_demo", username="Admin", stdout=again)
    assert "Created 0 demo showcases" in again.getvalue()
    assert [model.objects.count() for model in (Showcase, Integration, Review, DigitalSystem, Standard)] == counts


@pytest.mark.django_db
def test_demo_seeds_the_yaounde_agenda_once_and_the_feeds_show_it(admin):
    out = StringIO()
    call_command("seed_meeting_demo", username="Admin", stdout=out)

    assert "Created 29 agenda sessions for the Yaoundé meeting" in out.getvalue()
    yaounde = Event.objects.get(code="OIM-CM-YDE")
    sessions = list(
        Session.objects.filter(event=yaounde, is_deleted=False).prefetch_related("speakers", "chairs", "showcases")
    )
    kinds = {kind: sum(1 for s in sessions if s.session_type == kind) for kind in {s.session_type for s in sessions}}
    assert kinds == {
        "PLENARY": 5,
        "PANEL": 3,
        "SHOWCASE_SLOT": 4,
        "WORKSHOP": 6,
        "SIDE_MEETING": 1,
        "NETWORKING": 1,
        "BREAK": 9,
    }
    # Within the event, on each of its days (in Douala), in rooms, in French and English with interpretation.
    zone = ZoneInfo(yaounde.timezone)
    assert all(yaounde.starts_at <= s.starts_at < s.ends_at <= yaounde.ends_at for s in sessions)
    assert (
        min(s.starts_at for s in sessions) == yaounde.starts_at and max(s.ends_at for s in sessions) == yaounde.ends_at
    )
    first, last = from_storage(yaounde.starts_at, zone).date(), from_storage(yaounde.ends_at, zone).date()
    assert {from_storage(s.starts_at, zone).date() for s in sessions} == {
        first + timedelta(days=n) for n in range((last - first).days + 1)
    }
    assert (last - first).days >= 1
    assert all(s.room for s in sessions)
    assert {code for s in sessions for code in s.languages} == {"fr", "en"}
    assert any(s.interpretation for s in sessions)
    # Nobody and no room in two places at once; the people are confirmed participants of the meeting.
    for one in sessions:
        for other in sessions:
            if one.id != other.id and one.starts_at < other.ends_at and other.starts_at < one.ends_at:
                assert one.room.lower() != other.room.lower(), (one, other)
                busy = {p.id for p in [*one.speakers.all(), *one.chairs.all()]}
                assert not busy & {p.id for p in [*other.speakers.all(), *other.chairs.all()]}, (one, other)
    people = [p for s in sessions for p in [*s.speakers.all(), *s.chairs.all()]]
    assert len({p.id for p in people}) >= 20
    assert all(p.event_id == yaounde.id and p.status == "CONFIRMED" for p in people)
    # One slot per showcase on the programme, at its own time, its presenters speaking.
    slots = [s for s in sessions if s.session_type == "SHOWCASE_SLOT"]
    on_programme = Showcase.objects.filter(event=yaounde, status__in=["SCHEDULED", "PRESENTED"])
    assert sorted(str(sc.id) for s in slots for sc in s.showcases.all()) == sorted(str(sc.id) for sc in on_programme)
    for slot in slots:
        [showcase] = slot.showcases.all()
        assert (slot.starts_at, slot.ends_at) == (showcase.starts_at, showcase.ends_at)
        assert {p.id for p in slot.speakers.all()} == {p.id for p in showcase.presenters.all()}
    assert not any(s.showcases.exists() for s in sessions if s.session_type != "SHOWCASE_SLOT")

    # The feeds have it all: the agenda, and a speaker's personal feed printed by the command.
    client = logged_in("Admin", PASSWORD)
    agenda = Calendar.from_ical(rest_get(client, f"events/{yaounde.id}/agenda.ics").content)
    assert len(agenda.walk("VEVENT")) == 29
    feed_path = next(line.split(": ", 1)[1] for line in out.getvalue().splitlines() if "Personal agenda feed" in line)
    personal = Client().get(feed_path)
    assert personal.status_code == 200
    entries = Calendar.from_ical(personal.content).walk("VEVENT")
    assert len(entries) == 30 and sum(1 for vevent in entries if "X-OPENIMIS-ROLE" in vevent) >= 2

    again = StringIO()
    call_command("seed_meeting_demo", username="Admin", stdout=again)
    assert "Created 0 agenda sessions for the Yaoundé meeting: none (already seeded)" in again.getvalue()
    assert Session.objects.filter(event=yaounde).count() == 29
