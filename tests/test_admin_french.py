"""The admin in French (the browser asks for it, LocaleMiddleware chooses among the instance's LANGUAGES): model
names, field labels, actions, per-row reports and the services' refusals all come in French."""

from datetime import datetime

import pytest

from openimis_be_meeting.models import Event

from admin_pages import ADMIN, APP, action, admin_login, datetime_fields, errors, messages_of, text
from factories import make_event, open_event, register
from test_admin_events import event_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(admin):
    return admin_login("Admin", language="fr")


def test_the_index_names_the_module_and_its_models_in_french(french):
    page = text(french.get(ADMIN))

    assert "Réunions openIMIS" in page
    for name in ("Événements", "Participants", "Organisations", "Démonstrations", "Systèmes numériques", "Normes"):
        assert name in page, name


def test_actions_and_their_reports_are_in_french(french, admin):
    draft, already_open = make_event(admin, code="DRAFT-1"), open_event(admin, code="OPEN-1")
    register(admin, already_open, 1)

    listing = french.get(APP + "event/").content.decode()
    participants = french.get(APP + "participant/").content.decode()
    response = action(french, "event", "publish_events", [draft, already_open])

    assert '<option value="publish_events">Publier les événements sélectionnés</option>' in listing
    assert '<option value="complete_events">Marquer les événements sélectionnés comme terminés</option>' in listing
    assert '<option value="reject_participants">Refuser les participants sélectionnés</option>' in participants
    assert (
        '<option value="export_participants_csv">Exporter les participants sélectionnés (CSV)</option>' in participants
    )
    assert sorted(messages_of(response)) == [
        (
            "error",
            "OPEN-1 openIMIS Community Meeting : Un événement ne peut pas passer de REGISTRATION_OPEN à PUBLISHED.",
        ),
        ("success", "DRAFT-1 openIMIS Community Meeting : Publié."),
    ]


def test_the_form_and_the_services_refusal_are_in_french(french):
    form = text(french.get(APP + "event/add/"))
    response = french.post(APP + "event/add/", event_form(**datetime_fields(ends_at=datetime(2030, 10, 23, 9, 0))))

    assert "Heure locale, dans le fuseau horaire de l'événement." in form
    assert "Inscriptions ouvertes" in text(french.get(APP + "event/"))  # a status filter's choice
    assert errors(response) == ["L'événement doit se terminer après son début."]
    assert Event.objects.count() == 0
