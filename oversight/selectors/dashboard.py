"""Figures for the supervision dashboard: one grouped query per measure, merged per agency.

Supervisors see every enforcement agency; an agency leader sees their own. Counts of public
reports are shown only to those reading across agencies, so an agency never learns how often
it was reported.

At a million cases the grouped queries take a few hundred milliseconds together, so
``dashboard_figures`` keeps their result in the cache under a key that names the reader's
scope, the period, today's date and a fingerprint of the data: the head of the audit chain
(every state change goes through ``audit_append``) and the newest row of every table the
figures count. Any audited change or new row makes a new key, so a figure is never served
stale; ``invalidate_figures`` drops every cached figure at once (a generation number in the
key), and entries expire after ``DASHBOARD_CACHE_SECONDS`` (300 by default; 0 turns caching
off) as a bound on changes made outside the services, such as bulk SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from disclosure.models import Publication
from enforcement_portal.predicates import scope_to_user
from powers.models import Agency
from workflows.models import Case, Decision
from workflows.selectors import overdue_cases

from ..models import EarlyWarning, LegalReview, Report


def _by_agency(rows, key="agency") -> dict:
    return {row[key]: row for row in rows}


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def agency_figures(user, *, since: dt.date, until: dt.date) -> list[dict]:
    # COUNT(*) rather than COUNT(id): the counts are then answered from covering indexes
    # alone (index-only scans), without visiting a million table rows.
    agencies = list(
        scope_to_user(Agency.objects.filter(is_enforcement_body=True), user, agency_field="self")
        .order_by("code")
        .values("id", "code", "name")
    )
    ids = [a["id"] for a in agencies]
    cases = _by_agency(
        Case.objects.filter(agency__in=ids, filed_on__range=(since, until))
        .values("agency")
        .annotate(filed=Count("*"))
    )
    overdue = _by_agency(
        overdue_cases().filter(agency__in=ids).values("agency").annotate(n=Count("*"))
    )
    active = _by_agency(
        Case.objects.filter(agency__in=ids, status__in=["open", "decided", "executed"])
        .values("agency")
        .annotate(n=Count("*"))
    )
    decisions = _by_agency(
        Decision.objects.filter(case__agency__in=ids, decided_on__range=(since, until))
        .values(agency=F("case__agency"))
        .annotate(n=Count("*"), deviations=Count("is_deviation", filter=Q(is_deviation=True)))
    )
    published = _by_agency(
        Publication.objects.filter(
            agency__in=ids, decided_on__range=(since, until), status__in=["published", "withdrawn"]
        )
        .values("agency")
        .annotate(n=Count("*"), on_time=Count("due_by", filter=Q(published_on__lte=F("due_by"))))
    )
    reviews = _by_agency(
        LegalReview.objects.filter(agency__in=ids, reviewed_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("*"), agreed=Count("id", filter=Q(status=LegalReview.Status.AGREED)))
    )
    warnings = _by_agency(
        EarlyWarning.objects.filter(agency__in=ids, status__in=EarlyWarning.OPEN)
        .values("agency")
        .annotate(
            total=Count("*"),
            red=Count("id", filter=Q(level="red")),
            orange=Count("id", filter=Q(level="orange")),
            yellow=Count("id", filter=Q(level="yellow")),
        )
    )
    reports = {}
    if user.reads_across_agencies:
        reports = _by_agency(
            Report.objects.filter(agency__in=ids, received_on__range=(since, until))
            .values("agency")
            .annotate(n=Count("*"))
        )
    rows = []
    for agency in agencies:
        a = agency["id"]
        n_active = active.get(a, {}).get("n", 0)
        n_overdue = overdue.get(a, {}).get("n", 0)
        n_decisions = decisions.get(a, {}).get("n", 0)
        n_published = published.get(a, {}).get("n", 0)
        w = warnings.get(a, {})
        rows.append(
            {
                **agency,
                "filed": cases.get(a, {}).get("filed", 0),
                "active": n_active,
                "overdue": n_overdue,
                "overdue_rate": _rate(n_overdue, n_active),
                "decisions": n_decisions,
                "deviations": decisions.get(a, {}).get("deviations", 0),
                "deviation_rate": _rate(decisions.get(a, {}).get("deviations", 0), n_decisions),
                "published": n_published,
                "timeliness": _rate(published.get(a, {}).get("on_time", 0), n_published),
                "reviews": reviews.get(a, {}).get("n", 0),
                "agreement_rate": _rate(
                    reviews.get(a, {}).get("agreed", 0), reviews.get(a, {}).get("n", 0)
                ),
                "reports": reports.get(a, {}).get("n") if user.reads_across_agencies else None,
                "warnings": w.get("total", 0),
                "red": w.get("red", 0),
                "orange": w.get("orange", 0),
                "yellow": w.get("yellow", 0),
            }
        )
    return rows


def monthly_trend(user, *, months: int = 12, today: dt.date) -> list[dict]:
    """Cases filed and decisions made per month, for the last ``months`` months."""
    first = dt.date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    filed = (
        scope_to_user(Case.objects.filter(filed_on__gte=first), user)
        .annotate(m=TruncMonth("filed_on"))
        .values("m")
        .annotate(n=Count("*"))
    )
    decided = (
        scope_to_user(
            Decision.objects.filter(decided_on__gte=first), user, agency_field="case__agency"
        )
        .annotate(m=TruncMonth("decided_on"))
        .values("m")
        .annotate(n=Count("*"))
    )
    series: dict = defaultdict(lambda: {"filed": 0, "decided": 0})
    for row in filed:
        series[row["m"]]["filed"] = row["n"]
    for row in decided:
        series[row["m"]]["decided"] = row["n"]
    out, month = [], first
    for _ in range(months):
        out.append({"month": month, **series.get(month, {"filed": 0, "decided": 0})})
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


GENERATION_KEY = "oversight:dashboard:generation"


def _fingerprint_tables() -> list[str]:
    from enforcement_portal.models import AuditEvent

    return [
        model._meta.db_table
        for model in (AuditEvent, Agency, Case, Decision, Publication, LegalReview, Report)
    ] + [EarlyWarning._meta.db_table]


def data_fingerprint() -> str:
    """One cheap query (primary-key and unique-index lookups) naming the data's state."""
    from enforcement_portal.models import AuditEvent

    quote = connection.ops.quote_name
    audit = quote(AuditEvent._meta.db_table)
    # Only quoted table and column names go into the text.
    head = f"(SELECT {quote('hash')} FROM {audit} ORDER BY {quote('seq')} DESC LIMIT 1)"  # noqa: S608
    newest = [f"(SELECT MAX(id) FROM {quote(t)})" for t in _fingerprint_tables()[1:]]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([head, *newest]))
        row = cursor.fetchone()
    return ":".join("" if value is None else str(value) for value in row)


def invalidate_figures() -> None:
    """Forget every cached dashboard figure (the next request computes them afresh)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def dashboard_figures(user, *, since: dt.date, until: dt.date, today: dt.date) -> dict:
    """``{"rows": agency_figures(...), "trend": monthly_trend(...)}``, cached as described."""
    import hashlib

    seconds = getattr(settings, "DASHBOARD_CACHE_SECONDS", 300)

    def compute() -> dict:
        return {
            "rows": agency_figures(user, since=since, until=until),
            "trend": monthly_trend(user, today=today),
        }

    if not seconds:
        return compute()
    scope = "all" if user.reads_across_agencies else f"agency-{user.agency_id or 0}"
    if not user.reads_across_agencies and not user.role_codes:
        scope = f"user-{user.pk}"
    generation = cache.get(GENERATION_KEY) or 0
    digest = hashlib.sha256(data_fingerprint().encode()).hexdigest()[:32]
    key = f"oversight:dashboard:{generation}:{scope}:{since}:{until}:{today}:{digest}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, seconds)
    return figures
