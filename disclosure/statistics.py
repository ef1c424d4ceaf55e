"""Annual enforcement statistics (行政执法统计年报): computed from the data, one grouped query
per table, and published as a page and a PDF before 31 January."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from enforcement_portal.audit import audit_append
from powers.models import Agency, Power
from workflows.models import Case, Decision

from .models import AnnualReport, Publication


def _money(value) -> str:
    return str((value or Decimal(0)).quantize(Decimal("0.01")))


def annual_figures(agency: Agency, year: int) -> dict:
    categories = dict(Power.Category.choices)
    cases = Case.objects.filter(agency=agency, filed_on__year=year)
    by_category = (
        cases.values("power__category").annotate(n=Count("id")).order_by("power__category")
    )
    case_totals = cases.aggregate(
        filed=Count("id"),
        hearings=Count("id", filter=Q(hearing_requested=True)),
        major=Count("id", filter=Q(is_major=True)),
    )
    decisions = Decision.objects.filter(case__agency=agency, decided_on__year=year)
    decision_totals = decisions.aggregate(
        decided=Count("id"),
        no_penalty=Count("id", filter=Q(no_penalty=True)),
        deviations=Count("id", filter=Q(is_deviation=True)),
        fines=Sum("fine_amount"),
        confiscated=Sum("confiscation_amount"),
    )
    types: dict[str, int] = {}
    for text in decisions.values_list("penalty_types", flat=True):
        for name in (text or "").split("、"):
            if name.strip():
                types[name.strip()] = types.get(name.strip(), 0) + 1
    publications = Publication.objects.filter(agency=agency, decided_on__year=year)
    publication_totals = publications.aggregate(
        published=Count("id", filter=Q(status__in=["published", "withdrawn"])),
        on_time=Count(
            "id", filter=Q(status__in=["published", "withdrawn"], published_on__lte=F("due_by"))
        ),
        withdrawn=Count("id", filter=Q(status="withdrawn")),
        unpublished=Count("id", filter=Q(status="draft")),
    )
    return {
        "year": year,
        "agency": agency.name,
        "cases_by_category": [
            {
                "category": str(categories.get(row["power__category"], row["power__category"])),
                "count": row["n"],
            }
            for row in by_category
        ],
        "cases_filed": case_totals["filed"],
        "hearings": case_totals["hearings"],
        "major_decisions": case_totals["major"],
        "decisions": decision_totals["decided"],
        "no_penalty": decision_totals["no_penalty"],
        "deviations": decision_totals["deviations"],
        "fines_total": _money(decision_totals["fines"]),
        "confiscated_total": _money(decision_totals["confiscated"]),
        "penalty_types": sorted(
            ({"type": k, "count": v} for k, v in types.items()), key=lambda r: -r["count"]
        ),
        "published": publication_totals["published"],
        "published_on_time": publication_totals["on_time"],
        "withdrawn": publication_totals["withdrawn"],
        "unpublished": publication_totals["unpublished"],
        "registered_powers": Power.objects.filter(
            agency=agency, status=Power.Status.REGISTERED
        ).count(),
    }


@transaction.atomic
def annual_report_publish(*, agency: Agency, year: int, on: dt.date | None = None) -> AnnualReport:
    """(Re)compute the agency's report for ``year`` from the data and publish it."""
    today = on or timezone.localdate()
    if year >= today.year:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("A year's report is published after the year has ended."))
    report, _created = AnnualReport.objects.update_or_create(
        agency=agency,
        year=year,
        defaults={
            "figures": annual_figures(agency, year),
            "generated_at": timezone.now(),
            "published_on": today,
        },
    )
    audit_append(action="annual_report.publish", obj=report, changes={"year": year})
    return report


def annual_report_due(year: int) -> dt.date:
    """The report for ``year`` is due before 31 January of the next year."""
    return dt.date(year + 1, 1, 31)


def bar_chart_svg(rows: list[dict], *, label_key: str, value_key: str, width: int = 560) -> str:
    """A horizontal bar chart as inline SVG (presentation attributes only, CSP-safe)."""
    rows = [r for r in rows if r.get(value_key)]
    if not rows:
        return ""
    peak = max(r[value_key] for r in rows)
    bar_h, gap, label_w = 22, 8, 150
    height = len(rows) * (bar_h + gap) + gap
    return render_to_string(
        "disclosure/_bar_chart.svg",
        {
            "bars": [
                {
                    "y": gap + i * (bar_h + gap),
                    "label": r[label_key],
                    "value": r[value_key],
                    "w": max(2, int((width - label_w - 60) * r[value_key] / peak)),
                }
                for i, r in enumerate(rows)
            ],
            "width": width,
            "height": height,
            "label_w": label_w,
            "bar_h": bar_h,
        },
    )


def render_annual_pdf(report: AnnualReport) -> bytes:
    from enforcement_portal.pdf import render_pdf

    return render_pdf(
        "disclosure/annual_report_pdf.html",
        {
            "report": report,
            "f": report.figures,
            "chart": bar_chart_svg(
                report.figures.get("cases_by_category", []), label_key="category", value_key="count"
            ),
        },
    )
