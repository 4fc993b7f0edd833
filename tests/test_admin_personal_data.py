"""Participants' personal data in the admin: only with the personal-data right (216006) in the list, the change form,
the search, URL filters, the CSV export (the REST export's table) and the history."""

import pytest

from openimis_be_meeting.models import Participant

from admin_pages import (
    APP,
    ORGANISER,
    READ,
    REGISTRAR,
    action,
    admin_login,
    column,
    errors,
    history_rows,
    registration,
    text,
)
from factories import PASSWORD, make_user, open_event, register
from frontend import logged_in, rest_get

pytestmark = pytest.mark.django_db


def participant(result: dict) -> Participant:
    assert result["success"], result
    return Participant.objects.get(id=result["data"]["id"])


@pytest.fixture
def organiser(db):
    make_user("Organiser", rights=ORGANISER)
    return admin_login("Organiser")


def export(client, rows):
    response = action(client, "participant", "export_participants_csv", rows)
    assert response.status_code == 200, text(response)[:500]
    return response, b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize(("rights", "personal"), [(ORGANISER, True), (READ, False)])
def test_the_csv_export_is_the_rest_export_of_the_selection(admin, rights, personal):
    event = open_event(admin, code="CM-YDE", capacity=1)
    for number in (1, 2, 3):
        register(admin, event, number, phone="+237 699 00 11 22")
    make_user("Exporter", rights=rights)
    selected = list(Participant.objects.filter(event=event))

    response, content = export(admin_login("Exporter"), selected)
    rest = rest_get(logged_in("Exporter", PASSWORD), f"events/{event.id}/participants.csv")

    assert content == b"".join(rest.streaming_content).decode("utf-8")
    header = content.lstrip("\ufeff").splitlines()[0].split(",")
    assert ("Email" in header, "Phone" in header, "+237 699 00 11 22" in content) == (personal, personal, personal)
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="cm-yde-participants.csv"'
    assert len(content.splitlines()) == 4


def test_an_export_of_several_events_names_instants_in_utc(organiser, admin):
    first, second = open_event(admin, code="EV-1"), open_event(admin, code="EV-2")
    rows = [participant(register(admin, first, 1)), participant(register(admin, second, 2))]

    response, content = export(organiser, rows)

    assert response["Content-Disposition"] == 'attachment; filename="participants.csv"'
    assert content.count("+00:00") == 4  # registered and status changed, for each of the two


def test_personal_data_is_absent_from_list_form_search_and_filters_without_its_right(admin):
    event = open_event(admin)
    person = participant(register(admin, event, 1, phone="+237 699 00 11 22", dietary_needs="Vegetarian"))
    make_user("Reader", rights=READ)
    reader = admin_login("Reader")

    listing = reader.get(APP + "participant/")
    form = reader.get(f"{APP}participant/{person.id}/change/")

    assert column(listing, "name") == ["Person1 Ndongo"] and column(listing, "email") == []
    for secret in ("person1@example.cm", "+237 699 00 11 22", "Vegetarian", person.checkin_token):
        assert secret not in listing.content.decode() and secret not in form.content.decode()
    assert column(reader.get(APP + "participant/", {"q": "person1@example.cm"}), "name") == []
    assert column(reader.get(APP + "participant/", {"q": "Ndongo"}), "name") == ["Person1 Ndongo"]
    for lookup in (
        "email",
        "email__startswith",
        "gender__exact",
        "phone__contains",
        "checkin_token",
        "user",
        "location",
    ):
        assert reader.get(APP + "participant/", {lookup: "p"}).status_code == 400, lookup
    # Nor through another list's relation (Django allows only the lookups of list_filter across relations).
    for path, lookup in (("event/", "participants__email__startswith"), ("participant/", "event__participants__email")):
        assert reader.get(APP + path, {lookup: "p"}).status_code == 400, lookup


def test_personal_data_is_shown_and_searched_with_its_right(organiser, admin):
    event = open_event(admin)
    person = participant(register(admin, event, 1, phone="+237 699 00 11 22"))

    listing = organiser.get(APP + "participant/", {"q": "person1@example.cm"})
    form = organiser.get(f"{APP}participant/{person.id}/change/").content.decode()

    assert column(listing, "email") == ["person1@example.cm"]
    assert 'name="email" value="person1@example.cm"' in form and person.checkin_token in form
    assert organiser.get(APP + "participant/", {"email__startswith": "person"}).status_code == 200


def test_updating_without_the_personal_data_right_keeps_the_personal_data(admin):
    event = open_event(admin)
    person = participant(register(admin, event, 1, phone="+237 699 00 11 22"))
    make_user("Registrar", rights=REGISTRAR)
    data = registration(event, 1, job_title="Actuary")
    for hidden in ("email", "phone", "gender", "accessibility_needs", "dietary_needs", "event"):
        data.pop(hidden)

    response = admin_login("Registrar").post(f"{APP}participant/{person.id}/change/", data)

    assert response.status_code == 302, errors(response)
    person.refresh_from_db()
    assert (person.job_title, person.email, person.phone, person.version) == (
        "Actuary",
        "person1@example.cm",
        "+237 699 00 11 22",
        2,
    )


def test_the_history_masks_personal_changes_without_the_right(organiser, admin):
    event = open_event(admin)
    person = participant(register(admin, event, 1))
    data = registration(event, 1, email="amina@example.cm", country="")
    data.pop("event")
    organiser.post(f"{APP}participant/{person.id}/change/", data)
    make_user("Reader", rights=READ)

    masked = history_rows(admin_login("Reader").get(f"{APP}participant/{person.id}/history/"))
    shown = history_rows(organiser.get(f"{APP}participant/{person.id}/history/"))

    assert masked[0][4] == "Email: changed (not shown to you)"
    assert shown[0][4] == "Email: person1@example.cm → amina@example.cm"
