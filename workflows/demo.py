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
