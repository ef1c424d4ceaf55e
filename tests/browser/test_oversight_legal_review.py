"""In Chromium: a handler submits a major case for legal review, the reviewer returns it with
problems, the handler resubmits, the reviewer agrees and the case moves into its decision node;
the opinion PDF holds the checklist."""

import subprocess

import pytest

from oversight.legal_review.gates import register_legal_review_gate
from oversight.models import CHECKLIST, LegalReview
from tests.oversight.legal_factories import walk_to, world

from .confirming import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, login, user):
    page.context.clear_cookies()
    login(user)


def _submit(page, case, draft):
    page.goto(f"/oversight/legal/?case={case.number}")
    page.wait_for_selector("[data-testid=form-submit]")
    page.fill("#id_draft_decision", draft)
    page.fill("#id_case_file", "立案审批表、现场检查笔录、询问笔录、证据清单")
    page.fill("#id_proposed_fine", "200000")
    page.click("[data-testid=submit-submit]")


def _review(page, case, outcome, failed=()):
    page.goto(f"/oversight/legal/cases/{case.pk}/")
    page.wait_for_selector("[data-testid=form-conclude]")
    for code, _label in CHECKLIST:
        value = "0" if code in failed else "1"
        page.check(f"input[name={code}_passed][value='{value}']")
        if code in failed:
            page.fill(f"#id_{code}_note", "罚款数额的裁量理由未说明")
    page.check(f"input[name=outcome][value={outcome}]")
    page.fill("#id_opinion", "经审核，提出如下意见。")
    page.click("[data-testid=submit-conclude]")
    confirm(page)


def test_major_case_reviewed_twice_then_decided(page, login, live_server, tmp_path):
    register_legal_review_gate()
    w = world()
    case = w.case
    # The case waits at the legal-review node only once it is major; walk it there by UI later.
    _as(page, login, w.handler)
    _submit(page, case, "拟对当事人罚款二十万元。")
    page.wait_for_selector("[data-testid=review-round-1]")
    assert "罚款200000" in page.inner_text(
        "[data-testid=major-status]"
    ) or "200000" in page.inner_text("[data-testid=major-status]")

    _as(page, login, w.reviewer)
    _review(page, case, "problems", failed=["law"])
    page.wait_for_selector("[data-testid=review-round-1] [data-testid=checklist]")
    assert "存在问题" in page.inner_text("[data-testid=review-round-1] [data-testid=review-status]")

    walk_to(w, "legal_review")  # records and moves up to the legal-review node
    _as(page, login, w.handler)
    page.goto(f"/cases/{case.pk}/")
    # Until the reviewer agrees, the move into the decision node is refused with the reason.
    assert "法制审核" in page.inner_text("[data-testid=current-node]")
    assert page.locator("[data-testid=advance]").is_disabled()
    assert "法制审核" in page.inner_text("[data-testid=problems]")

    _submit(page, case, "拟对当事人罚款十五万元，已说明裁量理由。")
    page.wait_for_selector("[data-testid=review-round-2]")

    _as(page, login, w.reviewer)
    _review(page, case, "agreed")
    page.wait_for_selector("[data-testid=review-round-2] [data-testid=checklist]")
    assert "同意" in page.inner_text("[data-testid=review-round-2] [data-testid=review-status]")
    review = LegalReview.objects.get(case=case, round=2)
    pdf = page.request.get(f"/oversight/legal/reviews/{review.pk}/opinion.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "opinion.pdf"
    path.write_bytes(pdf.body())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "法制审核意见书" in text and "执法主体合法" in text and "不涉嫌犯罪" in text
    assert "同意" in text

    _as(page, login, w.handler)
    page.goto(f"/cases/{case.pk}/")
    page.click("[data-testid=advance]")
    confirm(page)
    page.wait_for_selector("[data-testid=current-node]:has-text('决定')")
    case.refresh_from_db()
    assert case.current_node.code == "decision"


def test_disagreement_goes_to_the_leader_whose_ruling_is_recorded(page, login, live_server):
    register_legal_review_gate()
    w = world()
    case = w.case
    for round_no in (1, 2):
        _as(page, login, w.handler)
        _submit(page, case, f"拟对当事人罚款二十万元（第{round_no}次送审）。")
        page.wait_for_selector(f"[data-testid=review-round-{round_no}]")
        _as(page, login, w.reviewer)
        _review(page, case, "problems", failed=["law"])
        page.wait_for_selector(f"[data-testid=review-round-{round_no}] [data-testid=checklist]")

    _as(page, login, w.handler)
    page.goto(f"/oversight/legal/cases/{case.pk}/")
    page.fill("#id_handler_opinion", "当事人违法所得数额大，罚款在法定幅度内，裁量适当。")
    page.click("[data-testid=submit-escalate]")
    page.wait_for_selector("text=裁量适当")

    _as(page, login, w.leader)
    page.goto(f"/oversight/legal/cases/{case.pk}/")
    assert "罚款数额的裁量理由未说明" in page.content() and "裁量适当" in page.content()
    page.check("input[name=ruling][value=proceed]")
    page.fill("#id_note", "经机关负责人集体讨论，同意承办机构意见。")
    page.click("[data-testid=submit-rule]")
    confirm(page)
    page.wait_for_selector("[data-testid=leader-decision]")
    assert "同意承办机构意见" in page.inner_text("[data-testid=leader-decision]")

    walk_to(w, "decision")  # the gate now lets the case into its decision node
    case.refresh_from_db()
    assert case.current_node.code == "decision"
    review = LegalReview.objects.get(case=case, round=2)
    assert review.leader_id == w.leader.pk and review.leader_ruling == "proceed"
