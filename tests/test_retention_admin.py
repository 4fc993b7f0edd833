"""Retention in the Django admin: the erasure action (its own right; the admin log's names go too) and the event's
retention date on the event form."""

import hashlib

import pytest
from django.contrib.admin.models import LogEntry
from retention_helpers import database_hits

from openimis_be_meeting.models import Event, Participant

from admin_pages import APP, ORGANISER, action, admin_login, messages_of
from factories import make_user, open_event, register

pytestmark = pytest.mark.django_db


def test_the_erase_action_needs_its_right_and_leaves_no_name_in_the_admin_log(admin):
    event = open_event(admin)
    person = Participant.objects.get(
        id=register(admin, event, 1, first_name="Oluwaseun", last_name="Zapata")["data"]["id"]
    )
    make_user("Organiser", rights=ORGANISER)
    make_user("Erasing", rights=[*ORGANISER, "216008"])
    organiser, erasing = admin_login("Organiser"), admin_login("Erasing")
    changed = organiser.post(
        f"{APP}participant/{person.pk}/change/",
        {
            "first_name": "Oluwaseun",
            "last_name": "Zapata",
            "email": "oluwaseun.zapata@example.cm",
            "phone": "",
            "gender": "",
            "organisation": "",
            "job_title": "Zapata consulting",
            "country": "CM",
            "role": "ATTENDEE",
            "attendance_mode": "IN_PERSON",
            "accessibility_needs": "",
            "dietary_needs": "",
            "_save": "Save",
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:3000]
    assert LogEntry.objects.filter(object_id=str(person.pk), object_repr="Oluwaseun Zapata").exists()
    secrets = ["Oluwaseun", "Zapata", "oluwaseun.zapata@example.cm", "person1@example.cm", person.checkin_token]

    assert 'value="erase_participants"' not in organiser.get(APP + "participant/").content.decode()
    refused = action(organiser, "participant", "erase_participants", [person])
    assert messages_of(refused) == [("warning", "No action selected.")]
    assert Participant.objects.get(id=person.pk).erased_at is None

    done = action(erasing, "participant", "erase_participants", [person])

    pseudonym = f"Participant {hashlib.sha256(person.pk.bytes).hexdigest()[:8].upper()}"
    assert messages_of(done) == [("success", f"{pseudonym}: personal data erased.")]
    assert database_hits(secrets) == []
    assert LogEntry.objects.get(object_id=str(person.pk)).object_repr == pseudonym


def test_the_event_form_sets_the_retention_date(admin):
    event = open_event(admin)
    make_user("Planner", rights=["215001", "215003"])
    planner = admin_login("Planner")
    page = planner.get(f"{APP}event/{event.pk}/change/").content.decode()
    assert 'name="retention_date"' in page
    form = {
        "code": event.code,
        "name": event.name,
        "event_type": event.event_type,
        "description": "",
        "organisers": "",
        "timezone": event.timezone,
        "participation_mode": "IN_PERSON",
        "venue": event.venue,
        "city": event.city,
        "country": "CM",
        "location": "",
        "online_url": "",
        "capacity": "120",
        "retention_date": "2031-01-31",
        "_save": "Save",
    }
    from openimis_be_meeting.timeutils import from_storage, zone_or_none

    from admin_pages import datetime_fields

    zone = zone_or_none(event.timezone)
    local = {name: from_storage(getattr(event, name), zone).replace(tzinfo=None) for name in ("starts_at", "ends_at")}
    form.update(datetime_fields(**local, registration_opens_at=None, registration_closes_at=None))
    response = planner.post(f"{APP}event/{event.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert str(Event.objects.get(id=event.pk).retention_date) == "2031-01-31"
