"""In Chromium: a supervisor reads the dashboard and its SVG chart, drills down from a figure
to the cases behind it and opens one, then handles the warning on that case to the end
(待处置 -> 核查中 -> 已处置 with note and attachment -> 办结), checking state and audit trail."""

import datetime as dt

import pytest
from django.utils import timezone

from enforcement_portal.roles import Role
from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from tests.factories import AgencyFactory, UserFactory
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _first_of_previous_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def test_dashboard_drill_down_and_a_warning_handled_to_the_end(page, login, tmp_path):
    today = timezone.localdate()
    agency = AgencyFactory(code="dash-ui", name="齐齐哈尔市测试执法局")
    power = penalty_power(agency=agency)
    previous = _first_of_previous_month(today)
    open_case(power, filed_on=previous)
    late = open_case(power, title="超期未处理案")
    open_case(power)
    open_case(power)
    Case.objects.exclude(pk=late.pk).update(node_due_on=today + dt.timedelta(days=10))
    Case.objects.filter(pk=late.pk).update(node_due_on=today - dt.timedelta(days=3))
    scan(codes=["case_node_overdue"])
    warning = EarlyWarning.objects.get(rule__code="case_node_overdue")
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR], display_name="周海燕")

    login(supervisor)
    page.goto("/oversight/dashboard/")
    chart = page.locator("[data-testid=trend-chart]")
    assert chart.locator("rect").count() == 12  # one bar per month
    labels = chart.locator("text").all_text_contents()
    assert f"{today.month}月" in labels and f"{previous.month}月" in labels
    # the bar values: three cases this month, one the month before
    values = [t for t in labels if not t.endswith("月")]
    assert values[-1] == "3" and values[-2] == "1"
    heights = [
        float(h)
        for h in chart.locator("rect").evaluate_all("els => els.map(e => e.getAttribute('height'))")
    ]
    assert heights[-1] > heights[-2] > 0 and heights[0] == 0
    assert chart.locator("polyline").count() == 1
    row = page.locator("[data-testid=dashboard-table] tr", has_text=agency.name)
    assert row.locator("td").nth(1).inner_text() == "4"

    page.click(f"[data-testid=drill-overdue-{agency.code}]")
    page.wait_for_selector("[data-testid=case-table]")
    assert "overdue=1" in page.url
    rows = page.locator("[data-testid=case-row]")
    assert rows.count() == 1 and late.number in rows.inner_text()
    rows.locator("a", has_text=late.number).click()
    assert late.number in page.inner_text("[data-testid=case-number]")

    page.goto("/oversight/warnings/")
    page.locator("[data-testid=warning-list] a", has_text=warning.rule.name).first.click()
    page.wait_for_selector("[data-testid=warning-status]")
    assert page.inner_text("[data-testid=warning-status]") == "待处置"
    page.fill("textarea[name=note]", "调取案卷核查超期原因")
    page.click("[data-testid=start-verification]")
    page.wait_for_selector("[data-testid=warning-status]:has-text('核查中')")

    evidence = tmp_path / "约谈记录.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.select_option("#handle-form select[name=handling]", "talk")
    page.fill("#handle-form textarea[name=note]", "已约谈执法局负责人，责令十日内办结")
    page.set_input_files("#handle-form input[name=attachment]", str(evidence))
    page.click("[data-testid=record-handling]")
    page.wait_for_selector("[data-testid=warning-status]:has-text('已处置')")
    page.click("[data-testid=close-warning]")
    page.wait_for_selector("[data-testid=warning-status]:has-text('办结')")

    steps = page.inner_text("[data-testid=warning-actions]")
    assert "调取案卷核查超期原因" in steps and "已约谈执法局负责人" in steps
    assert "约谈记录.pdf" in steps and steps.count("周海燕") == 3
    warning.refresh_from_db()
    assert warning.status == "closed" and warning.handling == "talk"
    assert warning.actions.get(action="handle").attachment.read().startswith(b"%PDF")

    page.click("text=留痕记录")
    history = page.inner_text("[data-testid=audit-history]")
    # Labels, not the codes warning.verify / warning.handle / warning.close.
    for label in ("核实预警", "处置预警", "关闭预警"):
        assert label in history
    assert "warning.verify" not in history
