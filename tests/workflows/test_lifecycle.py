"""The whole life of a case through services: nodes, records, decision, payment, close, archive."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.factories import UserFactory
from workflows.exceptions import GateRefused
from workflows.models import NumberPattern
from workflows.services.cases import case_resume, case_set_flag
from workflows.services.execution import case_archive, case_close, payment_record
from workflows.services.limits import extension_decide, extension_request, suspension_start
from workflows.services.templates import template_ensure_ready_made

from .factories import (
    DecisionFactory,
    add_record,
    advance,
    case_officer,
    decide,
    open_case,
    penalty_power,
    to_node,
)

pytestmark = pytest.mark.django_db


def test_a_case_runs_from_filing_to_archive_and_every_step_is_on_the_timeline():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    # Leaving investigation requires an on-site record.
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "investigation"
    with pytest.raises(GateRefused) as exc:
        advance(case, user)
    assert "现场笔录" in str(exc.value) or "On-site" in str(exc.value)
    assert audit_history(case).filter(action="case.advance_refused").exists()
    add_record(case, user)
    case = to_node(case, user, "decision")
    # Hearing, legal review and seizure were skipped: not requested, not major, no coercion.
    visited = list(case.visits.values_list("node__code", flat=True))
    assert visited == ["filing", "investigation", "review", "notice", "decision"]
    decision = decide(case, user)
    assert decision.number == f"{power.agency.short_name}罚〔{decision.decided_on.year}〕1号"
    case = to_node(case, user, "execution")
    with pytest.raises(GateRefused):
        advance(case, user)  # the fine is not paid yet
    case.refresh_from_db()
    payment_record(
        case=case,
        user=user,
        expected_version=case.version,
        bank_receipt_number="ICBC-2026-000123",
        bank_name="中国工商银行齐齐哈尔分行",
        amount=Decimal("5000.00"),
        paid_on=dt.date.today(),
    )
    case = to_node(case, user, "closing")
    case = case_close(case=case, user=user, expected_version=case.version)
    assert case.status == "closed"
    assert case.current_node.code == "archiving"
    assert case.archive_due_on == case.closed_on + dt.timedelta(days=15)
    case = case_archive(case=case, user=user, expected_version=case.version)
    assert case.status == "archived"
    kinds = list(case.events.values_list("kind", flat=True))
    for expected in ("open", "advance", "record", "decision", "payment", "close", "archive"):
        assert expected in kinds
    actions = set(audit_history(case).values_list("action", flat=True))
    assert {"case.open", "case.advance", "decision.make", "payment.record"} <= actions


def test_hearing_node_appears_only_when_requested_and_needs_its_record():
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "notice")
    case = case_set_flag(
        case=case, user=user, expected_version=case.version, flag="hearing_requested"
    )
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "hearing"
    with pytest.raises(GateRefused):
        advance(case, user)
    add_record(case, user, kind="hearing", title="听证笔录")
    advance(case, user)
    case.refresh_from_db()
    assert case.current_node.code == "decision"


def test_payment_beyond_what_is_owed_is_refused_less_stays_open_and_receipts_are_unique():
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "execution")

    def pay(receipt, amount):
        case.refresh_from_db()
        return payment_record(
            case=case,
            user=user,
            expected_version=case.version,
            bank_receipt_number=receipt,
            bank_name="银行",
            amount=Decimal(amount),
            paid_on=dt.date.today(),
        )

    with pytest.raises(ValidationError) as exc:
        pay("R0", "5000.01")
    assert "amount" in exc.value.message_dict
    pay("R1", "10")
    case.refresh_from_db()
    assert case.status == "decided"  # 4,990 yuan still owed
    with pytest.raises(ValidationError) as exc:
        pay("R1", "10")
    assert "bank_receipt_number" in exc.value.message_dict


def test_decision_numbers_follow_the_agency_pattern_and_never_repeat():
    power = penalty_power()
    NumberPattern.objects.create(agency=power.agency, decision_prefix="齐市监罚")
    user = case_officer(power.agency)
    decisions = DecisionFactory.create_batch(2, case__power=power, case__user=user)
    numbers = [decision.number for decision in decisions]
    year = dt.date.today().year
    assert numbers == [f"齐市监罚〔{year}〕1号", f"齐市监罚〔{year}〕2号"]


def test_no_penalty_decision_and_deviation_reason_rule():
    decision = DecisionFactory(
        fine_amount=None,
        no_penalty=True,
        penalty_types="",
        outcome_reason="no_fault",  # a no-penalty decision records its reason (#19)
        outcome_note="供货商伪造检验合格证明，当事人已尽查验义务。",
    )
    assert decision.no_penalty and decision.fine_amount is None and not decision.is_deviation


def test_extension_approved_by_the_leader_moves_due_dates():
    power = penalty_power()
    user = case_officer(power.agency)
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=power.agency)
    case = open_case(power, user=user, filed_on=dt.date(2026, 9, 1))
    before_node, before_decision = case.node_due_on, case.decision_due_on
    ext = extension_request(case=case, user=user, days=10, reason="案情复杂")
    case.refresh_from_db()
    assert case.decision_due_on == before_decision  # nothing moves before approval
    extension_decide(extension=ext, user=leader, approve=True)
    case.refresh_from_db()
    assert case.decision_due_on == before_decision + dt.timedelta(days=10)
    assert case.node_due_on > before_node
    assert case.status == "open"
    suspension_start(case=case, user=user, expected_version=case.version, reason="等待检验结果")
    case.refresh_from_db()
    assert case.status == "suspended"
    with pytest.raises(GateRefused):
        advance(case, user)
    case_resume(case=case, user=user, expected_version=case.version)
    case.refresh_from_db()
    assert case.status == "open"
    assert {"extension", "suspension", "resume"} <= set(case.events.values_list("kind", flat=True))


def test_on_the_spot_fine_is_capped_by_art_51():
    from workflows.models import ProcessTemplate

    power = penalty_power()
    user = case_officer(power.agency)
    simplified = template_ensure_ready_made(kind=ProcessTemplate.Kind.SIMPLIFIED_PENALTY)
    case = open_case(
        power,
        user=user,
        template=simplified,
        party_kind="person",
        party_name="李四",
        party_id_number="230202199001011236",
    )
    case = to_node(case, user, "decision")
    with pytest.raises(ValidationError) as exc:
        decide(case, user, fine=Decimal("201"))
    assert "fine_amount" in exc.value.message_dict
    assert decide(case, user, fine=Decimal("200")).fine_amount == Decimal("200")
