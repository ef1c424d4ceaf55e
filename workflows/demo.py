"""Demo data: the ready-made process templates and a few cases on the demo penalty powers.

Runs after the power registry's seeders (order 40). The powers come from another seeder; when
they are missing the cases are skipped, never failed. Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from powers.models import Power
from powers.selectors import officers_with_valid_certificate

from .exceptions import GateRefused
from .models import Case, ProcessTemplate
from .services.cases import case_advance, case_open
from .services.records import record_add
from .services.templates import template_ensure_ready_made

DEMO_CASES = [
    # agency, power code, title, party kind, party, id, steps to run
    (
        "scjg",
        "CF-SCJG-001",
        "未取得食品经营许可经营食品案",
        "organisation",
        "齐齐哈尔市鹤城百货有限公司",
        "91230200MA1B2C3D4X",
        0,
    ),
    ("scjg", "CF-SCJG-001", "无证销售散装熟食案", "person", "张三", "230202199001011236", 2),
    (
        "scjg",
        "CF-SCJG-002",
        "用非食品原料生产食品案",
        "organisation",
        "齐齐哈尔市北方食品加工有限责任公司",
        "91230200MA1B2C3D4X",
        1,
    ),
]


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def seed(*, stdout=None, quiet: bool = False) -> None:
    for kind in ProcessTemplate.Kind.values:
        if kind != ProcessTemplate.Kind.OTHER:
            template_ensure_ready_made(kind=kind)
    _say(stdout, quiet, "workflows: ready-made process templates present")
    officer_user = get_user_model().objects.filter(username="officer").first()
    for agency, code, title, kind, party, id_number, steps in DEMO_CASES:
        power = Power.objects.filter(agency__code=agency, code=code).first()
        if power is None or not power.is_exercisable or officer_user is None:
            _say(
                stdout, quiet, f"workflows: power {agency}/{code} not registered; demo case skipped"
            )
            continue
        if Case.objects.filter(power=power, title=title).exists():
            continue
        _seed_case(power, officer_user, title, kind, party, id_number, steps)
        _say(stdout, quiet, f"workflows: demo case {title}")
    from .demo_procedure import seed as seed_procedure

    seed_procedure(say=lambda text: _say(stdout, quiet, text))


def _party_id(kind: str, id_number: str) -> str:
    from stdnum.cn import uscc

    if kind == "organisation":
        body = id_number[:17]
        return body + uscc.calc_check_digit(body)
    return id_number


@transaction.atomic
def _seed_case(power, user, title, kind, party, id_number, steps) -> None:
    officers = list(
        officers_with_valid_certificate(power.agency).order_by("certificate_number")[:2]
    )
    if len(officers) < 2:
        return
    case = case_open(
        power=power,
        officers=officers,
        user=user,
        title=title,
        party_kind=kind,
        party_name=party,
        party_id_number=_party_id(kind, id_number),
        source=Case.Source.PATROL,
        filed_on=timezone.localdate() - dt.timedelta(days=3),
        party_address="齐齐哈尔市龙沙区卜奎大街1号",
        facts_summary=f"执法人员巡查发现当事人涉嫌{title.removesuffix('案')}。",
    )
    for _step in range(steps):
        if case.current_node.code == "investigation":
            record_add(
                case=case,
                user=user,
                kind="on_site",
                title="现场检查笔录",
                content="执法人员出示执法证件后进行现场检查，当事人在场。",
                recorded_at=timezone.now(),
                place=case.party_address,
                officers=officers,
                signature="signed",
            )
        try:
            case = case_advance(case=case, user=user, expected_version=case.version)
        except GateRefused:
            break


# ------------------------------------------------------------------ after the decision

DEMO_EXECUTION = [
    # title, party, days since the decision, what happens after it
    ("逾期未缴纳罚款案", "齐齐哈尔市建华区好运来超市", 60, "overdue"),
    ("逾期缴纳罚款并加处罚款案", "齐齐哈尔市铁锋区鑫源食杂店", 50, "paid_late"),
    ("逾期不缴纳罚款催告案", "齐齐哈尔市富拉尔基区宏达餐馆", 215, "urge"),
    ("行政处罚决定被复议撤销案", "齐齐哈尔市昂昂溪区百味熟食店", 30, "revoked"),
]


def seed_execution(*, stdout=None, quiet: bool = False) -> None:
    """Cases after the decision: an overdue fine, a fine paid late with its surcharge, a case
    at the 催告书 and a decision revoked on reconsideration. Skipped when the demo power or
    officers are missing; each case once (by title)."""
    from django.core.exceptions import ValidationError

    power = Power.objects.filter(agency__code="scjg", code="CF-SCJG-001").first()
    user = get_user_model().objects.filter(username="officer").first()
    if power is None or not power.is_exercisable or user is None:
        _say(stdout, quiet, "workflows: no demo power or officer; execution cases skipped")
        return
    for title, party, days, stage in DEMO_EXECUTION:
        if Case.objects.filter(power=power, title=title).exists():
            continue
        try:
            _seed_execution_case(power, user, title, party, days, stage)
        except (ValidationError, GateRefused) as exc:
            _say(stdout, quiet, f"workflows: demo case {title} skipped ({exc})")
            continue
        _say(stdout, quiet, f"workflows: demo case {title}")


def _walk_to(case, user, officers, code: str):
    for _step in range(15):
        if case.current_node.code == code:
            return case
        for kind in case.current_node.required_records or []:
            record_add(
                case=case,
                user=user,
                kind=kind,
                title="现场检查笔录" if kind == "on_site" else "笔录",
                content="执法人员出示执法证件后进行检查，当事人在场。",
                recorded_at=timezone.now(),
                place=case.party_address,
                officers=officers,
                signature="signed",
            )
        case = case_advance(case=case, user=user, expected_version=case.version)
    return case


@transaction.atomic
def _seed_execution_case(power, user, title, party, days, stage) -> None:
    from decimal import Decimal

    from .balance import balance, enforcement_window
    from .services.decisions import decision_make
    from .services.enforcement import urge_record
    from .services.execution import decision_mark_received, payment_record
    from .services.revocation import revocation_record

    today = timezone.localdate()
    officers = list(
        officers_with_valid_certificate(power.agency).order_by("certificate_number")[:2]
    )
    if len(officers) < 2:
        return
    decided_on = today - dt.timedelta(days=days)
    case = case_open(
        power=power,
        officers=officers,
        user=user,
        title=title,
        party_kind="organisation",
        party_name=party,
        party_id_number=_party_id("organisation", f"91230200MA1C{days:04d}0X"),
        source=Case.Source.PATROL,
        filed_on=decided_on - dt.timedelta(days=20),
        party_address="齐齐哈尔市龙沙区卜奎大街1号",
        facts_summary=f"执法人员巡查发现当事人涉嫌{title.removesuffix('案')}。",
    )
    case = _walk_to(case, user, officers, "decision")
    decision_make(
        case=case,
        user=user,
        expected_version=case.version,
        facts="当事人在其经营场所销售超过保质期的食品。",
        evidence="现场检查笔录、询问笔录、照片。",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_types="警告、罚款",
        fine_amount=Decimal("2000.00"),
        severity="ordinary",
        decided_on=decided_on,
    )
    case.refresh_from_db()
    case = _walk_to(case, user, officers, "execution")
    decision = decision_mark_received(
        case=case, received_on=decided_on + dt.timedelta(days=1), user=user
    )
    case.refresh_from_db()
    if stage == "paid_late":
        paid_on = decision.performance_due_on + dt.timedelta(days=5)
        owed = balance(case, on=paid_on)
        payment_record(
            case=case,
            user=user,
            expected_version=case.version,
            bank_receipt_number=f"DEMO-ICBC-{case.pk:06d}",
            bank_name="中国工商银行齐齐哈尔分行",
            amount=owed.total_outstanding,
            paid_on=paid_on,
        )
    elif stage == "urge":
        opens, _closes = enforcement_window(decision)
        urge_record(
            case=case,
            user=user,
            number=f"{power.agency.short_name}催〔{opens.year}〕{case.pk}号",
            served_on=opens,
            received_on=min(opens + dt.timedelta(days=1), today),
        )
    elif stage == "revoked":
        revocation_record(
            case=case,
            user=user,
            kind="revoked",
            by="reconsideration",
            document_reference=f"齐政复决〔{today.year}〕{case.pk}号",
            decided_on=today - dt.timedelta(days=5),
            reason="复议机关认为原处罚决定认定事实不清、证据不足，决定撤销。",
        )
