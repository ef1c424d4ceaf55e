"""Home-page and object panels of oversight (registered in apps.py, as in powers)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from enforcement_portal.roles import Role

from .legal_review.selectors import legal_reviewer_ratio, overdue_reviews, reviews_for_user
from .models import Finding, LegalReview
from .supervision.selectors import records_for_user
from .warnings.selectors import warning_counts


def warnings_panel(request) -> str:
    counts = warning_counts(request.user)
    if not counts["total"] and not request.user.reads_across_agencies:
        return ""
    return render_to_string("oversight/_warnings_panel.html", {"counts": counts}, request=request)


def supervision_panel(request) -> str:
    """Findings still to rectify: the unit's overdue ones, or the leader's own agency's."""
    user = request.user
    unit_side = user.has_role(Role.DISCIPLINE_SUPERVISOR)
    if not (unit_side or (user.has_role(Role.AGENCY_LEADER) and user.agency_id)):
        return ""
    records = records_for_user(user)
    open_ = Finding.objects.filter(record__in=records.values("pk")).exclude(
        status=Finding.Status.RECTIFIED
    )
    today = timezone.localdate()
    counts = open_.aggregate(
        rectifying=Count("id", filter=Q(status=Finding.Status.RECTIFYING)),
        reported=Count("id", filter=Q(status=Finding.Status.REPORTED)),
        overdue=Count("id", filter=Q(deadline__lt=today)),
    )
    if not any(counts.values()) and not unit_side:
        return ""
    return render_to_string(
        "oversight/supervision/_panel.html", {"counts": counts}, request=request
    )


def legal_panel(request) -> str:
    """Legal reviewers' and leaders' desk: reviews waiting, past due, referred; the 5% ratio."""
    user = request.user
    if not user.has_role(Role.LEGAL_REVIEWER, Role.AGENCY_LEADER) or user.agency_id is None:
        return ""
    mine = reviews_for_user(user)
    context = {
        "waiting": mine.filter(status=LegalReview.Status.SUBMITTED).count(),
        "overdue": overdue_reviews().filter(agency_id=user.agency_id).count(),
        "escalated": mine.filter(status=LegalReview.Status.ESCALATED).count(),
        "ratio": legal_reviewer_ratio(user.agency),
    }
    return render_to_string("oversight/legal/_panel.html", context, request=request)


def agency_reviewer_ratio(request, agency) -> str:
    """The 5 % rule on the agency's own page (powers cannot import oversight)."""
    if not agency.is_enforcement_body:
        return ""
    ratio = legal_reviewer_ratio(agency)
    return render_to_string(
        "oversight/_agency_ratio.html", {"ratio": ratio, "agency": agency}, request=request
    )


def case_reviews(request, case) -> str:
    """The case's legal-review rounds, linked from the case's own page."""
    if not request.user.has_perm("oversight.view_legalreview", case):
        return ""
    reviews = list(LegalReview.objects.filter(case=case).order_by("round"))
    if not reviews and not case.is_major:
        return ""
    return render_to_string(
        "oversight/_case_reviews.html", {"reviews": reviews, "case": case}, request=request
    )
