"""In Chromium, after the decision: a fine paid late with its surcharge (split into fine and
surcharge on the case page); a fine never paid, through the 催告书 to the application to the
court."""

import datetime as dt

import pytest

from tests.browser.confirming import confirm
from tests.workflows.execution_helpers import at_execution
from workflows import deadlines
from workflows.balance import enforcement_window
from workflows.models import CourtApplication, Payment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fine_paid_late_with_its_surcharge(page, login):
    case, user = at_execution(days_ago=40, received_days_ago=39)
    due = case.decision.performance_due_on
    login(user)
    page.goto(f"/cases/{case.pk}/")
    assert deadlines.payment_due(case.decision.received_on) == due
    assert f"{due.year}年{due.month}月{due.day}日" in page.inner_text("[data-testid=pay-by]")
    late = (dt.date.today() - due).days
    assert f"{min(30 * late, 1000):,}.00" in page.inner_text("[data-testid=surcharge]")

    page.click("[data-testid=record-payment]")
    page.fill("#id_bank_receipt_number", "ICBC-2026-000777")
    page.fill("#id_bank_name", "中国工商银行齐齐哈尔分行")
    page.fill("#id_paid_on", (due + dt.timedelta(days=5)).isoformat())
    page.fill("#id_amount", "1000")  # the fine alone is accepted, the surcharge stays owed
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=payment]")
    assert "150.00" in page.inner_text("[data-testid=owed]")

    page.click("[data-testid=record-payment]")
    page.fill("#id_bank_receipt_number", "ICBC-2026-000778")
    page.fill("#id_bank_name", "中国工商银行齐齐哈尔分行")
    page.fill("#id_paid_on", dt.date.today().isoformat())
    page.fill("#id_amount", "150.01")
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("#id_amount.is-invalid, .invalid-feedback")
    assert "150.00" in page.inner_text("[data-testid=case-form]")
    page.fill("#id_amount", "150")
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=payment] >> nth=1")
    rows = page.inner_text("[data-testid=payments]")
    assert "1,000.00" in rows and "150.00" in rows
    assert "0.00" in page.inner_text("[data-testid=owed]")
    case.refresh_from_db()
    assert case.status == "executed"
    parts = sorted(Payment.objects.filter(case=case).values_list("fine_part", "surcharge_part"))
    assert [(float(f), float(s)) for f, s in parts] == [(0, 150), (1000, 0)]
    assert "ICBC-2026-000778" in page.inner_text("[data-testid=timeline]")


def test_a_fine_never_paid_through_the_urge_to_the_court(page, login):
    case, user = at_execution(days_ago=230, received_days_ago=229)
    opens, closes = enforcement_window(case.decision)
    login(user)
    page.goto(f"/cases/{case.pk}/")
    window = page.inner_text("[data-testid=court-window]")
    assert f"{closes.year}年{closes.month}月{closes.day}日" in window
    assert str((closes - dt.date.today()).days) in window

    page.click("[data-testid=record-urge]")
    page.fill("#id_number", "齐市监催〔2026〕1号")
    page.fill("#id_issued_on", (opens - dt.timedelta(days=1)).isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector(".invalid-feedback")  # before the periods ended: refused
    page.fill("#id_issued_on", opens.isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=urge]")
    assert "尚未送达" in page.inner_text("[data-testid=urge]")
    # Served through its service record (送达回证); its receipt starts the 10 days.
    page.click("[data-testid=serve-urge]")
    assert page.input_value("#id_document_kind") == "urge"
    page.select_option("#id_method", "direct")
    page.fill("#id_served_on", opens.isoformat())
    page.fill("#id_received_on", (opens + dt.timedelta(days=1)).isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=procedure]")
    period_ends = deadlines.urge_period_ends(opens + dt.timedelta(days=1))
    assert f"{period_ends.month}月{period_ends.day}日" in page.inner_text("[data-testid=urge]")

    page.click("[data-testid=apply-court]")
    page.fill("#id_court", "齐齐哈尔市龙沙区人民法院")
    page.fill("#id_applied_on", period_ends.isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector(".invalid-feedback")  # within the 10 days: refused
    page.fill("#id_applied_on", (period_ends + dt.timedelta(days=1)).isoformat())
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=court]")
    assert "齐齐哈尔市龙沙区人民法院" in page.inner_text("[data-testid=court]")
    application = CourtApplication.objects.get(case=case)
    assert application.applied_on == period_ends + dt.timedelta(days=1)
    timeline = page.inner_text("[data-testid=timeline]")
    assert "齐市监催〔2026〕1号" in timeline and "齐齐哈尔市龙沙区人民法院" in timeline
