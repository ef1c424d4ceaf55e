"""PDF documents of a case (决定书, 告知书, 送达回证, 卷宗封面), rendered by enforcement_portal.pdf."""

from __future__ import annotations

from django.utils import timezone

from enforcement_portal import pdf

from . import conf, penalty

TEMPLATES = {
    "decision": "workflows/pdf/decision.html",
    "notice": "workflows/pdf/notice.html",
    "service_receipt": "workflows/pdf/service_receipt.html",
    "file_cover": "workflows/pdf/file_cover.html",
}


def document_context(document) -> dict:
    from .models import Decision

    case = document.case
    decision = Decision.objects.filter(case=case).first()
    from .balance import payment_clause

    return {
        "document": document,
        "payment_clause": payment_clause(decision) if decision else "",
        "case": case,
        "agency": case.agency,
        "power": case.power,
        "decision": decision,
        "officers": list(case.officers.all()),
        "records": list(case.records.select_related("node").order_by("id")),
        "documents": list(case.documents.order_by("kind")),
        "events": list(case.events.order_by("id")),
        "bases": list(case.power.bases.select_related("provision__regulation")),
        "today": timezone.localdate(),
        # What the decision names, by agency (settings in workflows/conf.py).
        "payment_route": conf.payment_route(case.agency),
        "remedy_bodies": conf.remedy_bodies(case.agency),
        "severity_label": dict(penalty.severity_choices()).get(
            getattr(decision, "severity", ""), ""
        ),
    }


def render_pdf(document) -> bytes:
    return pdf.render_pdf(TEMPLATES[document.kind], document_context(document))
