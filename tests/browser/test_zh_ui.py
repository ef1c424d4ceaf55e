"""Nothing English in the Chinese UI: every demo role's staff pages, walked in Chromium in
Chinese on the `make run` demo city, show labels, never raw audit action codes."""

import re

import pytest

from enforcement_portal.action_labels import ACTION_LABELS, WARNING_STEP_LABELS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every demo login the README lists.
DEMO_LOGINS = [
    "filer",
    "env_filer",
    "officer",
    "officer2",
    "reviewer",
    "registrar",
    "leader",
    "publicity",
    "env_publicity",
    "safety_publicity",
    "supervisor",
    "handler",
    "handler2",
    "admin",
]
RAW_CODE = re.compile(
    r"(?<![\w./-])(?:" + "|".join(re.escape(c) for c in ACTION_LABELS) + r")(?![\w.-])"
)
DETAILS_PER_LIST = 1


def raw_codes(page) -> list[str]:
    text = page.locator("main").inner_text()
    found = RAW_CODE.findall(text)
    steps = page.locator(".timeline-item").all_inner_texts()
    found += [s for s in steps for code in WARNING_STEP_LABELS if f" {code} " in f" {s} "]
    return found


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_staff_pages_show_no_raw_action_codes(run_login, make_run, username):
    page = run_login(username)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    nav = [
        href
        for href in page.locator("[data-testid=nav] a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        if href and href.startswith("/")
    ]
    visited, problems = set(), {}
    queue = ["/", *nav]
    for href in queue:
        if href in visited:
            continue
        visited.add(href)
        response = page.goto(href)
        assert response.status < 500, href
        found = raw_codes(page)
        if found:
            problems[href] = found
        history = page.locator("main a[href^='/history/']")
        if history.count():
            queue.append(history.first.get_attribute("href"))
        if href in nav:
            # One detail page from each list (where the audit timeline usually is).
            details = page.locator("main table tbody a[href^='/']")
            for link in details.evaluate_all("els => els.map(e => e.getAttribute('href'))")[
                :DETAILS_PER_LIST
            ]:
                if "download" not in link and "export" not in link and link not in visited:
                    queue.append(link)
    assert problems == {}, problems
    assert len(visited) >= 2
