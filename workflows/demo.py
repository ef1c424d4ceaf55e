"""Demo data: the ready-made process templates and a few cases on the demo penalty powers.

Runs after the power registry's seeders (order 40). The powers come from another seeder; when
they are missing the cases are skipped, never failed. Idempotent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
    if officer_user is not None:
        seed_limits(officer_user, stdout=stdout, quiet=quiet)


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

    from django.core.exceptions import ValidationError

    from .balance import balance, enforcement_window
    from .services.decisions import decision_make
    from .services.enforcement import urge_record
    from .services.execution import payment_record
    from .services.procedure_decision import decision_approve, discussion_record
    from .services.procedure_notice import notice_issue
    from .services.procedure_service import service_record_add
    from .services.revocation import revocation_record

    leader = get_user_model().objects.filter(username="leader", agency=power.agency).first()

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
    # The procedure before the decision (Arts. 44, 45, 57, 61, 62): notice served well before
    # the decision, the leader's approval, the decision served the next day.
    case = _walk_to(case, user, officers, "notice")
    notified = decided_on - dt.timedelta(days=14)
    notice_issue(
        case=case,
        user=user,
        facts="当事人在其经营场所销售超过保质期的食品，有现场检查笔录、询问笔录为证。",
        reasons="当事人的行为违反了《中华人民共和国食品安全法》第三十四条的规定。",
        basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_kinds=["warning", "fine"],
        penalty_text="警告、罚款",
        fine_amount=Decimal("50000.00"),
        issued_on=notified,
    )
    service_record_add(
        case=case,
        user=user,
        document_kind="notice",
        method="direct",
        served_on=notified,
        received_on=notified,
        recipient=party,
    )
    case.refresh_from_db()
    case = _walk_to(case, user, officers, "decision")
    decision_make(
        case=case,
        user=user,
        expected_version=case.version,
        facts="当事人在其经营场所销售超过保质期的食品。",
        evidence="现场检查笔录、询问笔录、照片。",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_types="警告、罚款",
        fine_amount=Decimal("50000.00"),
        severity="minor",
        # The standard fines by the goods' value (Food Safety Law Art. 122): under 2,000 yuan.
        goods_value=Decimal("1500"),
        deviation_reason="当事人违法情节轻微，依法在法定幅度内处罚。",
        decided_on=decided_on,
    )
    if leader is None:
        raise ValidationError("no demo leader to approve the decision")
    # A fine of 50,000 yuan or more is discussed by the agency's leaders first (Art. 57).
    others = list(
        get_user_model().objects.filter(username__in=["reviewer", "filer"]).order_by("username")
    )
    discussion_record(
        case=case,
        user=user,
        held_on=decided_on,
        participants=[leader, *others],
        opinions="与会人员一致认为事实清楚、证据确凿、程序合法。",
        conclusion="同意按拟处罚意见作出决定。",
    )
    decision_approve(case=case, user=leader, opinion="同意。", approved_on=decided_on)
    case.refresh_from_db()
    case = _walk_to(case, user, officers, "execution")
    # Serving the decision records its receipt, from which the 15 days to pay run (Art. 67).
    service_record_add(
        case=case,
        user=user,
        document_kind="decision",
        method="direct",
        served_on=decided_on + dt.timedelta(days=1),
        received_on=decided_on + dt.timedelta(days=1),
        recipient=party,
    )
    case.refresh_from_db()
    decision = case.decision
    if stage == "paid_late":
        assert decision.performance_due_on is not None  # set with the receipt date
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
        window = enforcement_window(decision)
        assert window is not None  # the receipt date is recorded above
        opens, _closes = window
        urge_record(
            case=case,
            user=user,
            number=f"{power.agency.short_name}催〔{opens.year}〕{case.pk}号",
            issued_on=opens,
        )
        # Served like every document: its receipt starts the 10 days (行政强制法 Art. 54).
        received = min(opens + dt.timedelta(days=1), today)
        service_record_add(
            case=case,
            user=user,
            document_kind="urge",
            method="direct",
            served_on=received,
            received_on=received,
            recipient=party,
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


# ---------------------------------------------------------------------------- limits (#18)

PERSON = ("person", "王五", "230202199001011236")


def _officers(power):
    return list(officers_with_valid_certificate(power.agency).order_by("certificate_number")[:2])


def _open(power, user, title, filed_days_ago: int, **extra) -> Case:
    today = timezone.localdate()
    filed_on = today - dt.timedelta(days=filed_days_ago)
    return case_open(
        power=power,
        officers=_officers(power),
        user=user,
        title=title,
        party_kind=PERSON[0],
        party_name=PERSON[1],
        party_id_number=PERSON[2],
        source=Case.Source.PATROL,
        filed_on=filed_on,
        violation_on=filed_on - dt.timedelta(days=7),
        discovered_on=filed_on,
        party_address="齐齐哈尔市建华区中华路8号",
        facts_summary=f"执法人员巡查发现当事人涉嫌{title.removesuffix('案')}。",
        **extra,
    )


def _repealed_basis_case(user) -> None:
    """A case filed while 食品卫生法 was still treated as its basis, now stuck: the power's
    basis is repealed, the case-opening picker no longer offers it, deciding is refused and the
    warning scan flags the case for its officers and the supervisors."""
    from powers.models import Regulation

    power = Power.objects.filter(agency__code="scjg", code="CF-SCJG-090").first()
    title = "未取得卫生许可证经营食品案（依据已废止）"
    if power is None or Case.objects.filter(power=power, title=title).exists():
        return
    regs = Regulation.objects.filter(provisions__power_bases__power=power).distinct()
    statuses = dict(regs.values_list("pk", "status"))
    flag = Power.objects.filter(pk=power.pk).values_list("basis_needs_review", flat=True)[0]
    # History as it stood when the case was filed: the basis then in force. Restored below.
    regs.update(status=Regulation.Status.EFFECTIVE)
    Power.objects.filter(pk=power.pk).update(basis_needs_review=False)
    try:
        _open(power, user, title, 20)
    finally:
        for pk, status in statuses.items():
            Regulation.objects.filter(pk=pk).update(status=status)
        Power.objects.filter(pk=power.pk).update(basis_needs_review=flag)


def _on_the_spot(power, user, title, *, days_ago: int, filed_days_ago: int | None):
    from .services.on_the_spot import on_the_spot_decide, on_the_spot_file

    if Case.objects.filter(power=power, title=title).exists():
        return
    team = _officers(power)
    decided_at = timezone.now() - dt.timedelta(days=days_ago)
    case = on_the_spot_decide(
        power=power,
        officers=team,
        user=user,
        title=title,
        party_kind=PERSON[0],
        party_name="赵六",
        party_id_number=PERSON[2],
        facts="当事人采购预包装食品未按规定查验供货者的许可证和产品合格证明。",
        legal_basis="《中华人民共和国食品安全法》第一百二十六条第一款第三项",
        place="齐齐哈尔市龙沙区卜奎大街",
        certificates_shown=" ".join(o.certificate_number for o in team),
        party_statement="当事人承认违法事实，表示立即整改。",
        penalty_types="警告、罚款",
        fine_amount=Decimal(200),
        decided_at=decided_at,
    )
    if filed_days_ago is not None:
        filed_on = timezone.localdate() - dt.timedelta(days=filed_days_ago)
        on_the_spot_file(case=case, user=user, filed_on=filed_on)


@transaction.atomic
def seed_limits(user, *, stdout=None, quiet: bool = False) -> None:
    """The demo city's limit cases: one on a repealed basis that cannot proceed, a suspended
    one, an extended one, an on-the-spot one filed in time and one filed late. Idempotent."""
    from django.contrib.auth import get_user_model

    from .services.limits import (
        extension_decide,
        extension_request,
        suspension_end,
        suspension_start,
    )

    _repealed_basis_case(user)
    power = Power.objects.filter(agency__code="scjg", code="CF-SCJG-001").first()
    if power is None or not power.is_exercisable or len(_officers(power)) < 2:
        return
    today = timezone.localdate()
    title = "超过保质期食品待检验案（中止）"
    if not Case.objects.filter(power=power, title=title).exists():
        case = _open(power, user, title, 20)
        suspension_start(
            case=case,
            user=user,
            expected_version=case.version,
            reason="等待食品检验机构出具检验报告",
            started_on=today - dt.timedelta(days=5),
        )
    title = "销售不合格食品案（延期）"
    leader = get_user_model().objects.filter(username="leader").first()
    if leader is not None and not Case.objects.filter(power=power, title=title).exists():
        case = _open(power, user, title, 80)
        suspension_start(
            case=case,
            user=user,
            expected_version=case.version,
            reason="当事人下落不明",
            started_on=today - dt.timedelta(days=60),
        )
        case.refresh_from_db()
        suspension_end(
            case=case,
            user=user,
            expected_version=case.version,
            ended_on=today - dt.timedelta(days=50),
        )
        case.refresh_from_db()
        extension = extension_request(
            case=case, user=user, days=30, reason="案情复杂，需进一步调查取证"
        )
        extension_decide(extension=extension, user=leader, approve=True)
    # A power without a registered discretion standard: no band to measure a 200 yuan fine by.
    spot = Power.objects.filter(agency__code="scjg", code="CF-SCJG-004").first()
    if spot is not None and spot.is_exercisable:
        _on_the_spot(spot, user, "未查验进货凭证当场处罚案", days_ago=0, filed_days_ago=0)
        _on_the_spot(
            spot, user, "未查验进货凭证当场处罚案（逾期备案）", days_ago=8, filed_days_ago=1
        )
    _say(stdout, quiet, "workflows: demo cases of limitation, suspension, extension, on the spot")
