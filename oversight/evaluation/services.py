"""Evaluation (考评): a score per agency per period from the dashboard's measures.

Each metric gives a sub-score from 0 to 100; the score is their weighted mean over the
metrics that apply to the agency in the period. Rates whose base is zero (no decisions, no
publications …) do not apply and their weight is left out, so an agency is neither rewarded
nor punished for having nothing to measure. The formula is written out in docs/oversight.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .models import EvaluationPeriod, EvaluationScore, EvaluationWeight, Metric
from .selectors import evaluation_figures

DEFAULT_WEIGHTS = {
    Metric.CASES: Decimal("10"),
    Metric.OVERDUE: Decimal("20"),
    Metric.TIMELINESS: Decimal("15"),
    Metric.AGREEMENT: Decimal("15"),
    Metric.DEVIATION: Decimal("15"),
    Metric.REPORTS: Decimal("10"),
    Metric.WARNINGS: Decimal("15"),
}
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def ensure_weights() -> None:
    """Create the weight rows with their defaults (an administrator then edits them)."""
    EvaluationWeight.objects.bulk_create(
        [EvaluationWeight(metric=m, weight=w) for m, w in DEFAULT_WEIGHTS.items()],
        ignore_conflicts=True,
    )


def current_weights() -> dict[str, Decimal]:
    ensure_weights()
    return {row.metric: row.weight for row in EvaluationWeight.objects.all()}


def period_bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if kind == EvaluationPeriod.Kind.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if kind == EvaluationPeriod.Kind.QUARTER:
        first = 3 * ((day.month - 1) // 3) + 1
        last = first + 2
        return dt.date(day.year, first, 1), dt.date(
            day.year, last, calendar.monthrange(day.year, last)[1]
        )
    if kind == EvaluationPeriod.Kind.MONTH:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    raise ValidationError({"kind": _("Choose a month, a quarter or a year.")})


def _pct(part: int, whole: int) -> Decimal:
    return Decimal(part) * HUNDRED / Decimal(whole)


def _relative(value: int, peak: int) -> Decimal:
    """100 for none, 0 for the agency with the most (reports, warning points)."""
    if not peak:
        return HUNDRED
    return HUNDRED - Decimal(value) * HUNDRED / Decimal(peak)


def score_rows(rows: list[dict], weights: dict[str, Decimal]) -> list[dict]:
    """Sub-scores, score and rank for each agency's figures (pure arithmetic, no queries)."""
    peak_filed = max((r["filed"] for r in rows), default=0)
    peak_reports = max((r["reports"] for r in rows), default=0)
    peak_points = max((r["warning_points"] for r in rows), default=0)
    out = []
    for r in rows:
        subs: dict[str, tuple[Decimal | None, str]] = {
            Metric.CASES: (
                _pct(r["filed"], peak_filed) if peak_filed else None,
                f"{r['filed']}",
            ),
            Metric.OVERDUE: (
                HUNDRED - _pct(r["overdue"], r["filed"]) if r["filed"] else None,
                f"{r['overdue']}/{r['filed']}",
            ),
            Metric.TIMELINESS: (
                _pct(r["on_time"], r["published"]) if r["published"] else None,
                f"{r['on_time']}/{r['published']}",
            ),
            Metric.AGREEMENT: (
                _pct(r["agreed"], r["reviews"]) if r["reviews"] else None,
                f"{r['agreed']}/{r['reviews']}",
            ),
            Metric.DEVIATION: (
                HUNDRED - _pct(r["deviations"], r["decisions"]) if r["decisions"] else None,
                f"{r['deviations']}/{r['decisions']}",
            ),
            Metric.REPORTS: (_relative(r["reports"], peak_reports), f"{r['reports']}"),
            Metric.WARNINGS: (
                _relative(r["warning_points"], peak_points),
                f"{r['warning_points']}",
            ),
        }
        total, weight_sum = Decimal(0), Decimal(0)
        breakdown: dict[str, dict[str, Any]] = {}
        for metric in Metric.values:
            sub, figure = subs[metric]
            weight = weights.get(metric, Decimal(0))
            applies = sub is not None and weight > 0
            if applies and sub is not None:
                total += weight * sub
                weight_sum += weight
            breakdown[metric] = {
                "figure": figure,
                "subscore": None if sub is None else str(sub.quantize(CENT, ROUND_HALF_UP)),
                "weight": str(weight),
                "applies": applies,
            }
        score = (total / weight_sum) if weight_sum else Decimal(0)
        for metric in Metric.values:
            item, sub = breakdown[metric], subs[metric][0]
            item["points"] = (
                str((weights[metric] * sub / weight_sum).quantize(CENT, ROUND_HALF_UP))
                if item["applies"] and sub is not None
                else None
            )
        out.append(
            {
                "agency_id": r["id"],
                "score": score.quantize(CENT, ROUND_HALF_UP),
                "breakdown": breakdown,
                "figures": r,
            }
        )
    ordered = sorted(out, key=lambda x: (-x["score"], x["figures"]["code"]))
    previous, rank = None, 0
    for position, entry in enumerate(ordered, start=1):
        if entry["score"] != previous:
            rank, previous = position, entry["score"]
        entry["rank"] = rank
    return ordered


@transaction.atomic
def evaluation_period_open(*, kind: str, day: dt.date, actor) -> EvaluationPeriod:
    starts_on, ends_on = period_bounds(kind, day)
    period, created = EvaluationPeriod.objects.get_or_create(
        kind=kind, starts_on=starts_on, defaults={"ends_on": ends_on}
    )
    if created:
        audit_append(
            action="evaluation.open",
            obj=period,
            actor=actor,
            changes={"kind": kind, "from": starts_on.isoformat(), "to": ends_on.isoformat()},
        )
    return period


def _digest(scores: list[EvaluationScore]) -> str:
    payload = [[s.agency_id, str(s.score), s.rank, s.breakdown] for s in scores]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def evaluation_compute(
    *, period: EvaluationPeriod, actor, today: dt.date | None = None
) -> list[EvaluationScore]:
    """(Re)compute every agency's score for the period; refused once the period is frozen."""
    period = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_frozen:
        raise ValidationError(_("This evaluation is frozen; its scores can no longer change."))
    today = today or timezone.localdate()
    weights = current_weights()
    rows = evaluation_figures(since=period.starts_on, until=period.ends_on, today=today)
    scored = score_rows(rows, weights)
    period.scores.all().delete()
    scores = EvaluationScore.objects.bulk_create(
        [
            EvaluationScore(
                period=period,
                agency_id=item["agency_id"],
                score=item["score"],
                rank=item["rank"],
                breakdown={
                    "metrics": item["breakdown"],
                    "figures": {k: v for k, v in item["figures"].items() if k not in ("name",)},
                },
            )
            for item in scored
        ]
    )
    period.weights = {k: str(v) for k, v in weights.items()}
    period.computed_at = timezone.now()
    period.save(update_fields=["weights", "computed_at"])
    audit_append(
        action="evaluation.compute",
        obj=period,
        actor=actor,
        changes={"weights": period.weights, "agencies": len(scores), "digest": _digest(scores)},
    )
    return scores


@transaction.atomic
def evaluation_freeze(*, period: EvaluationPeriod, actor) -> EvaluationPeriod:
    """Freeze the scores (for the annual assessment): the audit event holds their digest."""
    period = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_frozen:
        raise ValidationError(_("This evaluation is already frozen."))
    if period.computed_at is None:
        raise ValidationError(_("Compute the scores before freezing them."))
    period.frozen_at, period.frozen_by = timezone.now(), actor
    period.save(update_fields=["frozen_at", "frozen_by"])
    scores = list(period.scores.order_by("rank", "agency_id"))
    audit_append(
        action="evaluation.freeze",
        obj=period,
        actor=actor,
        changes={"digest": _digest(scores), "weights": period.weights},
    )
    return period
