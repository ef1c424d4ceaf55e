"""In Chromium: a discipline supervisor records a check with a finding, the inspected agency's
leader reports the rectification with a file, the supervisor verifies it; the monthly report
counts it."""

import datetime as dt

import pytest
from django.utils import timezone

from oversight.models import Finding, SupervisionRecord
from tests.factories import AgencyFactory
from tests.oversight.supervision_factories import discipline_unit, leader, supervisor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_check_its_finding_and_the_rectification_verified(page, login, tmp_path):
    unit = discipline_unit()
    agency = AgencyFactory(name="齐齐哈尔市测试交通局")
    sup, boss = supervisor(unit), leader(agency)
    today = timezone.localdate()

    login(sup)
    page.goto("/oversight/supervision/")
    page.click("[data-testid=new-record]")
    assert page.locator("#id_unit").input_value() == str(unit.pk)
    page.select_option("#id_agency", str(agency.pk))
    page.select_option("#id_method", "special")
    page.fill("#id_matters", "专项检查超限运输罚款执行情况")
    page.click("[data-testid=save-record]")
    page.wait_for_selector("[data-testid=record-summary]")
    assert "专项检查超限运输罚款执行情况" in page.inner_text("[data-testid=record-summary]")

    page.select_option("#finding-form select[name=kind]", "discretion")
    page.fill("#finding-form textarea[name=description]", "对同类超限行为罚款金额差异较大")
    page.fill("#finding-form textarea[name=requirement]", "统一适用裁量基准并报送整改报告")
    page.fill("#finding-form input[name=deadline]", (today + dt.timedelta(days=15)).isoformat())
    page.click("[data-testid=add-finding]")
    page.wait_for_selector("[data-testid=finding-status]")
    assert page.inner_text("[data-testid=finding-status]") == "整改中"
    record = SupervisionRecord.objects.get()

    page.context.clear_cookies()
    login(boss)
    page.goto(f"/oversight/supervision/{record.pk}/")
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.fill("textarea[name=note]", "已统一适用裁量基准，复查案件12件")
    page.set_input_files("input[name=attachment]", str(report))
    page.click("[data-testid=report-rectification]")
    page.wait_for_selector("[data-testid=finding-status]:has-text('已报整改')")
    assert page.locator("a", has_text="整改报告.pdf").count() == 1
    assert page.locator("[data-testid=verify-finding]").count() == 0

    page.context.clear_cookies()
    login(sup)
    page.goto(f"/oversight/supervision/{record.pk}/")
    page.fill("input[name=note]", "经核查整改到位")
    page.click("[data-testid=verify-finding]")
    page.wait_for_selector("[data-testid=finding-status]:has-text('已整改')")
    assert Finding.objects.get().status == Finding.Status.RECTIFIED
    history = page.inner_text("[data-testid=audit-history]")
    from django.utils import translation

    from enforcement_portal.action_labels import action_label

    for action in ("supervision.create", "supervision.finding_add", "supervision.rectify"):
        with translation.override("zh-hans"):
            label = str(action_label(action))
        assert label in history and action not in history  # shown in words, not as a code

    page.goto("/oversight/supervision/")
    page.click("[data-testid=monthly-link]")
    page.wait_for_selector("[data-testid=monthly-report]")
    text = page.inner_text("[data-testid=monthly-report]")
    assert "共开展监督检查1次，涉及执法机关1个，发现问题1个" in text
