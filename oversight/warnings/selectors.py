"""Reads of early warnings: supervisors see all; staff see their agency's; officers their own."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ..models import EarlyWarning


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


def warning_counts(user) -> dict:
    """Open warnings by level, for the desk (one query)."""
    open_ = warnings_for_user(user).filter(status__in=EarlyWarning.OPEN)
    return open_.aggregate(
        total=Count("id"),
        yellow=Count("id", filter=Q(level="yellow")),
        orange=Count("id", filter=Q(level="orange")),
        red=Count("id", filter=Q(level="red")),
    )
