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
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from disclosure.models import Publication
from enforcement_portal.predicates import scope_to_user
from powers.models import Agency
from reports.models import Report
from workflows.models import Case, Decision
from workflows.selectors import overdue_cases

from ..models import AgencyDay, EarlyWarning, LegalReview
from ..warnings.selectors import open_warnings_by_agency, warning_counts


def _by_agency(rows, key="agency") -> dict:
    return {row[key]: row for row in rows}


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def uses_day_figures() -> bool:
    """True where the trigger-kept ``AgencyDay`` counts exist (PostgreSQL) and are wanted.

    ``DASHBOARD_DAY_FIGURES = False`` counts live from the tables instead (the benchmark's
    comparison; the triggers keep the rows either way).
    """
    return connection.vendor == "postgresql" and getattr(settings, "DASHBOARD_DAY_FIGURES", True)


def _scoped_agencies(user) -> list[dict]:
    return list(
        scope_to_user(Agency.objects.filter(is_enforcement_body=True), user, agency_field="self")
        .order_by("code")
        .values("id", "code", "name")
    )


def _live_counts(
    ids: list[int], *, since: dt.date, until: dt.date, today: dt.date, reports: bool = True
) -> dict:
    """Per-agency counts straight from the tables (SQLite, and the reference in tests)."""
    # COUNT(*) rather than COUNT(id): the counts are then answered from covering indexes
    # alone (index-only scans), without visiting a million table rows.
    counts: dict = defaultdict(lambda: defaultdict(int))

    def merge(rows, **fields):
        for row in rows:
            for name, column in fields.items():
                counts[row["agency"]][name] = row[column]

    merge(
        Case.objects.filter(agency__in=ids, filed_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("*")),
        filed="n",
    )
    merge(
        overdue_cases(today).filter(agency__in=ids).values("agency").annotate(n=Count("*")),
        overdue="n",
    )
    merge(
        Case.objects.filter(agency__in=ids, status__in=["open", "decided", "executed"])
        .values("agency")
        .annotate(n=Count("*")),
        active="n",
    )
    merge(
        Decision.objects.filter(case__agency__in=ids, decided_on__range=(since, until))
        .values(agency=F("case__agency"))
        .annotate(n=Count("*"), dev=Count("is_deviation", filter=Q(is_deviation=True))),
        decisions="n",
        deviations="dev",
    )
    merge(
        Publication.objects.filter(
            agency__in=ids, decided_on__range=(since, until), status__in=["published", "withdrawn"]
        )
        .values("agency")
        .annotate(n=Count("*"), ok=Count("due_by", filter=Q(published_on__lte=F("due_by")))),
        published="n",
        on_time="ok",
    )
    merge(
        LegalReview.objects.filter(agency__in=ids, reviewed_on__range=(since, until))
        .values("agency")
        .annotate(n=Count("*"), ok=Count("id", filter=Q(status=LegalReview.Status.AGREED))),
        reviews="n",
        agreed="ok",
    )
    if reports:  # shown only to readers across agencies
        merge(
            Report.objects.filter(agency__in=ids, received_on__range=(since, until))
            .values("agency")
            .annotate(n=Count("*")),
            reports="n",
        )
    return counts


def _day_counts(ids: list[int], *, since: dt.date, until: dt.date, today: dt.date) -> dict:
    """The same counts from ``AgencyDay``: two grouped sums over a few thousand rows."""
    counts: dict = defaultdict(lambda: defaultdict(int))
    in_period = Q(day__range=(since, until))
    period_fields = ("filed", "decisions", "deviations", "published", "on_time", "reviews")
    rows = (
        AgencyDay.objects.filter(agency__in=ids)
        .values("agency")
        .annotate(
            active=Sum("active"),
            overdue=Sum("due", filter=Q(day__lt=today), default=0),
            agreed=Sum("agreed", filter=in_period, default=0),
            reports=Sum("reports", filter=in_period, default=0),
            **{name: Sum(name, filter=in_period, default=0) for name in period_fields},
        )
    )
    for row in rows:
        counts[row["agency"]].update((k, v) for k, v in row.items() if k != "agency")
    return counts


def agency_figures(
    user, *, since: dt.date, until: dt.date, today: dt.date | None = None, live: bool = False
) -> list[dict]:
    """One row of figures per agency the user may read, ordered by agency code.

    ``live=True`` counts from the tables even where ``AgencyDay`` exists (tests compare the
    two). Overdue cases are those overdue on ``today`` (default: the local date).
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    agencies = _scoped_agencies(user)
    ids = [a["id"] for a in agencies]
    if uses_day_figures() and not live:
        counts = _day_counts(ids, since=since, until=until, today=today)
    else:
        counts = _live_counts(
            ids, since=since, until=until, today=today, reports=user.reads_across_agencies
        )
    warnings = open_warnings_by_agency(EarlyWarning.objects.filter(agency__in=ids))
    rows = []
    for agency in agencies:
        a = agency["id"]
        c = counts.get(a, {})
        w = warnings.get(a, {})
        rows.append(
            {
                **agency,
                "filed": c.get("filed", 0),
                "active": c.get("active", 0),
                "overdue": c.get("overdue", 0),
                "overdue_rate": _rate(c.get("overdue", 0), c.get("active", 0)),
                "decisions": c.get("decisions", 0),
                "deviations": c.get("deviations", 0),
                "deviation_rate": _rate(c.get("deviations", 0), c.get("decisions", 0)),
                "published": c.get("published", 0),
                "timeliness": _rate(c.get("on_time", 0), c.get("published", 0)),
                "reviews": c.get("reviews", 0),
                "agreement_rate": _rate(c.get("agreed", 0), c.get("reviews", 0)),
                "reports": c.get("reports", 0) if user.reads_across_agencies else None,
                "warnings": w.get("total", 0),
                "red": w.get("red", 0),
                "orange": w.get("orange", 0),
                "yellow": w.get("yellow", 0),
            }
        )
    return rows


def _months(today: dt.date, months: int) -> list[dt.date]:
    first = dt.date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    out, month = [], first
    for _ in range(months):
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def monthly_trend(user, *, months: int = 12, today: dt.date, live: bool = False) -> list[dict]:
    """Cases filed and decisions made per month, for the last ``months`` months."""
    first = _months(today, months)[0]
    series: dict = defaultdict(lambda: {"filed": 0, "decided": 0})
    if uses_day_figures() and not live:
        rows = (
            scope_to_user(AgencyDay.objects.filter(day__gte=first), user)
            .annotate(m=TruncMonth("day"))
            .values("m")
            .annotate(filed=Sum("filed"), decided=Sum("decisions"))
        )
        for row in rows:
            series[row["m"]] = {"filed": row["filed"], "decided": row["decided"]}
    else:
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
        for row in filed:
            series[row["m"]]["filed"] = row["n"]
        for row in decided:
            series[row["m"]]["decided"] = row["n"]
    return [
        {"month": month, **series.get(month, {"filed": 0, "decided": 0})}
        for month in _months(today, months)
    ]


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
    """``{"rows": agency_figures(...), "trend": monthly_trend(...), "warnings":
    warning_counts(user)}``, computed at one moment and cached as described."""
    import hashlib

    seconds = getattr(settings, "DASHBOARD_CACHE_SECONDS", 300)

    def compute() -> dict:
        return {
            "rows": agency_figures(user, since=since, until=until, today=today),
            "trend": monthly_trend(user, today=today),
            # Every open warning the reader may read, city-level ones included: the figure
            # the warning list shows when filtered to open (the rows count agencies' only).
            "warnings": warning_counts(user),
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
