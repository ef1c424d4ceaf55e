"""Reads of early warnings: supervisors see all; staff see their agency's; officers their own.

"Open warnings" has one definition, here: status 待处置 or 核查中 (``EarlyWarning.OPEN``) at
the moment of reading, counted by level. The desk panel, the warning list, the dashboard and
the evaluation all count through ``open_warning_levels`` / ``open_warnings_by_agency``, so
their figures agree when read at the same moment (#21).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ..models import EarlyWarning

LEVELS = ("yellow", "orange", "red")


def warnings_for_user(user) -> QuerySet[EarlyWarning]:
    qs = EarlyWarning.objects.select_related("rule", "agency", "officer")
    if not (user and user.is_authenticated):
        return qs.none()
    if user.reads_across_agencies:
        return qs
    own = Q(officer__user=user)
    if user.agency_id and user.role_codes:
        own |= Q(agency_id=user.agency_id)
    return qs.filter(own)


def _level_counts() -> dict:
    return {
        "total": Count("id"),
        **{level: Count("id", filter=Q(level=level)) for level in LEVELS},
    }


def open_warning_levels(qs: QuerySet[EarlyWarning]) -> dict:
    """``{"total", "yellow", "orange", "red"}`` of the open warnings in ``qs`` (one query)."""
    return qs.filter(status__in=EarlyWarning.OPEN).aggregate(**_level_counts())


def open_warnings_by_agency(qs: QuerySet[EarlyWarning]) -> dict[int, dict]:
    """The same counts per agency: ``{agency id: {"total", "yellow", "orange", "red"}}``."""
    rows = (
        qs.filter(status__in=EarlyWarning.OPEN, agency__isnull=False)
        .order_by()
        .values("agency")
        .annotate(**_level_counts())
    )
    return {
        row["agency"]: {key: row[key] for key in ("total", *LEVELS)}  # type: ignore[literal-required]
        for row in rows
    }


def warning_counts(user) -> dict:
    """Open warnings by level that ``user`` may read, for the desk and the dashboard."""
    return open_warning_levels(warnings_for_user(user))


def warning_list(user, *, status: str = "open", level: str | None = None, q: str = ""):
    """The warning list's rows: ``status`` "open" (the definition above) or one status, an
    optional level and a search in the subject or the rule's name."""
    qs = warnings_for_user(user)
    if status == "open":
        qs = qs.filter(status__in=EarlyWarning.OPEN)
    elif status in EarlyWarning.Status.values:
        qs = qs.filter(status=status)
    if level in LEVELS:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(Q(subject_label__icontains=q) | Q(rule__name__icontains=q))
    return qs
