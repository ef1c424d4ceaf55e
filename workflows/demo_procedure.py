"""Demo cases at each step of the procedure before the decision (#18): waiting for the
defence window, hearing requested, hearing held, discussed, approved, served. Idempotent: a
case whose title exists is left alone. Called from ``workflows.demo.seed``.

The demo backdates one thing the services would refuse today: the held hearing's date is
moved into the past after it was scheduled (a hearing is only ever scheduled ahead)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enforcement_portal.workdays import add_workdays
from powers.models import Power
from powers.selectors import officers_with_valid_certificate

from .models import Case, Hearing
from .services.cases import case_advance, case_open
from .services.decisions import decision_make
from .services.procedure_decision import decision_approve, discussion_record
from .services.procedure_hearing import hearing_record, hearing_request, hearing_schedule
from .services.procedure_notice import defence_point_add, defence_point_answer, notice_issue
from .services.procedure_service import service_record_add
from .services.records import record_add

POWER = ("scjg", "CF-SCJG-001")
BASIS = "《中华人民共和国食品安全法》第一百二十二条第一款"

# title, party name, fine proposed, the step the case stops at
DEMO_PROCEDURE = [
    ("超范围经营冷冻食品案", "齐齐哈尔市建华冷饮有限公司", "60000", "window"),
    ("销售未经检验肉品案", "齐齐哈尔市铁锋肉类批发有限公司", "150000", "hearing_requested"),
    ("生产销售不合格豆制品案", "齐齐哈尔市富拉尔基豆制品厂", "150000", "hearing_held"),
    ("餐饮服务未公示许可证案", "齐齐哈尔市龙沙区老街饭庄有限公司", "60000", "discussed"),
    ("未按规定贮存食品案", "齐齐哈尔市碾子山粮油有限公司", "60000", "approved"),
    ("经营标签不符食品案", "齐齐哈尔市昂昂溪副食品有限公司", "60000", "served"),
]
ORDER = ["window", "hearing_requested", "hearing_held", "discussed", "approved", "served"]
USCC_BODIES = ["91230200MA1B2C3D5", "91230200MA1B2C3D6", "91230200MA1B2C3D7"]


def seed(*, say=lambda text: None) -> None:
    User = get_user_model()
    officer = User.objects.filter(username="officer").first()
    leader = User.objects.filter(username="leader").first()
    others = list(User.objects.filter(username__in=["reviewer", "filer"]).order_by("username"))
    power = Power.objects.filter(agency__code=POWER[0], code=POWER[1]).first()
    if (
        None in (officer, leader, power)
        or power is None
        or len(others) < 2
        or not power.is_exercisable
    ):
        say("workflows: procedure demo cases skipped (users or power missing)")
        return
    for index, (title, party, fine, stage) in enumerate(DEMO_PROCEDURE):
        if Case.objects.filter(power=power, title=title).exists():
            continue
        _seed(power, officer, leader, others, title, party, Decimal(fine), stage, index)
        say(f"workflows: procedure demo case {title} ({stage})")


def _uscc(index: int) -> str:
    from stdnum.cn import uscc

    body = USCC_BODIES[index % len(USCC_BODIES)]
    return body + uscc.calc_check_digit(body)


def _advance(case, user):
    case.refresh_from_db()
    return case_advance(case=case, user=user, expected_version=case.version)


@transaction.atomic
def _seed(power, officer, leader, others, title, party, fine, stage, index) -> None:
    team = list(officers_with_valid_certificate(power.agency).order_by("certificate_number")[:2])
    if len(team) < 2:
        return
    today = timezone.localdate()
    filed = today - dt.timedelta(days=40)
    case = case_open(
        power=power,
        officers=team,
        user=officer,
        title=title,
        party_kind="organisation",
        party_name=party,
        party_id_number=_uscc(index),
        source=Case.Source.PATROL,
        filed_on=filed,
        party_address="齐齐哈尔市龙沙区卜奎大街1号",
        facts_summary=f"执法人员检查发现当事人涉嫌{title.removesuffix('案')}。",
    )
    while case.current_node.code != "notice":
        for kind in case.current_node.required_records or []:
            record_add(
                case=case,
                user=officer,
                kind=kind,
                title="现场检查笔录",
                content="执法人员出示执法证件后进行现场检查，当事人在场。",
                recorded_at=timezone.now(),
                place=case.party_address,
                officers=team,
                signature="signed",
            )
        case = _advance(case, officer)
    step = ORDER.index(stage)
    # Waiting for the window: served today. Later steps: served three weeks ago.
    served = today if stage == "window" else add_workdays(today, -15)
    notice_issue(
        case=case,
        user=officer,
        facts=f"当事人{title.removesuffix('案')}，有现场检查笔录、询问笔录为证。",
        reasons="当事人的行为违反了《中华人民共和国食品安全法》的有关规定。",
        basis=BASIS,
        penalty_kinds=["fine"],
        penalty_text="罚款",
        fine_amount=fine,
        issued_on=served,
    )
    service_record_add(
        case=case,
        user=officer,
        document_kind="notice",
        method="direct",
        served_on=served,
        received_on=served,
        recipient=party,
    )
    if stage == "window":
        return
    if stage in ("hearing_requested", "hearing_held"):
        hearing_request(case=case, user=officer, requested_on=add_workdays(served, 2))
        if stage == "hearing_held":
            _hold_hearing(case, officer, others[0], today)
        return
    point = defence_point_add(
        case=case,
        user=officer,
        statement="当事人称系初次违法且已主动下架相关食品。",
        stated_on=add_workdays(served, 1),
    )
    defence_point_answer(
        point=point,
        user=officer,
        answer="adopted",
        reason="经核实属实，已在裁量时考虑从轻情节。",
    )
    while case.current_node.code != "decision":
        case = _advance(case, officer)
    case.refresh_from_db()
    decision_make(
        case=case,
        user=officer,
        expected_version=case.version,
        facts=f"当事人{title.removesuffix('案')}。",
        evidence="现场检查笔录、询问笔录、照片。",
        legal_basis=BASIS,
        penalty_types="罚款",
        fine_amount=fine,
        severity="ordinary",
        goods_value=Decimal("20000"),
        illegal_income=Decimal("5000"),
        penalty_type_codes=["fine"],
        deviation_reason="当事人违法情节较重，依法在法定幅度内处罚。",
    )
    discussion_record(
        case=case,
        user=officer,
        held_on=today,
        participants=[leader, *others],
        opinions="与会人员一致认为事实清楚、证据确凿、程序合法。",
        conclusion="同意按拟处罚意见作出决定。",
    )
    if step >= ORDER.index("approved"):
        decision_approve(case=case, user=leader, opinion="同意。")
    if step >= ORDER.index("served"):
        service_record_add(
            case=case,
            user=officer,
            document_kind="decision",
            method="post",
            tracking_number="1151234567890",
            served_on=today,
            received_on=today,
            recipient=party,
        )


def _hold_hearing(case, officer, host, today) -> None:
    hearing = Hearing.objects.get(case=case)
    ahead = add_workdays(today, 10)
    hearing_schedule(hearing=hearing, user=officer, hearing_on=ahead, host=host, place="听证室")
    held_on = add_workdays(today, -1)
    Hearing.objects.filter(pk=hearing.pk).update(hearing_on=held_on)  # demo backdating
    service_record_add(
        case=case,
        user=officer,
        document_kind="hearing_notice",
        method="direct",
        served_on=add_workdays(held_on, -8),
        received_on=add_workdays(held_on, -8),
        recipient=case.party_name,
    )
    case = _advance(case, officer)  # to the hearing node
    hearing.refresh_from_db()
    hearing_record(
        hearing=hearing,
        user=officer,
        held_on=held_on,
        record_text="听证主持人宣布听证开始；调查人员陈述案件事实；当事人进行申辩和质证。",
        signature="signed",
    )
