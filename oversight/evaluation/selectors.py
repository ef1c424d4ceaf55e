"""The figures an evaluation (考评) scores, for every enforcement agency in one pass.

One grouped query per measure over the whole period (never a query per agency), merged in
Python: the cost is the same for 8 agencies or 800. The scoring itself is in
``oversight.evaluation.services``; docs/oversight.md gives the formula.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as Switch
from django.db.models import Count, F, IntegerField, Q, Sum, Value, When

from disclosure.models import Publication
from powers.models import Agency
from reports.models import Report
from workflows.models import Case, Decision
from workflows.selectors import overdue_cases

from ..models import EarlyWarning, LegalReview
from ..warnings.selectors import open_warnings_by_agency

LEVEL_POINTS = {"yellow": 1, "orange": 2, "red": 3}
# A warning still open (待处置/核查中) at computation weighs twice a handled or cleared one.
OPEN_FACTOR = 2


def _grouped(qs, key: str = "agency") -> dict:
    return {row.pop(key): row for row in qs}


def warning_points_expression():
    level = Switch(
        *[When(level=code, then=Value(points)) for code, points in LEVEL_POINTS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    factor = Switch(
        When(status__in=EarlyWarning.OPEN, then=Value(OPEN_FACTOR)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return level * factor


def evaluation_figures(*, since: dt.date, until: dt.date, today: dt.date) -> list[dict]:
    """Raw counts per enforcement agency for the period (agencies ordered by code)."""
    agencies = list(
        Agency.objects.filter(is_enforcement_body=True)
        .order_by("code")
        .values("id", "code", "name")
    )
    cases = _grouped(
        Case.objects.filter(filed_on__range=(since, until))
        .values("agency")
        .annotate(filed=Count("id"))
    )
    overdue = _grouped(
        overdue_cases(on=today)
        .filter(filed_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("id"))
    )
    decisions = _grouped(
        Decision.objects.filter(decided_on__range=(since, until))
        .values(agency=F("case__agency"))
        .annotate(n=Count("id"), deviations=Count("id", filter=Q(is_deviation=True)))
    )
    published = _grouped(
        Publication.objects.filter(
            decided_on__range=(since, until), status__in=["published", "withdrawn"]
        )
        .values("agency")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(published_on__lte=F("due_by"))))
    )
    reviews = _grouped(
        LegalReview.objects.filter(reviewed_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("id"), agreed=Count("id", filter=Q(status=LegalReview.Status.AGREED)))
    )
    reports = _grouped(
        Report.objects.filter(received_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("id"))
    )
    warnings = _grouped(
        EarlyWarning.objects.filter(agency__isnull=False, opened_at__date__range=(since, until))
        .values("agency")
        .annotate(
            n=Count("id"),
            points=Sum(warning_points_expression()),
        )
    )
    # Open at the moment of computation (the dashboard's and the warning list's definition),
    # among the warnings raised by the end of the period.
    open_now = open_warnings_by_agency(EarlyWarning.objects.filter(opened_at__date__lte=until))
    rows = []
    for agency in agencies:
        a = agency["id"]
        d, p, r, w = (
            decisions.get(a, {}),
            published.get(a, {}),
            reviews.get(a, {}),
            warnings.get(a, {}),
        )
        rows.append(
            {
                **agency,
                "filed": cases.get(a, {}).get("filed", 0),
                "overdue": overdue.get(a, {}).get("n", 0),
                "decisions": d.get("n", 0),
                "deviations": d.get("deviations", 0),
                "published": p.get("n", 0),
                "on_time": p.get("on_time", 0),
                "reviews": r.get("n", 0),
                "agreed": r.get("agreed", 0),
                "reports": reports.get(a, {}).get("n", 0),
                "warnings": w.get("n", 0),
                "warnings_open": open_now.get(a, {}).get("total", 0),
                "warnings_red": open_now.get(a, {}).get("red", 0),
                "warnings_orange": open_now.get(a, {}).get("orange", 0),
                "warnings_yellow": open_now.get(a, {}).get("yellow", 0),
                "warning_points": w.get("points") or 0,
            }
        )
    return rows
