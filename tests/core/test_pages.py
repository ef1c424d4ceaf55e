"""The public home page, signing in, the desk, error pages and headers, in Chinese first."""

import pytest
from django.test import Client
from django.urls import path, reverse

from enforcement_portal.roles import Role
from enforcement_portal.urls import urlpatterns as portal_urlpatterns
from tests.factories import TEST_PASSWORD


def _boom(request):
    raise RuntimeError("deliberate failure for the 500 page")


urlpatterns = [*portal_urlpatterns, path("boom/", _boom)]
handler500 = "enforcement_portal.views.error_500"
handler404 = "enforcement_portal.views.error_404"


@pytest.mark.django_db
def test_public_home_is_chinese_and_has_no_staff_data(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "行政执法公示" in html and "工作人员登录" in html
    assert "我的工作台" not in html


@pytest.mark.django_db
def test_english_is_available_through_the_language_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Staff sign-in" in html


@pytest.mark.django_db
def test_sign_in_shows_the_desk_with_roles_in_chinese(client, make_user, agency):
    user = make_user(Role.CASE_OFFICER, Role.LEGAL_REVIEWER, agency=agency, display_name="王建华")
    response = client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert 'data-testid="desk"' in html
    assert "王建华，您好" in html
    assert "执法人员" in html and "法制审核人员" in html
    assert agency.name in html


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_chinese_message(client, make_user):
    user = make_user(Role.CASE_OFFICER)
    response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_change_page_requires_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_404_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_pages")
def test_500_page_is_chinese():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


@pytest.mark.django_db
def test_security_headers_and_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="trace-12345678")
    assert response["X-Request-ID"] == "trace-12345678"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


@pytest.mark.django_db
def test_static_assets_are_served_locally(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


@pytest.mark.django_db
def test_chinese_even_when_the_browser_asks_for_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html and "工作人员登录" in html


@pytest.mark.django_db
def test_the_desk_says_what_each_role_does(client, make_user, agency):
    client.force_login(make_user(Role.LEGAL_REVIEWER, agency=agency))
    html = client.get("/").content.decode()
    assert 'data-testid="duties-panel"' in html
    assert "在重大执法决定作出前进行法制审核" in html


@pytest.mark.django_db
def test_visitors_and_staff_each_get_their_own_navigation(client, make_user, agency):
    public_nav = client.get("/").content.decode().split('data-testid="nav"')[1].split("</ul>")[0]
    assert "首页" in public_nav and "我的工作台" not in public_nav
    client.force_login(make_user(Role.CASE_OFFICER, agency=agency))
    staff_nav = client.get("/").content.decode().split('data-testid="nav"')[1].split("</ul>")[0]
    assert "我的工作台" in staff_nav


@pytest.mark.django_db
def test_sign_in_is_throttled_per_account(client, make_user, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_DELAY_SECONDS = 600  # the wait outlasts a slow machine
    user = make_user(Role.CASE_OFFICER)
    for _ in range(3):
        response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
        assert "请输入一个正确的" in response.content.decode()
    locked = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()
    ok = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_the_anonymous_report_pages_send_no_request_id(client):
    """The report views drop the id so a proxy cannot log it beside the reporter's address
    (issue #17, item 7); the middleware still added the header afterwards."""
    from django.urls import reverse

    for name in ("reports_public:report_new", "reports_public:follow"):
        response = client.get(reverse(name), HTTP_X_REQUEST_ID="trace-12345678")
        assert response.status_code == 200
        assert "X-Request-ID" not in response
    assert client.get("/", HTTP_X_REQUEST_ID="trace-12345678")["X-Request-ID"] == "trace-12345678"
