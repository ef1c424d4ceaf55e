"""PDF documents of a case (决定书, 告知书, 听证通知书, 催告书, 送达回证, 卷宗封面), rendered by
enforcement_portal.pdf."""

from __future__ import annotations

from django.utils import timezone

from enforcement_portal import pdf

from . import conf, deadlines, penalty

TEMPLATES = {
    "decision": "workflows/pdf/decision.html",
    "notice": "workflows/pdf/notice.html",
    "service_receipt": "workflows/pdf/service_receipt.html",
    "file_cover": "workflows/pdf/file_cover.html",
    "hearing_notice": "workflows/pdf/hearing_notice.html",
    "urge": "workflows/pdf/urge.html",
}


def document_context(document) -> dict:
    from .balance import balance, payment_clause
    from .models import Decision, Hearing, UrgeNotice

    case = document.case
    decision = Decision.objects.filter(case=case).first()
    hearing = Hearing.objects.filter(case=case).select_related("host__agency").first()
    urge = UrgeNotice.objects.filter(case=case).first()

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
        # The notice states what the party was told: its own facts, basis and penalty (Art. 44).
        "penalty_notice": case.penalty_notices.order_by("id").last(),
        # 听证通知书 (Art. 64) and 催告书 (行政强制法 Arts. 35, 54).
        "hearing": hearing,
        "hearing_notice_latest": deadlines.hearing_notice_latest(hearing.hearing_on)
        if hearing and hearing.hearing_on
        else None,
        "urge": urge,
        "urge_owed": balance(case, on=urge.issued_on) if urge else None,
        "urge_period_ends": deadlines.urge_period_ends(urge.received_on)
        if urge and urge.received_on
        else None,
    }


def render_pdf(document) -> bytes:
    return pdf.render_pdf(TEMPLATES[document.kind], document_context(document))
