"""The scan: open, resolve and escalate warnings for every active rule, set-based.

Per rule: one INSERT of the new subjects (``bulk_create(ignore_conflicts=True)`` against the
partial unique index of open warnings, so a rerun or a concurrent scan opens nothing twice),
one UPDATE resolving the open warnings whose condition cleared, and two UPDATEs escalating
by age. Each rule runs in its own transaction: a scan killed midway leaves every rule either
done or untouched, and the rerun completes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from enforcement_portal.audit import audit_append

from ..models import EarlyWarning, Level, WarningRule
from .rules import RULES

KEYS = ("subject_id", "label", "detail", "agency_ref", "officer_ref")


@dataclass
class ScanResult:
    per_rule: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def opened(self) -> int:
        return sum(r["opened"] for r in self.per_rule.values())

    @property
    def resolved(self) -> int:
        return sum(r["resolved"] for r in self.per_rule.values())


def ensure_rules() -> None:
    """Create the rule rows the code defines (admins then edit thresholds and levels)."""
    with translation.override("zh-hans"):
        WarningRule.objects.bulk_create(
            [
                WarningRule(
                    code=spec.code,
                    name=str(spec.name),
                    description=str(spec.description),
                    level=spec.level,
                    threshold=spec.threshold,
                    window_days=spec.window_days,
                    orange_after_days=spec.orange_after_days,
                    red_after_days=spec.red_after_days,
                )
                for spec in RULES.values()
            ],
            ignore_conflicts=True,
        )


def _rows(candidates) -> list[dict]:
    if isinstance(candidates, QuerySet):
        return list(candidates.values(*KEYS))
    return [{k: row.get(k) for k in KEYS} for row in candidates]


def scan_rule(rule_row: WarningRule, *, today: dt.date, now: dt.datetime) -> dict[str, int]:
    spec = RULES[rule_row.code]
    rows = _rows(spec.candidates(rule_row, today))
    open_qs = EarlyWarning.objects.filter(rule=rule_row, status__in=EarlyWarning.OPEN)
    with transaction.atomic():
        before = open_qs.count()
        EarlyWarning.objects.bulk_create(
            [
                EarlyWarning(
                    rule=rule_row,
                    subject_type=spec.subject_type,
                    subject_id=str(row["subject_id"]),
                    subject_label=(row["label"] or "")[:300],
                    detail=row["detail"] or "",
                    agency_id=row["agency_ref"],
                    officer_id=row["officer_ref"],
                    level=rule_row.level,
                    opened_at=now,
                )
                for row in rows
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        current = [str(row["subject_id"]) for row in rows]
        resolved = open_qs.exclude(subject_id__in=current).update(
            status=EarlyWarning.Status.RESOLVED, resolved_at=now
        )
        opened = open_qs.count() - before + resolved
        orange = open_qs.filter(
            level=Level.YELLOW, opened_at__lte=now - dt.timedelta(days=rule_row.orange_after_days)
        ).update(level=Level.ORANGE)
        red = (
            open_qs.exclude(level=Level.RED)
            .filter(opened_at__lte=now - dt.timedelta(days=rule_row.red_after_days))
            .update(level=Level.RED)
        )
    return {"opened": opened, "resolved": resolved, "escalated": orange + red, "open": len(current)}


def scan(*, today: dt.date | None = None, now: dt.datetime | None = None, codes=None) -> ScanResult:
    """Run every active rule (or those in ``codes``). Safe to run twice or concurrently."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    ensure_rules()
    result = ScanResult()
    rules = WarningRule.objects.filter(is_active=True, code__in=list(RULES)).order_by("code")
    if codes:
        rules = rules.filter(code__in=codes)
    for rule_row in rules:
        result.per_rule[rule_row.code] = scan_rule(rule_row, today=today, now=now)
    audit_append(
        action="warnings.scan",
        object_type="oversight.scan",
        object_id=today.isoformat(),
        changes={"opened": result.opened, "resolved": result.resolved},
    )
    return result
