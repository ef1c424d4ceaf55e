"""The monthly supervision report (月度监督报告) as a PDF, rendered like the other documents."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from workflows.documents import font_url


def render_monthly_pdf(report: dict) -> bytes:
    # Imported here: WeasyPrint needs system libraries the portal can run without.
    import weasyprint

    context = {**report, "font_url": font_url(), "city": settings.CITY_NAME}
    html = render_to_string("oversight/supervision/monthly_pdf.html", context)
    return weasyprint.HTML(string=html).write_pdf()
