"""The monthly supervision report (月度监督报告) as a PDF, rendered like the other documents."""

from __future__ import annotations

from enforcement_portal.pdf import render_pdf


def render_monthly_pdf(report: dict) -> bytes:
    return render_pdf("oversight/supervision/monthly_pdf.html", report)
