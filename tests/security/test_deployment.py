"""Deployment controls (issue #11, ASVS V3 sessions, V14 configuration, V2 authentication).

``manage.py check --deploy --fail-level WARNING`` under production settings is run by
tests/core/test_project.py::test_check_deploy_is_clean_under_production_settings (and by
``make lint``). Here: the production settings' values applied to real responses, the
headers on every kind of response, the admin under its environment URL, CSRF, and the
sign-in throttle.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from enforcement_portal.roles import Role
from tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SECURITY_SETTINGS = (
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
)


@pytest.fixture
def production(monkeypatch):
    """The production settings module's security values, as override_settings kwargs."""
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret-key-for-the-test-0123456789")
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.gov.cn")
    module = importlib.import_module("enforcement_portal.settings.production")
    module = importlib.reload(module)
    values = {name: getattr(module, name) for name in SECURITY_SETTINGS}
    return {**values, "ALLOWED_HOSTS": ["portal.example.gov.cn", "testserver"]}


def https_client(**kwargs) -> Client:
    # Behind the TLS proxy: the proxy says the request came over HTTPS.
    return Client(HTTP_X_FORWARDED_PROTO="https", **kwargs)


def assert_security_headers(response, *, hsts: bool, static: bool = False) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, csp
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    if static:
        # WhiteNoise answers before the frame-options middleware; a stylesheet cannot be
        # framed anyway, and the CSP's frame-ancestors 'none' above still applies.
        return
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    if hsts:
        hsts_value = response["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts_value
        assert "includeSubDomains" in hsts_value and "preload" in hsts_value


@pytest.mark.django_db
def test_production_responses_carry_every_security_header(production):
    with override_settings(**production):
        client = https_client()
        for path in ("/", reverse("login"), "/no-such-page/", reverse("disclosure:agencies")):
            response = client.get(path, secure=True)
            assert_security_headers(response, hsts=True)


@pytest.mark.django_db
def test_production_redirects_plain_http_to_https(production):
    with override_settings(**production):
        response = Client().get("/", HTTP_HOST="portal.example.gov.cn")
        assert response.status_code == 301
        assert response["Location"] == "https://portal.example.gov.cn/"


@pytest.mark.django_db
def test_production_cookies_are_secure_http_only_and_same_site(production, make_user, agency):
    user = make_user(Role.CASE_OFFICER, agency=agency)
    with override_settings(**production):
        client = https_client()
        client.get(reverse("login"), secure=True)
        csrf = client.cookies["csrftoken"]
        assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
        cache.delete_many([])
        response = client.post(
            reverse("login"), {"username": user.username, "password": TEST_PASSWORD}, secure=True
        )
        assert response.status_code == 302
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
        assert int(session["max-age"]) <= 8 * 3600
    assert production["DEBUG"] is False


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_headers(client, make_user, agency):
    """Pages, errors, JSON, CSV, feeds and downloads: the policy is not only on HTML pages."""
    staff = make_user(Role.AGENCY_FILER, agency=agency)
    anonymous = [
        "/",
        "/no-such-page/",
        reverse("disclosure:open_data_powers", args=["json"]),
        reverse("disclosure:open_data_powers", args=["csv"]),
        reverse("disclosure:decision_feed"),
        reverse("reports:reports"),  # a redirect to sign in
    ]
    for path in anonymous:
        assert_security_headers(client.get(path), hsts=False)
    static = client.get("/static/vendor/bootstrap/bootstrap.min.css")
    assert static.status_code == 200
    assert_security_headers(static, hsts=False, static=True)
    client.force_login(staff)
    for path in (reverse("powers:export") + "?format=csv", reverse("reports:reports")):
        assert_security_headers(client.get(path), hsts=False)  # a download and a 403


def test_the_admin_lives_at_the_url_the_environment_names():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.test",
        "ADMIN_URL": "gov-console-7f3a/",
    }
    code = (
        "import django; django.setup(); from django.urls import reverse, resolve, Resolver404\n"
        "print(reverse('admin:index'))\n"
        "try:\n    resolve('/admin/'); print('admin-still-there')\n"
        "except Resolver404:\n    print('no-default-admin')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/gov-console-7f3a/", "no-default-admin"]


def test_production_refuses_to_start_without_a_secret_key():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS")
    }
    env["DJANGO_SETTINGS_MODULE"] = "enforcement_portal.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_the_admin_is_for_staff_superusers_only(client, make_user, agency):
    index = reverse("admin:index")
    assert client.get(index).status_code == 302  # to the admin's sign-in
    supervisor = make_user(Role.DISCIPLINE_SUPERVISOR)  # a role, but not Django staff
    client.force_login(supervisor)
    response = client.get(index)
    assert response.status_code == 302 and "login" in response["Location"]
    admin = make_user(Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(index).status_code == 200


@pytest.mark.django_db
def test_forms_refuse_a_post_without_the_csrf_token(make_user, agency):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 403
    assert strict.post(reverse("reports_public:report_new"), {}).status_code == 403
    strict.force_login(make_user(Role.AGENCY_FILER, agency=agency))
    response = strict.post(reverse("powers:batch_create"), {"title": "2026年第9批"})
    assert response.status_code == 403
    from powers.models import FilingBatch

    assert not FilingBatch.objects.exists()


@pytest.mark.django_db
def test_sign_in_throttle_does_not_tell_real_accounts_from_made_up_ones(
    client, make_user, settings
):
    cache.clear()
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_DELAY_SECONDS = 600  # the wait outlasts a slow machine
    real = make_user(Role.CASE_OFFICER)
    pages = {}
    for name in (real.username, "no-such-account"):
        for _ in range(3):
            client.post(reverse("login"), {"username": name, "password": "wrong"})
        locked = client.post(reverse("login"), {"username": name, "password": TEST_PASSWORD})
        pages[name] = locked.content.decode()
        assert "登录失败次数过多" in pages[name]
    # The same words for both: a locked page does not reveal whether the account exists.
    assert pages[real.username].count("登录失败次数过多") == pages["no-such-account"].count(
        "登录失败次数过多"
    )
    assert "_auth_user_id" not in client.session
    # Differently written, the same account: case and surrounding spaces do not reset it.
    shouted = client.post(
        reverse("login"), {"username": f"  {real.username.upper()} ", "password": TEST_PASSWORD}
    )
    assert "登录失败次数过多" in shouted.content.decode()
    cache.clear()
