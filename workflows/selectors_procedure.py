"""Reads of the procedure before the decision: the notice in force, its window, who acts on a
case, whether a collective discussion is required, and the late-service lists the warnings
read. Nothing here writes; the dates come from ``workflows.deadlines``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from enforcement_portal.workdays import add_workdays

from . import conf, deadlines
from .models import (
    Approval,
    Case,
    Decision,
    Hearing,
    PenaltyNotice,
    ProcessTemplate,
    ServiceRecord,
)

Kind = ServiceRecord.DocumentKind


def current_notice(case: Case) -> PenaltyNotice | None:
    """The latest notice of the proposed penalty (a new one replaces the earlier)."""
    return PenaltyNotice.objects.filter(case=case).order_by("id").last()


def notice_received_on(notice: PenaltyNotice | None) -> dt.date | None:
    if notice is None:
        return None
    service = ServiceRecord.objects.filter(notice=notice, document_kind=Kind.NOTICE).first()
    return service.received_on if service else None


def notice_window_ends(notice: PenaltyNotice | None) -> dt.date | None:
    """The last day of the party's statement, defence and hearing request (Arts. 45, 64)."""
    received = notice_received_on(notice)
    return deadlines.defence_window_ends(received) if received else None


def acts_on_case(user, case: Case) -> bool:
    """Whether ``user`` is an officer on the case: one of its officers, who opened it, or who
    made its decision (neither may host its hearing nor approve its decision)."""
    if user is None or not user.is_authenticated:
        return False
    if case.created_by_id == user.pk or case.officers.filter(user=user).exists():
        return True
    return Decision.objects.filter(case=case, decided_by=user).exists()


def hearing_held(case: Case) -> bool:
    return Hearing.objects.filter(case=case, status=Hearing.Status.HELD).exists()


def discussion_reasons(case: Case, fine: Decimal | None = None) -> list[str]:
    """Why the case is complex or serious and needs a collective discussion (Art. 57)."""
    if fine is None:
        decision = Decision.objects.filter(case=case).first()
        fine = decision.fine_amount if decision else None
    reasons = []
    if hearing_held(case):
        reasons.append(_("a hearing was held"))
    if case.is_major:
        reasons.append(_("the decision needs legal review"))
    threshold = conf.discussion_threshold(case.party_kind)
    if fine is not None and Decimal(fine) >= threshold:
        reasons.append(_("the fine is %(t)s yuan or more") % {"t": f"{threshold:,}"})
    return reasons


def is_simplified(case: Case) -> bool:
    return case.template.kind == ProcessTemplate.Kind.SIMPLIFIED_PENALTY


def approval_problems(case: Case) -> list[str]:
    """What stops the decision from being served: the responsible person's approval."""
    if is_simplified(case) or not Decision.objects.filter(case=case).exists():
        return []
    if Approval.objects.filter(case=case).exists():
        return []
    return [
        _(
            "Administrative Penalty Law Art. 57: the decision must be approved by the agency's "
            "responsible person before it is served."
        )
    ]


def _decision_service_exists():
    return Exists(ServiceRecord.objects.filter(case=OuterRef("case"), document_kind=Kind.DECISION))


def decisions_not_served(today: dt.date) -> QuerySet[Decision]:
    """Decisions made more than 7 working days ago (Arts. 61, 85) with no service record.

    On-the-spot decisions are handed over on the spot and filed instead."""
    latest = add_workdays(today, -conf.service_days())
    return (
        Decision.objects.filter(decided_on__lt=latest)
        .exclude(case__template__kind=ProcessTemplate.Kind.SIMPLIFIED_PENALTY)
        .exclude(_decision_service_exists())
        .select_related("case")
    )


def hearings_notice_late(today: dt.date) -> QuerySet[Hearing]:
    """Scheduled hearings whose notice was (or can no longer be) served 7 working days before
    the hearing (Arts. 64, 85). The working-day calendar is read in Python over the scheduled
    hearings only; the answer is a queryset of them."""
    late = []
    scheduled = Hearing.objects.filter(status=Hearing.Status.SCHEDULED)
    for hearing in scheduled.only("pk", "case_id", "hearing_on"):
        assert hearing.hearing_on is not None  # a scheduled hearing has its date
        latest = deadlines.hearing_notice_latest(hearing.hearing_on)
        served = (
            ServiceRecord.objects.filter(case_id=hearing.case_id, document_kind=Kind.HEARING_NOTICE)
            .order_by("received_on")
            .first()
        )
        too_late = served.received_on > latest if served else today > latest
        if too_late:
            late.append(hearing.pk)
    # No late hearing: an empty filter the scan can still compile into SQL (not ``pk__in=[]``).
    chosen = Q(pk__in=late) if late else Q(pk__isnull=True)
    return Hearing.objects.filter(chosen).select_related("case")


def procedure_for(case: Case) -> dict:
    """What the case page's procedure section shows."""
    notice = current_notice(case)
    received = notice_received_on(notice)
    hearing = Hearing.objects.filter(case=case).select_related("host").first()
    return {
        "notice": notice,
        "notice_received_on": received,
        "window_ends": deadlines.defence_window_ends(received) if received else None,
        "points": list(case.defence_points.select_related("answered_by").order_by("id")),
        "hearing": hearing,
        "hearing_notice_latest": deadlines.hearing_notice_latest(hearing.hearing_on)
        if hearing and hearing.hearing_on
        else None,
        "discussions": list(case.discussions.prefetch_related("participants").order_by("id")),
        "discussion_reasons": discussion_reasons(case),
        "approval": Approval.objects.filter(case=case).select_related("approved_by").first(),
        "services": list(case.service_records.select_related("served_by").order_by("id")),
        "hearing_notice_document": case.documents.filter(kind="hearing_notice").first(),
    }
