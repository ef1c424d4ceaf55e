"""Reads for public reports: handlers' lists, the receipt-code lookup, and warning feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from enforcement_portal.roles import Role

from . import receipts
from .conf import setting
from .models import IdentityAccessRequest, Report, RewardDecision


def reports_for_user(user) -> QuerySet[Report]:
    """Reports a user may read: exactly ``reports.view_report`` as a filter.

    ``(handler & in remit | supervisor) & not the reported agency``: a registry reviewer or a
    system administrator reads across agencies but is neither, and lists nothing (#17).
    """
    qs = Report.objects.select_related("agency", "officer", "handling_agency")
    if not (user and user.is_authenticated and user.is_active):
        return qs.none()
    if user.has_role(Role.DISCIPLINE_SUPERVISOR):
        visible = Q()
    elif user.has_role(Role.REPORT_HANDLER):
        # in_remit: city-level handlers (no agency) handle all, others their own body's.
        visible = Q() if user.agency_id is None else Q(handling_agency_id=user.agency_id)
    else:
        return qs.none()
    if user.agency_id is not None:
        # The reported agency never reads reports about itself, whatever its roles.
        visible &= ~Q(agency_id=user.agency_id)
    return qs.filter(visible)


def report_by_receipt(text: str) -> Report | None:
    """The report a receipt code opens, or None; wrong and unknown codes cost the same."""
    code = receipts.receipt_parse(text)
    report = (
        Report.objects.select_related("agency", "officer").filter(lookup=code.lookup).first()
        if code
        else None
    )
    ok = receipts.receipt_matches(code, report.secret_hash if report else None)
    return report if ok else None


def report_thread(report: Report) -> QuerySet:
    return report.messages.select_related("handler").order_by("id")


def identity_requests_for(report: Report) -> QuerySet[IdentityAccessRequest]:
    return report.identity_requests.select_related("requested_by", "decided_by")


def overdue_reports(today: dt.date | None = None) -> QuerySet[Report]:
    """Reports past a handling deadline, annotated ``overdue`` = "accept" or "conclude".

    For the warnings engine: not registered within 15 days, or not concluded by the
    (possibly extended) conclusion date.
    """
    today = today or timezone.localdate()
    late_accept = Q(status=Report.Status.RECEIVED, accept_due__lt=today)
    late_conclude = Q(
        status__in=[Report.Status.ACCEPTED, Report.Status.INVESTIGATING], conclude_due__lt=today
    )
    return (
        Report.objects.filter(late_accept | late_conclude)
        .annotate(
            overdue=Case(
                When(late_accept, then=Value("accept")),
                default=Value("conclude"),
                output_field=CharField(),
            ),
            due=Case(When(late_accept, then=F("accept_due")), default=F("conclude_due")),
        )
        .select_related("agency", "officer")
        .order_by("due", "id")
    )


def repeated_report_targets(
    today: dt.date | None = None,
) -> dict[str, list[Mapping[str, Any]]]:
    """Officers and agencies with N or more reports received in the last M days (3 in 90).

    Returns {"officers": [{"officer_id", "agency_id", "count"}], "agencies": [{"agency_id",
    "count"}]}, each one grouped query.
    """
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=setting("REPORTS_REPEAT_WINDOW_DAYS"))
    threshold = setting("REPORTS_REPEAT_THRESHOLD")
    recent = Report.objects.filter(received_on__gt=since, received_on__lte=today)
    officers = (
        recent.filter(officer__isnull=False)
        .values("officer_id", "agency_id")
        .annotate(count=Count("id"))
        .filter(count__gte=threshold)
        .order_by("-count", "officer_id")
    )
    agencies = (
        recent.values("agency_id")
        .annotate(count=Count("id"))
        .filter(count__gte=threshold)
        .order_by("-count", "agency_id")
    )
    return {"officers": list(officers), "agencies": list(agencies)}


def reward_ledger() -> QuerySet[RewardDecision]:
    return RewardDecision.objects.select_related(
        "report", "report__agency", "rule", "decided_by", "paid_by"
    ).order_by("-decided_on", "-id")


def report_statistics() -> list[Mapping[str, Any]]:
    """Counts by agency and status; survives retention (the rows stay, identity goes)."""
    return list(
        Report.objects.values("agency__name", "status")
        .annotate(count=Count("id"))
        .order_by("agency__name", "status")
    )
