"""In Chromium on the demo city: a case's page is titled with its number, and its breadcrumb
leads back to the case list (the rest of the detail pages: tests/core/test_breadcrumbs.py)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_case_page_names_the_case_and_its_crumb_leads_back(run_login):
    page = run_login("officer")
    page.goto("/cases/")
    first = page.locator("main table tbody a[href^='/cases/']").first
    number = first.inner_text().strip()
    first.click()
    page.wait_for_selector("[data-testid=breadcrumbs]")
    assert number and number in page.title()
    trail = page.locator("[data-testid=breadcrumbs]")
    assert trail.locator("[aria-current=page]").inner_text().strip() == number
    trail.locator("a", has_text="案件办理").click()
    page.wait_for_url("**/cases/")
    assert page.locator(f"main table a:has-text('{number}')").count()
