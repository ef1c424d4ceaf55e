"""Accessibility (无障碍环境建设法; WCAG 2.1 AA): axe-core, served from the test's own copy
(tests/browser/vendor/axe-core), finds no serious or critical violation on any public page
nor on any demo role's desk; the public report form and the sign-in form work by keyboard."""

import pytest

from .axe import violations
from .confirming import fill_required
from .makerun import DEMO_PASSWORD
from .test_phones import public_pages
from .test_zh_ui import DEMO_LOGINS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_public_page_passes_axe(run_page):
    pages = public_pages(run_page)
    assert len(pages) >= 10
    problems = {}
    for href in pages:
        run_page.goto(href)
        found = violations(run_page)
        if found:
            problems[href] = found
    assert problems == {}, problems


def test_every_roles_desk_passes_axe(run_page, run_login):
    problems = {}
    for username in DEMO_LOGINS:
        run_page.context.clear_cookies()
        run_login(username)
        found = violations(run_page)
        if found:
            problems[username] = found
    assert problems == {}, problems


def test_sign_in_by_keyboard_alone(run_page):
    page = run_page
    page.goto("/accounts/login/")
    page.focus("input[name=username]")
    page.keyboard.type("supervisor")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=desk]")


def test_confirmation_dialog_by_keyboard(run_page, run_login):
    """Tab reaches a confirmed step's button, Enter opens the dialog with focus on confirm,
    Escape cancels and gives focus back to the button."""
    page = run_login("publicity")
    hrefs = []
    for status in ("published", "draft"):  # withdrawing a published one, publishing a draft
        page.goto(f"/disclosure/publications/?status={status}")
        links = page.locator("main table tbody a[href^='/disclosure/publications/']")
        hrefs += links.evaluate_all("els => els.map(e => e.getAttribute('href'))")[:10]
    for href in hrefs:
        page.goto(href)
        button = page.locator("main [data-confirm]:not([disabled])").first
        if button.count() and fill_required(button):
            break
    else:
        raise AssertionError(f"no publication with a confirmed step among {hrefs}")
    button.focus()
    page.keyboard.press("Enter")
    page.locator("[data-testid=confirm-dialog]").wait_for(state="visible")
    assert page.evaluate("document.activeElement.dataset.testid") == "confirm-ok"
    page.keyboard.press("Escape")
    page.locator("[data-testid=confirm-dialog]").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.hasAttribute('data-confirm')")
