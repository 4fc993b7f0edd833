"""The demo data: seeded through the services, every status on show, and seeding twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from openimis_be_meeting.models import Attendance, Event, Participant


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
