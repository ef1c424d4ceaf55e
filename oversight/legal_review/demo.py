"""Demo data for the legal review: one demo case made major with a review in progress.

Runs after workflows' demo cases; skipped (never failed) when the case or the demo officer is
missing. Idempotent.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from workflows.models import Case

from . import services
from .models import LegalReview

DEMO_CASE_TITLE = "用非食品原料生产食品案"


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def seed_legal_review(*, stdout=None, quiet: bool = False) -> None:
    handler = get_user_model().objects.filter(username="officer").first()
    case = Case.objects.filter(title=DEMO_CASE_TITLE, status=Case.Status.OPEN).first()
    if handler is None or case is None:
        _say(stdout, quiet, "oversight: demo case for legal review missing; skipped")
        return
    if LegalReview.objects.filter(case=case).exists():
        return
    services.legal_review_submit(
        case=case,
        user=handler,
        draft_decision="拟对当事人没收违法所得，并处货值金额十五倍罚款计人民币伍拾万元整。",
        case_file="立案审批表、现场检查笔录、询问笔录、抽样检验报告、证据清单、案件调查终结报告",
        proposed_fine=Decimal("500000"),
    )
    _say(stdout, quiet, f"oversight: {case.number} submitted for legal review")
