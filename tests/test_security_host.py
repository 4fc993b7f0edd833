"""The host runs as an instance should (issue 15, findings 5 and 12): a cross-site form cannot log a browser in
(core's csrf_protect_login, enforced by the module's GraphQL view on tokenAuth), and django-axes locks a user name
out after AXES_FAILURE_LIMIT wrong passwords."""

import json

import pytest
from django.test import Client

from factories import PASSWORD, make_user
from frontend import GRAPHQL, FrontendSession

LOGIN = f'mutation {{ tokenAuth(username: "Victim", password: "{PASSWORD}") {{ refreshExpiresIn }} }}'


@pytest.mark.django_db
def test_a_cross_site_form_post_of_token_auth_is_refused(admin):
    make_user("Victim", rights=[])
    browser = Client(enforce_csrf_checks=True)

    form = browser.post(GRAPHQL, {"query": LOGIN})  # what an attacker's page submits: no CSRF cookie or header
    as_json = browser.post(GRAPHQL, json.dumps({"query": LOGIN}), content_type="application/json")
    # A script on another site (it would need CORS): the browser names that site as the Origin.
    cross_site = browser.post(
        GRAPHQL, json.dumps({"query": LOGIN}), content_type="application/json", HTTP_ORIGIN="https://evil.example"
    )

    for response in (form, as_json, cross_site):
        assert response.status_code == 403
        assert response.json()["errors"][0]["extensions"]["code"] == "meeting.auth.csrf_failed"
        assert "JWT" not in response.cookies


@pytest.mark.django_db
def test_the_frontends_login_with_the_csrf_cookie_succeeds(admin):
    make_user("Victim", rights=[])
    session = FrontendSession()

    assert "errors" not in session.login("Victim", PASSWORD)
    assert session.http.cookies.get("JWT")


@pytest.mark.django_db
def test_fe_cores_login_from_the_instances_own_origin_succeeds(admin):
    """fe-core sends, at login, the X-CSRFToken it kept from an earlier session (not the cookie): from the page's own
    origin that login is taken, as the openIMIS frontend needs."""
    make_user("Victim", rights=[])
    browser = Client(enforce_csrf_checks=True)
    login = browser.post(
        GRAPHQL,
        json.dumps({"query": LOGIN}),
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
        HTTP_X_CSRFTOKEN="a-token-from-yesterday",
    )

    assert b"refreshExpiresIn" in login.content and "JWT" in login.cookies


def attempt(password: str):
    """tokenAuth as the frontend sends it (the csrftoken cookie repeated in X-CSRFToken), from a fresh browser."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(GRAPHQL, HTTP_ACCEPT="text/html")
    query = f'mutation {{ tokenAuth(username: "Victim", password: "{password}") {{ refreshExpiresIn }} }}'
    token = browser.cookies["csrftoken"].value
    return browser.post(GRAPHQL, json.dumps({"query": query}), content_type="application/json", HTTP_X_CSRFTOKEN=token)


@pytest.mark.django_db
def test_wrong_passwords_lock_the_user_name_out(admin, settings):
    make_user("Victim", rights=[])
    assert settings.AXES_ENABLED is True
    assert b"refreshExpiresIn" in attempt(PASSWORD).content  # the right password works before
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert "JWT" not in attempt("not-the-password").cookies

    locked = attempt(PASSWORD)  # even the right password, now

    assert "JWT" not in locked.cookies and b"refreshExpiresIn" not in locked.content
    assert b"Too many failed attempts" in locked.content  # core's check_lockout, through axes
