"""Reads of the legal review of major decisions, including what the warnings engine watches."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from enforcement_portal.predicates import scope_to_user
from enforcement_portal.roles import Role
from powers.models import Agency, Officer

from ..models import LegalReview

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _ReviewerRatio(TypedDict):
    officer_count: int
    reviewer_count: int


# Legal reviewers must be at least this share of an agency's enforcement officers (Hami plan 二(三)).
MIN_REVIEWER_PERCENT = 5


def reviews_for_user(user) -> QuerySet[LegalReview]:
    return scope_to_user(
        LegalReview.objects.select_related("case", "agency", "submitted_by", "reviewer"), user
    ).order_by("-id")


def reviews_of_case(case) -> QuerySet[LegalReview]:
    return (
        LegalReview.objects.filter(case=case)
        .select_related("submitted_by", "reviewer", "leader")
        .order_by("round")
    )


def overdue_reviews(today: dt.date | None = None) -> QuerySet[LegalReview]:
    """Reviews still awaiting the reviewer after their due date (default 5 working days)."""
    today = today or timezone.localdate()
    return LegalReview.objects.filter(
        status=LegalReview.Status.SUBMITTED, due_on__lt=today
    ).select_related("case", "agency")


def _reviewers(agency_ref):
    return (
        get_user_model()
        .objects.filter(agency=agency_ref, is_active=True, groups__name=Role.LEGAL_REVIEWER)
        .values("agency")
        .annotate(n=Count("id", distinct=True))
        .values("n")
    )


def _officers(agency_ref, today: dt.date):
    return (
        Officer.objects.filter(
            agency=agency_ref,
            certificate_status=Officer.CertificateStatus.VALID,
            certificate_valid_until__gte=today,
        )
        .values("agency")
        .annotate(n=Count("id"))
        .values("n")
    )


def agencies_with_reviewer_ratio(
    today: dt.date | None = None,
) -> QuerySet[WithAnnotations[Agency, _ReviewerRatio]]:
    """Enforcement agencies annotated with ``reviewer_count`` and ``officer_count``: the same
    definition as the ``legal_reviewer_ratio`` warning rule (active users holding the
    legal_reviewer role / officers with a certificate valid today)."""
    today = today or timezone.localdate()
    return (
        Agency.objects.filter(is_enforcement_body=True)
        .annotate(
            officer_count=Coalesce(Subquery(_officers(OuterRef("pk"), today), IntegerField()), 0),
            reviewer_count=Coalesce(Subquery(_reviewers(OuterRef("pk")), IntegerField()), 0),
        )
        .order_by("name")
    )


def legal_reviewer_ratio(agency, today: dt.date | None = None) -> dict:
    """``{"reviewers", "officers", "percent", "ok"}`` for one agency; ``percent`` is None when
    it has no officer with a valid certificate."""
    row = agencies_with_reviewer_ratio(today).filter(pk=agency.pk).first()
    reviewers = row.reviewer_count if row else 0
    officers = row.officer_count if row else 0
    percent = round(100.0 * reviewers / officers, 1) if officers else None
    ok = officers == 0 or reviewers * 100 >= officers * MIN_REVIEWER_PERCENT
    return {"reviewers": reviewers, "officers": officers, "percent": percent, "ok": ok}


def ratio_rows(user, today: dt.date | None = None) -> list[dict]:
    """The ratio of every agency the user reads (one query)."""
    rows = []
    for agency in scope_to_user(agencies_with_reviewer_ratio(today), user, "self"):
        officers, reviewers = agency.officer_count, agency.reviewer_count
        rows.append(
            {
                "agency": agency,
                "reviewers": reviewers,
                "officers": officers,
                "percent": round(100.0 * reviewers / officers, 1) if officers else None,
                "ok": officers == 0 or reviewers * 100 >= officers * MIN_REVIEWER_PERCENT,
            }
        )
    return rows
