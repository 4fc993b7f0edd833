"""Issue 14 §5 in the admin, as a person uses it: the waiting list in its order, the status column near the name,
time zone and country as choices (by name, in the reader's language), the openIMIS location by search (only the
locations openIMIS lets the user see, only for whoever may edit events), and a history in words and local time."""

import re

import pytest
from location.test_helpers import create_test_location

from openimis_be_meeting.models import Participant

from admin_pages import APP, ORGANISER, READ, action, admin_login, column, history_rows
from factories import make_event, make_user, open_event, register

pytestmark = pytest.mark.django_db


def test_the_waiting_list_is_in_its_order_not_by_name(admin):
    event = open_event(admin, capacity=1)
    register(admin, event, 1)
    for number, last_name in enumerate(["Zang", "Mbarga", "Abena"], start=2):
        register(admin, event, number, last_name=last_name)
    make_user("Organiser", rights=ORGANISER)

    listing = admin_login("Organiser").get(APP + "participant/", {"status__exact": "WAITLISTED"})

    assert column(listing, "waitlist_position") == ["1", "2", "3"]
    assert column(listing, "name") == ["Person2 Zang", "Person3 Mbarga", "Person4 Abena"]


def test_the_status_comes_right_after_the_name_and_the_event_by_its_code(admin):
    event = open_event(admin, code="CM-YAOUNDE")
    register(admin, event, 1)
    make_user("Organiser", rights=ORGANISER)

    listing = admin_login("Organiser").get(APP + "participant/")

    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', listing.content.decode())
    assert [name for name in columns if name != "action_checkbox"][:3] == ["name", "status", "waitlist_position"]
    assert "attendance_mode" not in columns
    assert column(listing, "event_code") == ["CM-YAOUNDE"]


@pytest.mark.parametrize(("language", "cameroon"), [("en", "Cameroon"), ("fr", "Cameroun")])
def test_time_zone_and_country_are_choices_named_in_the_readers_language(admin, language, cameroon):
    page = admin_login("Admin", language=language).get(APP + "event/add/").content.decode()

    zone = re.search(r'<select name="timezone".*?</select>', page, re.S).group(0)
    assert '<option value="Africa/Douala">Africa/Douala</option>' in zone
    country = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    assert f'<option value="CM">{cameroon}</option>' in country
    assert len(re.findall(r"<option value=\"[A-Z]{2}\">", country)) == 249


def test_the_location_is_searched_by_code_or_name_among_those_the_user_may_see(admin):
    region = create_test_location("R", custom_props={"code": "RCE", "name": "Centre"})
    create_test_location("R", custom_props={"code": "RLT", "name": "Littoral"})
    make_user("Reader", rights=READ)
    browser = admin_login("Admin")
    search = APP + "event/location-search/"

    found = browser.get(search, {"term": "centr"}).json()
    assert found == {"results": [{"id": str(region.uuid), "text": "RCE Centre"}], "pagination": {"more": False}}
    assert [item["text"] for item in browser.get(search, {"term": "R"}).json()["results"]] == [
        "RCE Centre",
        "RLT Littoral",
    ]
    assert admin_login("Reader").get(search, {"term": "centr"}).status_code == 403  # reads events, edits none

    form = browser.get(APP + "event/add/").content.decode()
    widget = re.search(r'<select name="location"[^>]*>', form).group(0)
    assert "admin-autocomplete" in widget and f'data-ajax--url="{search}"' in widget

    event = make_event(admin)
    change = browser.get(f"{APP}event/{event.id}/change/")
    assert change.status_code == 200


def test_the_history_shows_labels_and_the_events_local_time(admin):
    event = make_event(admin)
    make_user("Organiser", rights=["215001", "215002", "215003"])
    organiser = admin_login("Organiser")
    action(organiser, "event", "publish_events", [event])

    rows = history_rows(organiser.get(f"{APP}event/{event.id}/history/"))

    assert "Status: Draft → Published" in rows[0][4]
    created = rows[-1][4]
    for words in ("Type: — → Community meeting", "Status: — → Draft", "Country: — → Cameroon", "approval: — → no"):
        assert words in created, (words, created)
    starts = re.search(r"Starts at: — → (\S+ \S+ \S+)", created).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d Africa/Douala", starts), starts  # not UTC ISO with microseconds


def test_participant_history_names_the_country_and_the_role(admin):
    event = open_event(admin)
    person = Participant.objects.get(id=register(admin, event, 1, country="CM", role="SPEAKER")["data"]["id"])
    make_user("Organiser", rights=ORGANISER)

    rows = history_rows(admin_login("Organiser", language="fr").get(f"{APP}participant/{person.id}/history/"))

    assert "Pays: — → Cameroun" in rows[-1][4], rows[-1][4]
    assert "SPEAKER" not in rows[-1][4] and "CONFIRMED" not in rows[-1][4]
