"""The legal-review gate: no major decision without agreement, by service, direct POST or UI."""

import pytest
from django.core.exceptions import ValidationError

from oversight.legal_review import services as svc
from oversight.legal_review.gates import register_legal_review_gate
from oversight.models import LegalReview
from tests.workflows.factories import add_record, advance, decide
from workflows import gates
from workflows.exceptions import GateRefused
from workflows.models import Decision
from workflows.services.cases import case_set_flag

from .legal_factories import conclude, submit, world

pytestmark = pytest.mark.django_db

REFUSAL = ("法制审核", "legal review")


@pytest.fixture(autouse=True)
def _real_gate():
    # workflows' own tests may put the placeholder back; make sure the real gate is in place.
    register_legal_review_gate()


def _refused(exc) -> bool:
    return any(word in str(exc) for word in REFUSAL)


def _to_legal_review_node(w):
    w.case.refresh_from_db()
    for kind in w.case.current_node.required_records or []:
        add_record(w.case, w.handler, kind=kind)
    advance(w.case, w.handler)  # investigation -> review? continue until legal_review
    for _ in range(6):
        w.case.refresh_from_db()
        if w.case.current_node.code == "legal_review":
            return w.case
        for kind in w.case.current_node.required_records or []:
            add_record(w.case, w.handler, kind=kind)
        advance(w.case, w.handler)
    raise AssertionError(w.case.current_node.code)


def test_oversight_replaced_the_placeholder():
    assert gates.registered_gates()["legal_review"].__module__ == "oversight.legal_review.gates"


def test_service_call_is_refused_at_every_step_until_agreement():
    w = world()
    review = submit(w)
    w.case.refresh_from_db()
    assert w.case.is_major and "200000" in w.case.major_reason
    case = _to_legal_review_node(w)
    # No agreement yet: advancing into the decision node is refused and changes nothing.
    with pytest.raises(GateRefused) as exc:
        advance(case, w.handler)
    assert _refused(exc.value)
    case.refresh_from_db()
    assert case.current_node.code == "legal_review"
    # Problems: still refused.
    conclude(review, w.reviewer, LegalReview.Status.PROBLEMS, failed=["facts"])
    with pytest.raises(GateRefused):
        advance(case, w.handler)
    # Resubmitted and agreed: the case enters the decision node and the decision is made.
    second = submit(w)
    assert second.round == 2
    conclude(second, w.reviewer, LegalReview.Status.AGREED)
    advance(case, w.handler)
    assert case.current_node.code == "decision"
    decision = decide(case, w.handler)
    assert decision.case_id == case.pk


def test_decision_make_rechecks_the_gate_for_a_case_made_major_at_the_decision_node():
    w = world()
    case = _to_decision_unreviewed(w)
    with pytest.raises(GateRefused) as exc:
        decide(case, w.handler)
    assert _refused(exc.value)
    assert not Decision.objects.filter(case=case).exists()


def _to_decision_unreviewed(w):
    """A non-major case walks to the decision node, then is marked major there."""
    for _ in range(10):
        w.case.refresh_from_db()
        if w.case.current_node.code == "decision":
            break
        for kind in w.case.current_node.required_records or []:
            add_record(w.case, w.handler, kind=kind)
        advance(w.case, w.handler)
    case = case_set_flag(
        case=w.case, user=w.handler, expected_version=None, flag="is_major", reason="手工标记"
    )
    case.refresh_from_db()
    return case


def test_direct_post_of_a_decision_is_refused(client):
    w = world()
    case = _to_decision_unreviewed(w)
    client.force_login(w.handler)
    response = client.post(
        f"/cases/{case.pk}/decision/",
        {
            "version": case.version,
            "facts": "事实",
            "evidence": "证据",
            "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
            "penalty_types": "罚款",
            "fine_amount": "200000",
            "severity": "ordinary",
        },
        follow=True,
    )
    assert any(word in response.content.decode() for word in REFUSAL)
    assert not Decision.objects.filter(case=case).exists()


def test_ui_advance_is_refused_with_the_reason_shown(client):
    w = world()
    submit(w)
    case = _to_legal_review_node(w)
    client.force_login(w.handler)
    response = client.post(f"/cases/{case.pk}/do/advance/", {"version": case.version}, follow=True)
    assert any(word in response.content.decode() for word in REFUSAL)
    case.refresh_from_db()
    assert case.current_node.code == "legal_review"


def test_leader_ruling_to_proceed_opens_the_gate_and_correct_keeps_it_shut():
    w = world()
    first = submit(w)
    conclude(first, w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    with pytest.raises(ValidationError):  # not yet resubmitted: nothing to escalate
        svc.legal_review_escalate(review=first, user=w.handler, handler_opinion="不同意")
    second = submit(w)
    conclude(second, w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    escalated = svc.legal_review_escalate(
        review=second, user=w.handler, handler_opinion="裁量适当，不同意审核意见"
    )
    assert escalated.status == LegalReview.Status.ESCALATED
    case = _to_legal_review_node(w)
    with pytest.raises(GateRefused):
        advance(case, w.handler)
    with pytest.raises(ValidationError):  # the handler is not the leader
        svc.legal_review_leader_decide(review=second, user=w.handler, ruling="proceed", note="x")
    ruled = svc.legal_review_leader_decide(
        review=second, user=w.leader, ruling="proceed", note="经集体讨论，同意按原拟决定作出"
    )
    assert ruled.leader_id == w.leader.pk and ruled.leader_note.startswith("经集体讨论")
    advance(case, w.handler)
    assert case.current_node.code == "decision"


def test_transfer_keeps_the_gate_shut():
    w = world()
    review = submit(w)
    conclude(review, w.reviewer, LegalReview.Status.TRANSFER, failed=["crime"])
    case = _to_legal_review_node(w)
    with pytest.raises(GateRefused):
        advance(case, w.handler)


def test_non_major_case_passes_without_review():
    w = world()
    for _ in range(10):
        w.case.refresh_from_db()
        if w.case.current_node.code == "decision":
            break
        for kind in w.case.current_node.required_records or []:
            add_record(w.case, w.handler, kind=kind)
        advance(w.case, w.handler)
    assert w.case.current_node.code == "decision" and not w.case.is_major


def test_leader_ruling_to_follow_the_reviewer_keeps_the_gate_shut_until_a_new_agreement():
    w = world()
    conclude(submit(w), w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    second = submit(w)
    conclude(second, w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    svc.legal_review_escalate(review=second, user=w.handler, handler_opinion="不同意")
    svc.legal_review_leader_decide(
        review=second, user=w.leader, ruling="correct", note="采纳法制审核意见，补正后重新送审"
    )
    case = _to_legal_review_node(w)
    with pytest.raises(GateRefused):
        advance(case, w.handler)
    third = submit(w)
    assert third.round == 3
    conclude(third, w.reviewer, LegalReview.Status.AGREED)
    advance(case, w.handler)
    assert case.current_node.code == "decision"


def test_a_decision_harsher_than_the_reviewed_draft_warns_supervisors():
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from oversight.models import EarlyWarning
    from oversight.warnings.engine import scan

    def open_for(case):
        return EarlyWarning.objects.filter(
            rule__code="decision_exceeds_review",
            status__in=EarlyWarning.OPEN,
            subject_id=str(case.pk),
        )

    harsher, same = world(), world()
    for w in (harsher, same):
        conclude(submit(w, fine=Decimal("200000")), w.reviewer, LegalReview.Status.AGREED)
        case = _to_legal_review_node(w)
        advance(case, w.handler)
        assert case.current_node.code == "decision"
    decide(harsher.case, harsher.handler, fine=Decimal("300000"))
    decide(same.case, same.handler, fine=Decimal("200000"))
    now = timezone.now()
    scan(today=timezone.localdate(), now=now, codes=["decision_exceeds_review"])
    warning = open_for(harsher.case).get()
    # Amounts as format_yuan writes them, the same on PostgreSQL and SQLite.
    assert warning.detail == "决定罚款 300,000.00元，法制审核时拟罚款 200,000.00元"
    assert warning.agency_id == harsher.agency.pk and warning.level == "orange"
    assert not open_for(same.case).exists()
    # Escalates to red after three days if nobody deals with it.
    scan(
        today=timezone.localdate(),
        now=now + dt.timedelta(days=4),
        codes=["decision_exceeds_review"],
    )
    assert open_for(harsher.case).get().level == "red"
