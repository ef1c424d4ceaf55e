"""Demo reports in each handling state, reward rules and a second handler. Idempotent.

Demo receipt codes are not printed: anyone wanting to try the public follow page files a
report of their own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from enforcement_portal.roles import Role
from powers.demo import demo_password_hash
from powers.models import Agency, Officer

from . import services
from .models import Report, RewardRule, ViolationType

RULES = [
    (ViolationType.ARBITRARY_PENALTY, "三级", "0", "10000", "200", "1000"),
    (ViolationType.ARBITRARY_PENALTY, "二级", "10000", "100000", "1000", "5000"),
    (ViolationType.ARBITRARY_PENALTY, "一级", "100000", None, "5000", "20000"),
    (ViolationType.BRIBERY, "一级", "0", None, "2000", "30000"),
    (ViolationType.NO_CERTIFICATE, "三级", "0", None, "200", "2000"),
    (ViolationType.ABUSE_OF_POWER, "二级", "0", None, "500", "5000"),
]

# (subject, agency, kind, state, named)
REPORTS = [
    (
        "某市场监管执法人员现场检查时未出示执法证",
        "scjg",
        ViolationType.NO_CERTIFICATE,
        "received",
        False,
    ),
    (
        "交通运输执法对货车超限重复罚款",
        "jtys",
        ViolationType.ARBITRARY_PENALTY,
        "investigating",
        True,
    ),
    ("城管执法人员暗示商户送礼可免罚", "cgzf", ViolationType.BRIBERY, "concluded", False),
    ("生态环境局对举报的排污问题长期不处理", "sthj", ViolationType.DERELICTION, "rejected", False),
    ("市场监管所收取罚款不开具票据", "scjg", ViolationType.ARBITRARY_PENALTY, "overdue", False),
]


def _second_handler(jwjw: Agency | None):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="handler2", defaults={"display_name": "郑丽华", "agency": jwjw}
    )
    if created:
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    group, _ = Group.objects.get_or_create(name=Role.REPORT_HANDLER.value)
    user.groups.add(group)
    return user


@transaction.atomic
def seed_reports(*, stdout=None, quiet: bool = False) -> None:
    for kind, level, low, high, rmin, rmax in RULES:
        RewardRule.objects.get_or_create(
            violation_type=kind,
            level=level,
            penalty_from=Decimal(low),
            defaults={
                "penalty_to": Decimal(high) if high else None,
                "reward_min": Decimal(rmin),
                "reward_max": Decimal(rmax),
            },
        )
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=[r[1] for r in REPORTS] + ["jwjw"])
    }
    User = get_user_model()
    handler = User.objects.filter(username="handler").first()
    _second_handler(agencies.get("jwjw"))
    created = 0
    for subject, code, kind, state, named in REPORTS:
        if (
            code not in agencies
            or handler is None
            or Report.objects.filter(subject=subject).exists()
        ):
            continue
        agency = agencies[code]
        data = {
            "agency": agency,
            "officer": Officer.objects.filter(agency=agency).order_by("id").first(),
            "violation_type": kind,
            "subject": subject,
            "description": f"{subject}。具体经过：……（演示数据）",
            "happened_on": dt.date.today() - dt.timedelta(days=10),
            "place": "齐齐哈尔市龙沙区",
            "is_anonymous": not named,
            "reporter_name": "李某某" if named else "",
            "reporter_contact": "13900000000" if named else "",
        }
        report, _code = services.report_submit(data=data)
        _advance(report, state, handler)
        created += 1
    if stdout is not None and not quiet:
        stdout.write(
            f"oversight: {created} demo report(s), {RewardRule.objects.count()} reward rules\n"
        )


def _advance(report: Report, state: str, handler) -> None:
    if state == "overdue":
        earlier = dt.date.today() - dt.timedelta(days=20)
        Report.objects.filter(pk=report.pk).update(
            received_on=earlier, accept_due=earlier + dt.timedelta(days=15)
        )
        return
    if state == "rejected":
        services.report_reject(
            report=report,
            handler=handler,
            reason="举报事项已由生态环境部门依法处理并答复，不属于本机关受理范围。",
        )
        return
    if state == "received":
        return
    services.report_accept(report=report, handler=handler)
    services.report_investigate(report=report, handler=handler)
    services.report_reply(
        report=report, handler=handler, body="您的举报已受理，正在调查核实，请耐心等待。"
    )
    if state == "concluded":
        services.report_conclude(
            report=report,
            handler=handler,
            outcome=Report.Outcome.SUBSTANTIATED,
            conclusion="经调查，举报情况属实。涉事人员已被立案审查，相关罚款已退还。感谢您的监督。",
            resulting_case_number="齐纪审〔2026〕12号",
            penalty_amount=Decimal("20000"),
        )
        services.reward_decide(
            report=report,
            handler=handler,
            amount=Decimal("3000"),
            reasoning="举报线索具体，查证属实。",
        )
