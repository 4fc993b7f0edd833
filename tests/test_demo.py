"""The demo data: seeded through the services, every status on show, and seeding twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from openimis_be_meeting.interop import interoperability_matrix
from openimis_be_meeting.models import (
    Attendance,
    DigitalSystem,
    Event,
    EvidenceLevel,
    Integration,
    Participant,
    Review,
    Showcase,
    Standard,
)


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
