"""The supervision dashboard: per-agency figures, a monthly trend chart, drill-down, XLSX."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal import tables

from .selectors import dashboard_figures

COLUMNS = [
    ("name", _("Agency")),
    ("filed", _("Cases filed")),
    ("active", _("Cases in progress")),
    ("overdue", _("Overdue")),
    ("overdue_rate", _("Overdue rate (%)")),
    ("decisions", _("Number of decisions")),
    ("deviation_rate", _("Deviation rate (%)")),
    ("published", _("Published")),
    ("timeliness", _("Published on time (%)")),
    ("agreement_rate", _("Legal review agreement rate (%)")),
    ("reports", _("Reports received")),
    ("warnings", _("Open warnings")),
]


def trend_svg(points: list[dict]) -> str:
    """Monthly bars (filed) with a line (decided), drawn here: no script, no external service."""
    from django.template.loader import render_to_string

    width, height, pad = 640, 220, 30
    peak = max([1] + [max(p["filed"], p["decided"]) for p in points])
    step = (width - 2 * pad) / max(len(points), 1)
    bars, line = [], []
    for i, p in enumerate(points):
        x = pad + i * step
        h = (height - 2 * pad) * p["filed"] / peak
        bars.append(
            {
                "x": round(x + step * 0.15, 1),
                "y": round(height - pad - h, 1),
                "w": round(step * 0.7, 1),
                "h": round(h, 1),
                "label": f"{p['month'].month}月",
                "value": p["filed"],
                "lx": round(x + step / 2, 1),
            }
        )
        line.append(
            f"{round(x + step / 2, 1)},{round(height - pad - (height - 2 * pad) * p['decided'] / peak, 1)}"
        )
    return render_to_string(
        "oversight/_trend.svg",
        {
            "bars": bars,
            "line": " ".join(line),
            "width": width,
            "height": height,
            "base": height - pad,
        },
    )


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "oversight.view_dashboard"

    def period(self, request) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        try:
            year = int(request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        year = min(max(year, 2000), today.year)
        return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)

    def get(self, request):
        since, until = self.period(request)
        today = timezone.localdate()
        figures = dashboard_figures(request.user, since=since, until=until, today=today)
        rows = figures["rows"]
        if request.GET.get("format") == "xlsx":
            return self.xlsx(rows, since.year)
        totals = {
            key: sum(r[key] or 0 for r in rows)
            for key in (
                "filed",
                "active",
                "overdue",
                "decisions",
                "deviations",
                "published",
            )
        }
        # The open warnings as the warning list counts them (one selector, one moment).
        warnings = figures["warnings"]
        totals.update(
            warnings=warnings["total"],
            red=warnings["red"],
            orange=warnings["orange"],
            yellow=warnings["yellow"],
        )
        context = {
            "rows": rows,
            "totals": totals,
            "year": since.year,
            "show_reports": request.user.reads_across_agencies,
            "chart": trend_svg(figures["trend"]),
        }
        return render(request, "oversight/dashboard.html", context)

    def xlsx(self, rows, year) -> HttpResponse:
        return tables.xlsx_response(
            f"dashboard-{year}.xlsx",
            tables.Sheet(
                str(year),
                [label for _key, label in COLUMNS],
                ([row[key] for key, _label in COLUMNS] for row in rows),
            ),
        )
