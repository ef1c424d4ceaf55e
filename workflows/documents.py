"""PDF documents of a case, rendered by WeasyPrint with the CJK font embedded."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import conf

TEMPLATES = {
    "decision": "workflows/pdf/decision.html",
    "notice": "workflows/pdf/notice.html",
    "service_receipt": "workflows/pdf/service_receipt.html",
    "file_cover": "workflows/pdf/file_cover.html",
}


def font_url() -> str:
    path = Path(conf.pdf_font())
    return path.as_uri() if path.is_file() else ""


def document_context(document) -> dict:
    from .models import Decision

    case = document.case
    decision = Decision.objects.filter(case=case).first()
    return {
        "document": document,
        "case": case,
        "agency": case.agency,
        "power": case.power,
        "decision": decision,
        "officers": list(case.officers.all()),
        "records": list(case.records.select_related("node").order_by("id")),
        "documents": list(case.documents.order_by("kind")),
        "events": list(case.events.order_by("id")),
        "bases": list(case.power.bases.select_related("provision__regulation")),
        "font_url": font_url(),
        "city": settings.CITY_NAME,
        "today": timezone.localdate(),
    }


def render_pdf(document) -> bytes:
    # Imported here: WeasyPrint needs system libraries the portal can run without.
    import weasyprint

    html = render_to_string(TEMPLATES[document.kind], document_context(document))
    return weasyprint.HTML(string=html).write_pdf()
