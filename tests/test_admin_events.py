"""Events in the Django admin: the form saves through EventService (audit user, version, history, wall-clock times in
the event's zone), refusals show the service's message and change nothing, the lifecycle actions report per row."""

import re
from datetime import datetime

import pytest

from openimis_be_meeting.models import Event

from admin_pages import APP, action, admin_login, column, datetime_fields, errors, history_rows, messages_of, text
from factories import make_event, make_user, open_event

pytestmark = pytest.mark.django_db

ORGANISER_RIGHTS = ["215001", "215002", "215003", "215004"]


def event_form(**overrides) -> dict:
    """The add form as an organiser fills it in; a value of None leaves the field out (an unticked box)."""
    data = {
        "code": "OIM-CM-YDE",
        "name": "openIMIS Community Meeting",
        "event_type": "COMMUNITY_MEETING",
        "description": "",
        "organisers": "",
        "timezone": "Africa/Douala",
        **datetime_fields(
            starts_at=datetime(2030, 10, 24, 8, 30),
            ends_at=datetime(2030, 10, 26, 17, 30),
            registration_opens_at=None,
            registration_closes_at=None,
        ),
        "participation_mode": "IN_PERSON",
        "venue": "Palais des Congrès",
        "city": "Yaoundé",
        "country": "CM",
        "location": "",
        "online_url": "",
        "capacity": "60",
        "waiting_list": "on",  # ticked on the page of a new event
        "requires_approval": "on",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def change_form(event: Event, **overrides) -> dict:
    """The change form of an event as the page shows it (times in its zone), with `overrides` typed in."""
    data = event_form(
        code=event.code,
        name=event.name,
        timezone=event.timezone,
        capacity=str(event.capacity or ""),
        requires_approval="on" if event.requires_approval else None,
        waiting_list=None if event.no_waiting_list else "on",
        venue=event.venue,
        city=event.city,
        country=event.country,
        **datetime_fields(starts_at=local(event, "starts_at"), ends_at=local(event, "ends_at")),
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def local(event: Event, field: str) -> datetime:
    from openimis_be_meeting.timeutils import from_storage, zone_or_none

    return from_storage(getattr(event, field), zone_or_none(event.timezone)).replace(tzinfo=None)


@pytest.fixture
def organiser(db):
    make_user("Organiser", rights=ORGANISER_RIGHTS)
    return admin_login("Organiser")


def test_an_event_added_in_the_admin_is_created_by_the_service(organiser):
    response = organiser.post(APP + "event/add/", event_form())

    assert response.status_code == 302, errors(response)
    event = Event.objects.get()
    assert (event.code, event.status, event.capacity, event.requires_approval) == ("OIM-CM-YDE", "DRAFT", 60, True)
    # 08:30 on the form is 08:30 in Douala (UTC+1): stored as 07:30 UTC.
    assert (event.starts_at, event.ends_at) == (datetime(2030, 10, 24, 7, 30), datetime(2030, 10, 26, 16, 30))
    assert (event.user_created.username, event.user_updated.username, event.version) == ("Organiser", "Organiser", 1)
    assert [row.history_type for row in Event.history.filter(id=event.id)] == ["+"]
    page = organiser.get(f"{APP}event/{event.id}/change/")
    assert 'name="starts_at_1" value="08:30:00"' in page.content.decode()
    assert "Wall-clock time in the event's time zone." in text(page)


def test_an_event_ending_before_it_starts_is_refused_in_the_services_words_and_nothing_is_written(organiser):
    response = organiser.post(APP + "event/add/", event_form(**datetime_fields(ends_at=datetime(2030, 10, 23, 9, 0))))

    assert response.status_code == 200
    assert errors(response) == ["The event must end after it starts."]
    assert Event.objects.count() == 0


def test_a_code_already_used_is_refused_whatever_its_case(organiser, admin):
    make_event(admin, code="OIM-CM-YDE")

    response = organiser.post(APP + "event/add/", event_form(code="oim-cm-yde"))

    assert errors(response) == ["Another event already uses the code oim-cm-yde."]
    assert Event.objects.count() == 1


def test_a_change_saved_in_the_admin_is_an_update_with_a_new_version_and_history_row(organiser, admin):
    event = make_event(admin, capacity=120)

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event, capacity="80", venue="Hilton"))

    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert (event.capacity, event.venue, event.version, event.user_updated.username) == (80, "Hilton", 2, "Organiser")
    assert Event.history.filter(id=event.id).count() == 2


def test_saving_an_unchanged_form_writes_nothing(organiser, admin):
    event = make_event(admin)

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event))

    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert (event.version, Event.history.filter(id=event.id).count()) == (1, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"capacity": "0"}, "The capacity must be at least 1, or empty for no limit."),
        (datetime_fields(ends_at=datetime(2020, 1, 1, 9, 0)), "The event must end after it starts."),
        ({"participation_mode": "ONLINE"}, "An online or hybrid event needs an online address."),
        ({"timezone": "Africa/Yaounde"}, "Africa/Yaounde is not a known IANA time zone."),
        ({"location": "not-a-uuid"}, "not-a-uuid is not a valid id."),
    ],
)
def test_an_illegal_change_shows_the_services_message_and_changes_nothing(organiser, admin, typed, message):
    event = make_event(admin, capacity=120)

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event, **typed))

    assert response.status_code == 200
    assert errors(response) == [message]
    assert Event.objects.get(id=event.id).version == 1
    assert Event.history.filter(id=event.id).count() == 1


def test_a_completed_event_can_no_longer_be_changed(organiser, admin):
    event = make_event(admin)
    Event.objects.filter(id=event.id).update(status="COMPLETED")
    event.refresh_from_db()

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event, name="Renamed"))

    assert errors(response) == ["The event is Completed; its details can no longer be changed."]
    assert Event.objects.get(id=event.id).name == "openIMIS Community Meeting"


def test_changing_the_time_zone_keeps_the_wall_clock_times_shown(organiser, admin):
    event = make_event(admin, timezone="Africa/Douala")
    shown = local(event, "starts_at")

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event, timezone="Europe/Berlin"))

    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert (event.timezone, local(event, "starts_at")) == ("Europe/Berlin", shown)


def test_lifecycle_actions_move_each_event_and_report_each_refusal_in_the_services_words(organiser, admin):
    draft = make_event(admin, code="DRAFT-1")
    already_open = open_event(admin, code="OPEN-1")

    response = action(organiser, "event", "publish_events", [draft, already_open])

    assert sorted(messages_of(response)) == [
        ("error", "OPEN-1 openIMIS Community Meeting: An event cannot go from REGISTRATION_OPEN to PUBLISHED."),
        ("success", "DRAFT-1 openIMIS Community Meeting: Published."),
    ]
    assert {e.code: e.status for e in Event.objects.all()} == {"DRAFT-1": "PUBLISHED", "OPEN-1": "REGISTRATION_OPEN"}
    assert Event.objects.get(code="DRAFT-1").user_updated.username == "Organiser"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("open_registration", ["PUBLISHED", "REGISTRATION_OPEN"]),
        ("close_registration", ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED"]),
        ("start_events", ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING"]),
        ("complete_events", ["PUBLISHED", "REGISTRATION_OPEN", "REGISTRATION_CLOSED", "ONGOING", "COMPLETED"]),
        ("cancel_events", ["CANCELLED"]),
    ],
)
def test_each_lifecycle_action_takes_an_event_one_step_further(organiser, admin, name, path):
    event = make_event(admin)
    for step in path[:-1]:
        assert messages_of(action(organiser, "event", _action_for(step), [event]))[0][0] == "success"

    response = action(organiser, "event", name, [event])

    assert messages_of(response)[-1][0] == "success", messages_of(response)
    event.refresh_from_db()
    assert (event.status, event.version) == (path[-1], len(path) + 1)


def _action_for(status: str) -> str:
    return {
        "PUBLISHED": "publish_events",
        "REGISTRATION_OPEN": "open_registration",
        "REGISTRATION_CLOSED": "close_registration",
        "ONGOING": "start_events",
    }[status]


def test_completing_an_event_not_yet_under_way_is_refused(organiser, admin):
    event = open_event(admin)

    response = action(organiser, "event", "complete_events", [event])

    assert messages_of(response) == [
        ("error", "CM-YAOUNDE openIMIS Community Meeting: An event cannot go from REGISTRATION_OPEN to COMPLETED.")
    ]
    assert Event.objects.get(id=event.id).status == "REGISTRATION_OPEN"


def test_deleting_an_event_in_the_admin_is_the_services_soft_delete(organiser, admin):
    event = make_event(admin)
    page = organiser.get(f"{APP}event/{event.id}/delete/")
    assert "CM-YAOUNDE openIMIS Community Meeting" in text(page)

    response = organiser.post(f"{APP}event/{event.id}/delete/", {"post": "yes"})

    assert response.status_code == 302
    row = Event.objects.get(id=event.id)
    assert (row.is_deleted, row.version, row.user_updated.username) == (True, 2, "Organiser")
    assert column(organiser.get(APP + "event/"), "code") == []
    assert organiser.get(f"{APP}event/{event.id}/change/").status_code == 302  # gone: back to the list


def test_a_reader_sees_the_event_read_only_in_its_zone_and_cannot_write(admin):
    event = make_event(admin)
    make_user("Reader", rights=["215001"])
    reader = admin_login("Reader")

    page = reader.get(f"{APP}event/{event.id}/change/")

    assert page.status_code == 200
    starts = f"{local(event, 'starts_at'):%Y-%m-%d %H:%M} Africa/Douala"
    assert starts in text(page) and 'name="_save"' not in page.content.decode()
    assert reader.post(f"{APP}event/{event.id}/change/", change_form(event, name="Renamed")).status_code == 403
    assert reader.post(APP + "event/add/", event_form(code="NEW")).status_code == 403
    assert reader.post(f"{APP}event/{event.id}/delete/", {"post": "yes"}).status_code == 403
    listing = reader.get(APP + "event/").content.decode()
    assert 'value="publish_events"' not in listing and 'value="delete_selected"' not in listing
    refused = action(reader, "event", "publish_events", [event])  # not an action offered to them
    assert messages_of(refused) == []
    assert Event.objects.get(id=event.id).status == "DRAFT"


def test_the_history_page_lists_every_version_with_who_and_what(organiser, admin):
    event = make_event(admin, capacity=120)
    organiser.post(f"{APP}event/{event.id}/change/", change_form(event, capacity="80"))

    rows = history_rows(organiser.get(f"{APP}event/{event.id}/history/"))

    assert [(row[0], row[2], row[3]) for row in rows] == [("2", "Organiser", "changed"), ("1", "Admin", "created")]
    assert rows[0][4] == "Capacity: 120 → 80"
    assert "Code: — → CM-YAOUNDE" in rows[1][4]
    assert rows[0][1].endswith("Africa/Douala")


def test_the_waiting_list_box_is_ticked_for_a_new_event_and_unticking_it_turns_the_list_off(organiser, admin):
    assert waiting_list_box(organiser.get(APP + "event/add/")) == "checked"
    event = make_event(admin, capacity=1)

    response = organiser.post(f"{APP}event/{event.id}/change/", change_form(event, waiting_list=None))

    assert response.status_code == 302, errors(response)
    event.refresh_from_db()
    assert (event.no_waiting_list, event.version) == (True, 2)
    assert waiting_list_box(organiser.get(f"{APP}event/{event.id}/change/")) == "unticked"


def waiting_list_box(page) -> str:
    [box] = re.findall(r"<input[^>]*name=\"waiting_list\"[^>]*>", page.content.decode())
    return "checked" if " checked" in box else "unticked"
