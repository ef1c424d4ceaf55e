"""Confirmations before irreversible or public steps (static/js/confirm.js).

Every listed step's button (or link) carries ``data-confirm`` with what will happen and to
whom; in Chromium, on the `make run` demo city, every such control a demo role meets opens
the dialog, Cancel leaves the page as it was, and nothing is sent. The step-by-step browser
tests of each app (powers filing, discretion, legal review, case life, reports, sign-off)
press the dialog's confirm button at each of their steps via tests/browser/confirming.py.
"""

import re
from pathlib import Path

import pytest

from .confirming import fill_required
from .test_zh_ui import DEMO_LOGINS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# (step, template, the control's data-testid)
STEPS = [
    ("submit a batch", "powers/batch_detail.html", "submit-batch"),
    ("register a power", "powers/batch_detail.html", "register"),
    ("abolish a power", "powers/power_detail.html", "abolish"),
    ("submit a standard", "discretion/standard_detail.html", "submit-standard"),
    ("register a standard", "discretion/standard_detail.html", "register-standard"),
    ("submit a process", "workflows/template_detail.html", "submit-template"),
    ("register a process", "workflows/template_detail.html", "register-template"),
    ("decide", "workflows/decision_form.html", "submit"),
    ("move on (serve, execute, ...)", "workflows/case_detail.html", "advance"),
    ("approve an extension", "workflows/case/_limits.html", "approve-extension"),
    ("close a case", "workflows/case_detail.html", "close"),
    ("archive", "workflows/case_detail.html", "archive"),
    ("publish", "disclosure/publication_detail.html", "publish"),
    ("withdraw", "disclosure/publication_detail.html", "withdraw"),
    ("conclude a legal review", "oversight/legal/case_review.html", "submit-{{ action }}"),
    ("conclude a report", "reports/report_detail.html", "conclude"),
    ("decide an identity request", "reports/report_detail.html", "decide-identity"),
    ("reveal an identity", "reports/report_detail.html", "view-identity"),
    ("send a report", "reports/public/report_form.html", "report-submit"),
]


@pytest.mark.parametrize(("step", "template", "testid"), STEPS, ids=[s[0] for s in STEPS])
def test_each_step_carries_its_confirmation(step, template, testid):
    text = (TEMPLATES / template).read_text()
    tags = re.findall(r"<(?:button|a)\b[^>]*data-testid=\"" + re.escape(testid) + r"\"[^>]*>", text)
    assert tags, f"{step}: no control {testid} in {template}"
    assert any("data-confirm=" in tag for tag in tags), f"{step}: no data-confirm on {testid}"


def controls(page) -> list[str]:
    return page.locator("main [data-confirm]:not([disabled])").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.getAttribute('data-testid') || e.textContent.trim())"
    )


def test_every_confirmation_a_demo_role_meets_opens_and_cancels(run_page, run_login):
    page = run_page
    seen: dict[str, str] = {}
    for username in DEMO_LOGINS:
        page.context.clear_cookies()
        run_login(username)
        nav = page.locator("[data-testid=nav] a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        queue, visited = [h for h in nav if h and h.startswith("/")], set()
        for href in list(queue):
            page.goto(href)
            queue += page.locator("main table tbody a[href^='/']").evaluate_all(
                "els => els.slice(0, 2).map(e => e.getAttribute('href'))"
            )
        for href in queue:
            if href in visited or "download" in href or "export" in href:
                continue
            visited.add(href)
            page.goto(href)
            for testid in controls(page):
                if testid in seen:
                    continue
                control = page.locator(f"main [data-testid='{testid}']").first
                if not control.count():
                    continue
                if not fill_required(control):
                    continue
                before = page.url
                control.click()
                dialog = page.locator("[data-testid=confirm-dialog]")
                dialog.wait_for(state="visible")
                text = dialog.locator("[data-testid=confirm-text]").inner_text()
                assert re.search(r"[\u4e00-\u9fff]", text), (href, testid, text)
                page.keyboard.press("Escape")
                dialog.wait_for(state="hidden")
                assert page.url == before, (href, testid)
                seen[testid] = text
    assert len(seen) >= 3, seen
    print("confirmations met in the demo:", sorted(seen))
