"""In Chromium: an officer sees the inbox count, opens a reminder, acts on the case and the
reminder is marked done; a leader receives an escalation; a supervisor's digest lists the
day's red warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from oversight.inbox.digest import digests_send
from oversight.inbox.models import Message
from oversight.models import EarlyWarning, Level
from oversight.reminders.escalation import escalations_send
from oversight.reminders.services import reminders_send
from oversight.warnings.engine import scan
from tests.browser.confirming import confirm
from tests.factories import UserFactory
from tests.oversight.reminder_factories import case_due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DONE = ("Done", "已办")


def _sign_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-Secret-2026")
    page.click("#login-form [type=submit]")
    page.wait_for_selector("[data-testid=desk]")
    return context, page


def test_officer_acts_on_a_reminder_and_it_is_done(browser, live_server):
    today = timezone.localdate()
    case = case_due(today + dt.timedelta(days=80), node_due=add_workdays(today, 1))
    officer = case.officers.first().user
    reminders_send()
    assert Message.objects.filter(recipient=officer, kind="case_node_due").count() == 1

    context, page = _sign_in(browser, live_server, officer)
    assert page.inner_text("[data-testid=inbox-count]").strip() == "1"
    page.click("[data-testid=inbox-link]")
    row = page.locator("[data-testid=inbox-row][data-kind=case_node_due]")
    row.locator("a").click()
    assert case.number in page.inner_text("[data-testid=message-text]")
    assert page.inner_text("[data-testid=inbox-count]").strip() == "0"  # read now
    page.click("[data-testid=message-object]")
    page.wait_for_selector("[data-testid=advance]")
    page.click("[data-testid=advance]")
    confirm(page)
    page.click("[data-testid=inbox-link]")
    states = page.locator(
        "[data-testid=inbox-row][data-kind=case_node_due] [data-testid=inbox-state]"
    ).all_inner_texts()
    assert states and states[0].strip() in DONE
    assert Message.objects.get(recipient=officer, kind="case_node_due").done_at is not None
    context.close()


def test_a_leader_is_escalated_to_and_a_supervisor_reads_the_digest(browser, live_server):
    today = timezone.localdate()
    case = case_due(today - dt.timedelta(days=2))  # past the 90-day limit, undecided
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=case.agency)
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    scan()
    warning = EarlyWarning.objects.get(rule__code="case_decision_overdue")
    escalations_send()

    context, page = _sign_in(browser, live_server, leader)
    assert int(page.inner_text("[data-testid=inbox-count]").strip()) >= 1
    page.click("[data-testid=inbox-link]")
    page.locator("[data-testid=inbox-row][data-category=escalation]").first.locator("a").click()
    assert case.number in page.inner_text("[data-testid=message-text]")
    page.click("[data-testid=message-object]")
    page.wait_for_url(f"**/oversight/warnings/{warning.pk}/")
    context.close()

    EarlyWarning.objects.filter(pk=warning.pk).update(level=Level.RED)
    digests_send()
    context, page = _sign_in(browser, live_server, supervisor)
    page.click("[data-testid=inbox-link]")
    page.locator("[data-testid=inbox-row][data-category=digest]").first.locator("a").click()
    text = page.inner_text("[data-testid=message-text]")
    assert case.number in text and warning.rule.name in text
    context.close()
