"""In a real Chromium: a visitor sees the public home page; each role signs in to its desk."""

import pytest

from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_sees_public_home_in_chinese(page):
    page.goto("/")
    home = page.locator("[data-testid=public-home]")
    assert "行政执法" in home.inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("[data-testid=login-link]").is_visible()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_to_its_desk(page, login, role):
    agency = None if role in (Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN) else AgencyFactory()
    user = UserFactory(roles=[role], agency=agency, display_name="测试用户")
    login(user)
    roles_text = page.locator("[data-testid=roles]").inner_text()
    assert str(role.label) in roles_text
    whoami = page.locator("[data-testid=whoami]").inner_text()
    assert "测试用户" in whoami
    if agency:
        assert agency.name in whoami
    page.click("[data-testid=logout]")
    page.wait_for_selector("[data-testid=public-home]")
