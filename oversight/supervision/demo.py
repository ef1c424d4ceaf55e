"""Demo supervision records, findings in each follow-up state, and a computed evaluation.

Runs after the city, cases and warnings exist; skipped when the discipline commission or the
demo supervisor is missing. Idempotent: nothing is added once the demo records exist.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from powers.models import Agency
from workflows.models import Case

from ..evaluation import services as evaluation
from ..models import EvaluationPeriod, SupervisionRecord
from . import services as supervision

# (agency, days ago, method, matters, [(kind, problem, requirement, days to rectify, state)])
RECORDS = [
    (
        "scjg",
        20,
        SupervisionRecord.Method.FILE_REVIEW,
        "抽查2026年行政处罚案卷，重点检查立案审批、调查取证和裁量基准适用情况。",
        [
            (
                "discretion",
                "2件案件罚款金额超出裁量基准推荐幅度，未说明理由。",
                "对照裁量基准复查并补充说明理由，完善内部审核。",
                10,
                "rectified",
            ),
            (
                "procedure",
                "1件案件送达回证缺少当事人签字。",
                "补正送达程序，组织执法人员学习送达规定。",
                30,
                "reported",
            ),
        ],
    ),
    (
        "cgzf",
        12,
        SupervisionRecord.Method.UNANNOUNCED,
        "明察暗访城区主要街道占道经营执法情况，检查执法人员亮证执法和文明执法。",
        [
            (
                "conduct",
                "执法人员现场执法未全程开启执法记录仪。",
                "落实执法全过程记录制度，开展专项整改。",
                5,
                "rectifying",
            ),
        ],
    ),
    (
        "sthj",
        5,
        SupervisionRecord.Method.ROUTINE,
        "检查行政执法公示落实情况和重大执法决定法制审核情况。",
        [
            (
                "disclosure",
                "3件行政处罚决定未在7个工作日内公示。",
                "立即补充公示，建立公示时限提醒。",
                15,
                "rectifying",
            ),
        ],
    ),
]


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


@transaction.atomic
def seed_supervision(*, stdout=None, quiet: bool = False) -> None:
    User = get_user_model()
    supervisor = User.objects.filter(username="supervisor").first()
    leaders = {u.agency_id: u for u in User.objects.filter(groups__name="agency_leader")}
    unit = Agency.objects.filter(code="jwjw").first()
    if supervisor is None or unit is None:
        _say(stdout, quiet, "oversight: demo supervisor or discipline commission missing; skipped")
        return
    today = timezone.localdate()
    if not SupervisionRecord.objects.filter(unit=unit).exists():
        agencies = {a.code: a for a in Agency.objects.filter(code__in=[r[0] for r in RECORDS])}
        for code, ago, method, matters, findings in RECORDS:
            agency = agencies.get(code)
            if agency is None:
                continue
            cases = Case.objects.filter(agency=agency).order_by("id")[:1]
            record = supervision.record_create(
                actor=supervisor,
                data={
                    "unit": unit,
                    "agency": agency,
                    "checked_on": today - dt.timedelta(days=ago),
                    "method": method,
                    "matters": matters,
                    "case_numbers": " ".join(c.number for c in cases),
                },
            )
            for kind, problem, requirement, days, state in findings:
                finding = supervision.finding_add(
                    record=record,
                    actor=supervisor,
                    data={
                        "kind": kind,
                        "description": problem,
                        "requirement": requirement,
                        "deadline": record.checked_on + dt.timedelta(days=days),
                    },
                )
                leader = leaders.get(agency.pk)
                if leader is not None and state in ("reported", "rectified"):
                    supervision.finding_report_rectification(
                        finding=finding, actor=leader, note="已按要求整改，相关材料已归档。"
                    )
                if leader is not None and state == "rectified":
                    supervision.finding_verify(
                        finding=finding, actor=supervisor, accepted=True, note="经核查，整改到位。"
                    )
        _say(stdout, quiet, "oversight: demo supervision records added")
    evaluation.ensure_weights()
    if not EvaluationPeriod.objects.exists():
        period = evaluation.evaluation_period_open(
            kind=EvaluationPeriod.Kind.YEAR, day=today, actor=supervisor
        )
        evaluation.evaluation_compute(period=period, actor=supervisor, today=today)
        _say(stdout, quiet, f"oversight: evaluation {period.label} computed")
