"""In Chromium: an officer opens a case on a registered penalty power with two certified officers,
records evidence, decides, generates the decision PDF, records payment, closes and archives it;
the timeline shows every step."""

import datetime as dt

import pytest

from enforcement_portal.roles import Role
from tests.discretion.factories import make_standard
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import (
    approve_decision,
    penalty_power,
    ready_for_decision,
    valid_uscc,
)
from workflows.models import Case

from .confirming import confirm
from .picking import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 500


def advance(page, expected_node):
    page.click("[data-testid=advance]")
    confirm(page)
    page.wait_for_selector(f"[data-testid=current-node]:has-text('{expected_node}')")


def test_whole_life_of_a_case(page, login, tmp_path):
    power = penalty_power()
    make_standard(power=power)  # the registered discretion standard the calculator applies
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=power.agency, display_name="王建华")
    first = OfficerFactory(agency=power.agency, name="王建华", user=user)
    second = OfficerFactory(agency=power.agency, name="李秀英")
    login(user)

    page.goto("/cases/new/")
    pick(page, "id_power", "过期食品")  # type part of the name, choose it
    page.fill("#id_title", "销售过期食品案")
    page.select_option("#id_party_kind", "organisation")
    page.fill("#id_party_name", "齐齐哈尔市鹤城百货有限公司")
    page.fill("#id_party_id_number", valid_uscc())
    page.fill("#id_party_address", "齐齐哈尔市龙沙区卜奎大街1号")
    page.select_option("#id_source", "complaint")
    page.fill("#id_filed_on", dt.date.today().isoformat())
    page.fill("#id_violation_on", (dt.date.today() - dt.timedelta(days=10)).isoformat())
    page.fill("#id_discovered_on", dt.date.today().isoformat())
    pick(page, "id_officers", first.name)
    pick(page, "id_officers", second.name)
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=case-number]")
    case = Case.objects.get()
    assert case.number in page.inner_text("[data-testid=case-number]")
    assert "立案" in page.inner_text("[data-testid=current-node]")

    advance(page, "调查取证")
    # The node requires an on-site record: the move is offered only once it is there.
    assert page.locator("[data-testid=advance]").is_disabled()
    page.click("[data-testid=add-record]")
    page.select_option("#id_kind", "on_site")
    page.fill("#id_title", "现场检查笔录")
    page.fill("#id_content", "执法人员出示执法证件，当事人货架上有过期牛奶12盒。")
    page.fill("#id_place", "鹤城百货一楼")
    page.check(f"input[name=officers][value='{first.pk}']")
    page.check(f"input[name=officers][value='{second.pk}']")
    page.select_option("#id_signature", "signed")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=record-row]")
    page.click("[data-testid=add-record]")
    page.select_option("#id_kind", "photo")
    page.fill("#id_title", "现场照片")
    page.fill("#id_place", "鹤城百货一楼")
    page.check(f"input[name=officers][value='{first.pk}']")
    page.select_option("#id_signature", "na")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(JPEG)
    page.set_input_files("#id_upload", str(photo))
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=record-file]")
    evidence = page.request.get(page.get_attribute("[data-testid=record-file]", "href"))
    assert evidence.status == 200 and evidence.body() == JPEG

    advance(page, "审查")
    advance(page, "告知")
    page.click("[data-testid=generate-notice]")
    page.wait_for_selector("[data-testid=download-notice]")
    ready_for_decision(
        case, user
    )  # notice served and waived (tests/browser/test_procedure_flow.py)
    page.reload()
    advance(page, "决定")

    page.click("[data-testid=decide]")
    page.wait_for_selector("[data-testid=decision-form]")
    page.select_option("#id_severity", "ordinary")
    page.click("[data-testid=recommend]")
    recommendation = page.inner_text("[data-testid=recommendation]")
    assert "第3档" in recommendation and "5,000.00元" in recommendation
    page.fill("#id_facts", "当事人销售超过保质期的牛奶12盒。")
    page.fill("#id_evidence", "现场检查笔录、现场照片。")
    page.check("input[name=penalty_type_codes][value=fine]")
    page.fill("#id_fine_amount", "5000")
    page.click("[data-testid=submit]")
    assert "决定书送达当事人" in confirm(page)
    page.wait_for_selector("[data-testid=decision]")
    decision_text = page.inner_text("[data-testid=decision]")
    assert "人民币伍仟元整" in decision_text

    page.click("[data-testid=generate-decision]")
    page.wait_for_selector("[data-testid=download-decision]")
    pdf = page.request.get(page.get_attribute("[data-testid=download-decision]", "href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    approve_decision(case)  # by the agency leader (Art. 57)
    page.reload()
    advance(page, "送达")
    advance(page, "执行")
    page.click("[data-testid=record-payment]")
    page.fill("#id_bank_receipt_number", "ICBC-2026-000123")
    page.fill("#id_bank_name", "中国工商银行齐齐哈尔分行")
    page.fill("#id_amount", "5000")
    page.fill("#id_paid_on", dt.date.today().isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=payment]")
    advance(page, "结案")
    page.click("[data-testid=close]")
    confirm(page)
    page.wait_for_selector("[data-testid=archive-due]")
    page.click("[data-testid=archive]")
    confirm(page)
    page.wait_for_selector("[data-testid=case-status]:has-text('已归档')")

    timeline = page.inner_text("[data-testid=timeline]")
    for step in ("立案", "现场检查笔录", "现场照片", "决定", "行政处罚决定书", "ICBC-2026-000123"):
        assert step in timeline, step
    assert page.locator("[data-testid=timeline-item]").count() >= 15
    case.refresh_from_db()
    assert case.status == "archived" and case.decision.fine_amount == 5000
