"""The module inside an openIMIS-like instance: login and CSRF as the frontend does them, rights configuration."""

import pytest
from core.models import ModuleConfiguration
from django.apps import apps
from django.test import override_settings

from openimis_be_meeting import apps as meeting_apps
from openimis_be_meeting.models import Event

from factories import PASSWORD, make_event, make_user
from frontend import Enum, FrontendSession, logged_in
from test_events_graphql import CREATE


@pytest.mark.django_db
@override_settings(IS_TESTING=False)
def test_frontend_flow_with_core_csrf_check_on(admin):
    """Login with the csrftoken cookie, getCsrfToken, then a mutation and a list carrying that token."""
    session = logged_in("Admin", PASSWORD)
    assert session.http.cookies["JWT"].value

    log = session.mutate("createMeetingEvent", CREATE)
    assert log["status"] == 2, log

    listed = session.post(
        f'{{ meetingEvents(clientMutationId: "{log["clientMutationId"]}", first: 10) '
        "{ totalCount edges { node { code } } } }"
    )
    assert listed["data"]["meetingEvents"]["edges"] == [{"node": {"code": "CM-YDE-2023"}}]


@pytest.mark.django_db
@override_settings(IS_TESTING=False)
def test_requests_without_the_session_csrf_token_are_refused(admin):
    session = logged_in("Admin", PASSWORD)
    session.csrf_token = "forged"

    listed = session.post("{ meetingEvents(first: 10) { edges { node { code } } } }")
    assert listed["data"] == {"meetingEvents": None}
    assert "CSRF" in listed["errors"][0]["message"]

    created = session.post(
        'mutation { createMeetingEvent(input: {clientMutationId: "c1" code: "X" name: "X"}) { internalId } }'
    )
    assert "CSRF" in created["errors"][0]["message"]
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_wrong_password_gets_no_session(admin):
    session = FrontendSession()
    result = session.login("Admin", "wrong")
    assert "errors" in result
    assert "JWT" not in session.http.cookies
    listed = session.post("{ meetingEvents(first: 10) { edges { node { code } } } }")
    assert listed["data"] == {"meetingEvents": None}


@pytest.mark.django_db
def test_bearer_token_is_accepted(admin):
    session = logged_in("Admin", PASSWORD)
    token = session.http.cookies["JWT"].value
    make_event(admin, code="BEARER")
    other = FrontendSession()

    response = other.http.post(
        "/api/graphql",
        data={"query": "{ meetingEvents(first: 5) { edges { node { code } } } }"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.json()["data"]["meetingEvents"]["edges"] == [{"node": {"code": "BEARER"}}]


@pytest.mark.django_db
def test_current_user_rights_include_the_module_rights_for_the_admin(admin):
    session = logged_in("Admin", PASSWORD)

    response = session.http.get("/api/core/users/current_user/")

    assert response.status_code == 200
    rights = set(response.json()["i_user"]["rights"])
    assert {215001, 215002, 215003, 215004} <= rights


def test_every_perms_value_is_a_non_empty_list_of_right_codes():
    perms = {key: value for key, value in meeting_apps.DEFAULT_CFG.items() if key.endswith("_perms")}
    assert perms
    for key, value in perms.items():
        assert isinstance(value, list) and value, key
        for code in value:
            assert len(code) == 6 and code.isdigit() and code[:3] in {"215", "216", "217", "218"}, (key, code)


@pytest.fixture
def configured():
    """Apply a ModuleConfiguration row, reload the module's configuration, and restore it afterwards."""
    saved = dict(apps.get_app_config("openimis_be_meeting").config)

    def apply(config: str):
        ModuleConfiguration.objects.create(module="openimis_be_meeting", layer="be", version="1", config=config)
        apps.get_app_config("openimis_be_meeting").ready()

    yield apply
    type(apps.get_app_config("openimis_be_meeting")).config = saved


@pytest.mark.django_db
def test_rights_are_overridable_through_module_configuration(admin, configured):
    make_event(admin, code="CFG")
    make_user("Reader", rights=["215001"])
    make_user("Other", rights=["999001"])

    configured('{"gql_query_meeting_events_perms": ["999001"]}')

    reader = logged_in("Reader", PASSWORD).post("{ meetingEvents(first: 5) { edges { node { code } } } }")
    assert reader["data"] == {"meetingEvents": None}
    other = logged_in("Other", PASSWORD).post("{ meetingEvents(first: 5) { edges { node { code } } } }")
    assert other["data"]["meetingEvents"]["edges"] == [{"node": {"code": "CFG"}}]


@pytest.mark.django_db
def test_an_emptied_rights_list_allows_nobody(admin, configured):
    """core's has_perms([]) is True; the module treats an emptied list as closed, for the IMIS admin too."""
    make_user("Clerk", rights=["215002"])
    configured('{"gql_mutation_create_meeting_events_perms": []}')

    for username in ("Clerk", "Admin"):
        log = logged_in(username, PASSWORD).mutate("createMeetingEvent", {**CREATE, "eventType": Enum("WORKSHOP")})
        assert log["errors"][0]["code"] == "meeting.auth.permission_denied", username
    assert Event.objects.count() == 0


def test_a_local_time_zone_without_use_tz_is_reported_by_the_system_checks():
    from django.test import override_settings

    from openimis_be_meeting.apps import check_time_zone

    assert check_time_zone() == []
    with override_settings(TIME_ZONE="Africa/Douala", USE_TZ=False):
        assert [warning.id for warning in check_time_zone()] == ["openimis_be_meeting.W001"]
    with override_settings(TIME_ZONE="Africa/Douala", USE_TZ=True):
        assert check_time_zone() == []


def test_async_mutations_without_late_acknowledgement_are_reported_by_the_system_checks(monkeypatch):
    import core
    from django.test import override_settings

    from openimis_be_meeting.apps import check_async_workers

    monkeypatch.setattr(core, "async_mutations", False, raising=False)
    with override_settings(CELERY_TASK_ACKS_LATE=False):
        assert check_async_workers() == []  # inline mutations: no worker to lose
    monkeypatch.setattr(core, "async_mutations", True, raising=False)
    assert check_async_workers() == []  # the host acknowledges late and hands back a lost worker's message
    with override_settings(CELERY_TASK_ACKS_LATE=False):
        assert [warning.id for warning in check_async_workers()] == ["openimis_be_meeting.W002"]
    with override_settings(CELERY_TASK_REJECT_ON_WORKER_LOST=False):
        assert [warning.id for warning in check_async_workers()] == ["openimis_be_meeting.W002"]


@pytest.mark.django_db
def test_other_modules_hooks_run_only_after_our_rights_check(admin, nobody):
    """A module bound to our service signals (as openIMIS modules do) never sees a refused call."""
    from core.signals import REGISTERED_SERVICE_SIGNALS, ServiceSignalBindType, bind_service_signal

    from openimis_be_meeting.services import EventService

    from factories import event_input

    calls = []

    def hook(sender, **kwargs):
        calls.append(kwargs.get("data"))

    bind_service_signal("meeting_event_service.create", hook, bind_type=ServiceSignalBindType.BEFORE)
    try:
        refused = EventService(nobody).create(event_input())
        assert refused["detail"]["code"] == "meeting.auth.permission_denied"
        assert calls == []
        assert EventService(admin).create(event_input())["success"]
        assert len(calls) == 1
    finally:
        REGISTERED_SERVICE_SIGNALS["meeting_event_service.create"].before_service_signal.disconnect(hook)
