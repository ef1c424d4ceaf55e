"""Reads of supervision records and the monthly supervision report of a unit."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from enforcement_portal.roles import Role

from ..models import EarlyWarning, Finding, SupervisionRecord, WarningAction


def records_for_user(user) -> QuerySet[SupervisionRecord]:
    """Supervisors read every record; an agency leader the records about the own agency."""
    qs = SupervisionRecord.objects.select_related("unit", "agency", "created_by")
    if not (user and user.is_authenticated):
        return qs.none()
    if user.has_role(Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN):
        return qs
    if user.agency_id and user.has_role(Role.AGENCY_LEADER):
        return qs.filter(agency_id=user.agency_id)
    return qs.none()


def with_finding_counts(qs: QuerySet[SupervisionRecord]) -> QuerySet[SupervisionRecord]:
    return qs.annotate(
        n_findings=Count("findings", distinct=True),
        n_open=Count(
            "findings", filter=~Q(findings__status=Finding.Status.RECTIFIED), distinct=True
        ),
    )


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def monthly_report(unit, month: dt.date, *, today: dt.date) -> dict:
    """Everything the monthly supervision report (月度监督报告) of ``unit`` shows."""
    first, last = month_bounds(month)
    records = list(
        SupervisionRecord.objects.filter(unit=unit, checked_on__range=(first, last))
        .select_related("agency", "created_by")
        .prefetch_related("findings")
        .order_by("checked_on", "id")
    )
    by_method: dict[str, int] = defaultdict(int)
    by_agency: dict[int, dict] = {}
    kinds = list(Finding.Kind.choices)
    status_counts = {s: 0 for s in Finding.Status.values}
    findings = []
    for record in records:
        by_method[record.get_method_display()] += 1
        row = by_agency.setdefault(
            record.agency_id,
            {"agency": record.agency, "checks": 0, "kinds": {k: 0 for k, _l in kinds}, "total": 0},
        )
        row["checks"] += 1
        for finding in record.findings.all():
            findings.append(finding)
            row["kinds"][finding.kind] += 1
            row["total"] += 1
            status_counts[finding.status] += 1
    agency_rows = sorted(by_agency.values(), key=lambda r: r["agency"].code)
    for row in agency_rows:
        row["kind_list"] = [row["kinds"][k] for k, _l in kinds]
    # Overdue rectifications: every finding of the unit still not verified past its deadline,
    # whichever month it was found in (as of the report's end, or today for the running month).
    as_of = min(last, today)
    overdue = list(
        Finding.objects.filter(record__unit=unit, deadline__lt=as_of)
        .exclude(status=Finding.Status.RECTIFIED)
        .select_related("record__agency")
        .order_by("deadline", "id")
    )
    opened = EarlyWarning.objects.filter(
        opened_at__date__range=(first, last), agency__isnull=False
    ).aggregate(
        total=Count("id"),
        red=Count("id", filter=Q(level="red")),
        orange=Count("id", filter=Q(level="orange")),
        yellow=Count("id", filter=Q(level="yellow")),
    )
    handled = WarningAction.objects.filter(created_at__date__range=(first, last)).aggregate(
        handled=Count("id", filter=Q(action="handle")),
        closed=Count("id", filter=Q(action="close")),
    )
    return {
        "unit": unit,
        "first": first,
        "last": last,
        "as_of": as_of,
        "records": records,
        "checks": len(records),
        "agencies_checked": len(agency_rows),
        "by_method": sorted(by_method.items()),
        "kinds": kinds,
        "agency_rows": agency_rows,
        "findings": len(findings),
        "status_counts": [(label, status_counts[s]) for s, label in Finding.Status.choices],
        "overdue": overdue,
        "warnings_opened": opened,
        "warnings_handled": handled,
    }
