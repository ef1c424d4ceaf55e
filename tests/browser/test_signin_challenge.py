"""In a real Chromium: after failed sign-ins the form carries a proof-of-work check, which the
page's own script (static/js/challenge.js, no CDN) solves before sending (issue #17, item 7)."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def throttled(settings):
    cache.clear()
    settings.LOGIN_CHALLENGE_AFTER = 1
    settings.LOGIN_CHALLENGE_BITS = 12
    yield
    cache.clear()


def test_the_browser_solves_the_sign_in_check_after_a_failure(page, live_server, throttled):
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=AgencyFactory(), display_name="测试用户")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto("/accounts/login/")
    assert page.locator("input[name=challenge]").get_attribute("value") in (None, "")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "wrong-password")
    page.click("#login-form [type=submit]")
    page.wait_for_selector("#login-form .alert, #login-form .invalid-feedback, .alert-danger")
    token = page.locator("input[name=challenge]")
    assert token.get_attribute("value")  # the check is due now
    assert token.get_attribute("data-bits") == "12"
    page.fill("input[name=password]", "pw-Secret-2026")
    page.click("#login-form [type=submit]")
    page.wait_for_selector("[data-testid=desk]")
    assert "测试用户" in page.locator("[data-testid=whoami]").inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
