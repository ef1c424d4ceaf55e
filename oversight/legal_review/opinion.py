"""The legal review opinion (法制审核意见书) as a PDF, rendered like workflows' documents."""

from __future__ import annotations

from enforcement_portal.pdf import render_pdf


def opinion_context(review) -> dict:
    return {
        "review": review,
        "case": review.case,
        "agency": review.case.agency,
        "rows": review.checklist_rows(),
    }


def render_opinion_pdf(review) -> bytes:
    return render_pdf("oversight/legal/opinion_pdf.html", opinion_context(review))
