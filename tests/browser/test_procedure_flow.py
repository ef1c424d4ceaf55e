"""In Chromium: an officer runs a case with hearing rights from filing through the notice, the
party's hearing request, the hearing, the collective discussion, the leader's approval and the
service of the decision; the case page's timeline shows every step with its dates.

Two things are done by services, as other tests cover their pages: the on-site record, and the
legal review the hearing makes necessary (oversight). The hearing is scheduled ahead, as the law
wants, then its date is moved to today (time passing), with its notice served 8 working days
before."""

import datetime as dt

import pytest

from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from oversight.legal_review import services as legal
from oversight.models import LegalReview
from tests.browser.confirming import confirm
from tests.browser.picking import pick
from tests.discretion.factories import make_standard
from tests.factories import OfficerFactory, UserFactory
from tests.oversight.legal_factories import checklist, reviewer_for
from tests.workflows.factories import add_record, penalty_power, valid_uscc
from workflows.models import Case, Hearing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.date.today()


def advance(page, expected_node):
    page.click("[data-testid=advance]")
    confirm(page)
    page.wait_for_selector(f"[data-testid=current-node]:has-text('{expected_node}')")


def step(page, testid):
    page.click(f"[data-testid={testid}]")
    page.wait_for_selector("[data-testid=procedure-form]")


def save(page):
    page.click("[data-testid=submit]")
    confirm(page)  # every step names the case and asks first
    page.wait_for_selector("[data-testid=procedure], .invalid-feedback, .alert-block, .alert")
    form = page.locator("[data-testid=procedure-form]")
    assert not form.count(), form.inner_text()


def serve(page, kind, day, **fields):
    step(page, "do-service")
    page.select_option("#id_document_kind", kind)
    page.select_option("#id_method", fields.pop("method", "direct"))
    page.fill("#id_served_on", day.isoformat())
    page.fill("#id_received_on", day.isoformat())
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    save(page)


def test_a_case_with_hearing_rights_through_its_procedure(page, login):
    power = penalty_power()
    make_standard(power=power)
    agency = power.agency
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=agency, display_name="王建华")
    first = OfficerFactory(agency=agency, name="王建华", user=user)
    second = OfficerFactory(agency=agency, name="李秀英")
    host = UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency, display_name="陈静")
    boss = UserFactory(roles=[Role.AGENCY_LEADER], agency=agency, display_name="刘国庆")
    deputy = UserFactory(roles=[Role.AGENCY_LEADER], agency=agency, display_name="张副局长")
    filed = TODAY - dt.timedelta(days=40)
    received = add_workdays(TODAY, -15)
    login(user)

    page.goto("/cases/new/")
    pick(page, "id_power", "过期食品")  # type part of the name, choose it
    page.fill("#id_title", "无证经营肉品案")
    page.select_option("#id_party_kind", "organisation")
    page.fill("#id_party_name", "齐齐哈尔市铁锋肉类批发有限公司")
    page.fill("#id_party_id_number", valid_uscc())
    page.select_option("#id_source", "patrol")
    page.fill("#id_filed_on", filed.isoformat())
    # When the violation happened and was discovered (Art. 36: the limitation period).
    page.fill("#id_violation_on", (filed - dt.timedelta(days=10)).isoformat())
    page.fill("#id_discovered_on", filed.isoformat())
    pick(page, "id_officers", first.name)
    pick(page, "id_officers", second.name)
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=case-number]")
    case = Case.objects.get()
    advance(page, "调查取证")
    add_record(case, user)
    page.reload()
    advance(page, "审查")
    advance(page, "告知")

    # The notice: suspension of business carries hearing rights (Art. 63).
    step(page, "do-notice")
    page.check("input[name=penalty_kinds][value=fine]")
    page.check("input[name=penalty_kinds][value=suspend_business]")
    page.fill("#id_penalty_text", "罚款五千元，责令停业整顿")
    page.fill("#id_fine_amount", "5000")
    page.fill("#id_facts", "当事人销售未经检验检疫的猪肉200公斤。")
    page.fill("#id_reasons", "违反食品安全法第三十四条第八项。")
    page.fill("#id_basis", "《中华人民共和国食品安全法》第一百二十四条第一款")
    page.fill("#id_issued_on", received.isoformat())
    save(page)
    assert "已告知听证权利" in page.inner_text("[data-testid=step-notice]")
    serve(page, "notice", received)
    assert "陈述申辩期限至" in page.inner_text("[data-testid=step-notice]")

    step(page, "do-hearing-request")
    page.fill("#id_requested_on", add_workdays(received, 2).isoformat())
    save(page)
    step(page, "do-hearing-schedule")
    # The host may not be an officer on the case (Art. 64).
    page.fill("#id_hearing_on", add_workdays(TODAY, 10).isoformat())
    page.select_option("#id_host", str(user.pk))
    page.fill("#id_place", "听证室")
    page.click("[data-testid=submit]")
    confirm(page)
    assert "第六十四条" in page.inner_text("[data-testid=procedure-form]")
    page.select_option("#id_host", str(host.pk))
    save(page)

    Hearing.objects.filter(case=case).update(hearing_on=TODAY)  # time passes
    page.reload()
    serve(page, "hearing_notice", add_workdays(TODAY, -8))
    advance(page, "听证")
    step(page, "do-hearing-record")
    page.fill("#id_held_on", TODAY.isoformat())
    page.fill("#id_record_text", "主持人宣布听证开始；调查人员陈述事实；当事人申辩称系初次违法。")
    page.select_option("#id_signature", "signed")
    save(page)
    assert "已举行" in page.inner_text("[data-testid=step-hearing]")
    advance(page, "法制审核")

    review = legal.legal_review_submit(
        case=case,
        user=user,
        draft_decision="拟罚款五千元，责令停业整顿。",
        case_file="立案审批表、现场检查笔录、听证笔录",
    )
    legal.legal_review_conclude(
        review=review,
        user=reviewer_for(agency),
        outcome=LegalReview.Status.AGREED,
        checklist=checklist(),
        opinion="同意",
    )
    # The review was concluded behind the page's back: the page shows the step it now allows.
    page.reload()
    enabled = page.locator("[data-testid=advance]:not([disabled])")
    problems = page.locator("[data-testid=problems]")
    assert enabled.count(), problems.inner_text() if problems.count() else page.content()
    advance(page, "决定")

    page.click("[data-testid=decide]")
    page.wait_for_selector("[data-testid=decision-form]")
    page.select_option("#id_severity", "ordinary")
    page.fill("#id_facts", "当事人销售未经检验检疫的猪肉200公斤，有听证笔录为证。")
    page.fill("#id_evidence", "现场检查笔录、听证笔录。")
    page.check("input[name=penalty_type_codes][value=fine]")
    page.fill("#id_fine_amount", "5000")
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=decision]")
    # A hearing was held: the collective discussion comes before the approval (Art. 57).
    assert "集体讨论" in page.inner_text("[data-testid=step-discussion]")
    step(page, "do-discussion")
    page.fill("#id_held_on", TODAY.isoformat())
    for member in (boss, deputy, host):
        page.check(f"input[name=participants][value='{member.pk}']")
    page.fill("#id_opinions", "与会人员一致认为事实清楚、证据确凿。")
    page.fill("#id_conclusion", "同意罚款五千元。")
    save(page)

    page.context.clear_cookies()
    login(boss)
    page.goto(f"/cases/{case.pk}/")
    step(page, "do-approval")
    page.fill("#id_opinion", "同意。")
    save(page)
    assert "刘国庆" in page.inner_text("[data-testid=step-approval]")

    page.context.clear_cookies()
    login(user)
    page.goto(f"/cases/{case.pk}/")
    advance(page, "送达")
    serve(page, "decision", TODAY, method="post", tracking_number="1151234567890")
    services = page.inner_text("[data-testid=step-service]")
    assert services.count("送达") >= 3 and "邮寄送达" in services

    timeline = page.inner_text("[data-testid=timeline]")
    for text in (
        "立案",
        "行政处罚事先告知书",
        "当事人于",
        "听证定于",
        "举行听证",
        "集体讨论",
        "审批",
        "送达",
        str(received),
        str(TODAY),
    ):
        assert text in timeline, text
