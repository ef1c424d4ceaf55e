"""The legal review opinion (法制审核意见书) as a PDF, rendered like workflows' documents."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from workflows.documents import font_url


def opinion_context(review) -> dict:
    return {
        "review": review,
        "case": review.case,
        "agency": review.case.agency,
        "rows": review.checklist_rows(),
        "font_url": font_url(),
        "city": settings.CITY_NAME,
    }


def render_opinion_pdf(review) -> bytes:
    # Imported here: WeasyPrint needs system libraries the portal can run without.
    import weasyprint

    html = render_to_string("oversight/legal/opinion_pdf.html", opinion_context(review))
    return weasyprint.HTML(string=html).write_pdf()
