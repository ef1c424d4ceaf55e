from django.apps import AppConfig
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from enforcement_portal.predicates import has_role, is_supervisor
        from enforcement_portal.registry import (
            DemoSeeder,
            HomePanel,
            NavItem,
            ObjectPanel,
            register_demo_seeder,
            register_home_panel,
            register_nav,
            register_object_panel,
        )
        from enforcement_portal.roles import Role

        from . import demo_legal
        from .gates import register_legal_review_gate

        register_nav(
            NavItem(
                _("Early warnings"),
                "oversight:warnings",
                order=65,
                visible=is_supervisor | has_role(Role.AGENCY_LEADER, Role.CASE_OFFICER),
            )
        )
        register_home_panel(HomePanel("oversight.warnings", render_warnings_panel, order=20))
        register_object_panel(
            ObjectPanel("oversight.agency_ratio", "powers.agency", render_agency_reviewer_ratio)
        )
        register_object_panel(
            ObjectPanel("oversight.case_reviews", "workflows.case", render_case_reviews)
        )
        register_nav(
            NavItem(
                _("Dashboard"),
                "oversight:dashboard",
                order=5,
                visible=is_supervisor | has_role(Role.AGENCY_LEADER),
            )
        )
        register_legal_review_gate()
        register_demo_seeder(
            DemoSeeder("oversight.legal_review", demo_legal.seed_legal_review, order=110)
        )
        register_home_panel(HomePanel("oversight.legal_review", render_legal_panel, order=25))
        supervision_readers = has_role(
            Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN, Role.AGENCY_LEADER
        )
        register_nav(
            NavItem(
                _("Supervision records"),
                "oversight:supervision",
                order=66,
                visible=supervision_readers,
            )
        )
        register_nav(
            NavItem(
                _("Evaluation"),
                "oversight:evaluations",
                order=67,
                visible=has_role(Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN),
            )
        )
        register_home_panel(HomePanel("oversight.supervision", render_supervision_panel, order=22))
        from . import demo_supervision

        register_demo_seeder(
            DemoSeeder("oversight.supervision", demo_supervision.seed_supervision, order=120)
        )
        register_nav(
            NavItem(
                _("Legal review"),
                "oversight:legal_reviews",
                order=62,
                visible=is_supervisor
                | has_role(Role.LEGAL_REVIEWER, Role.AGENCY_LEADER, Role.CASE_OFFICER),
            )
        )


def render_warnings_panel(request) -> str:
    from django.template.loader import render_to_string

    from .selectors.warnings import warning_counts

    counts = warning_counts(request.user)
    if not counts["total"] and not request.user.reads_across_agencies:
        return ""
    return render_to_string("oversight/_warnings_panel.html", {"counts": counts}, request=request)


def render_supervision_panel(request) -> str:
    """Findings still to rectify: the unit's overdue ones, or the leader's own agency's."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from enforcement_portal.roles import Role

    from .models import Finding
    from .selectors.supervision import records_for_user

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


def render_legal_panel(request) -> str:
    """Legal reviewers' and leaders' desk: reviews waiting, past due, referred; the 5% ratio."""
    from django.template.loader import render_to_string

    from enforcement_portal.roles import Role

    from .models import LegalReview
    from .selectors.legal_review import legal_reviewer_ratio, overdue_reviews, reviews_for_user

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


def render_agency_reviewer_ratio(request, agency) -> str:
    """The 5 % rule on the agency's own page (powers cannot import oversight)."""
    from django.template.loader import render_to_string

    from .selectors.legal_review import legal_reviewer_ratio

    if not agency.is_enforcement_body:
        return ""
    ratio = legal_reviewer_ratio(agency)
    return render_to_string(
        "oversight/_agency_ratio.html", {"ratio": ratio, "agency": agency}, request=request
    )


def render_case_reviews(request, case) -> str:
    """The case's legal-review rounds, linked from the case's own page."""
    from django.template.loader import render_to_string

    from .models import LegalReview

    if not request.user.has_perm("oversight.view_legalreview", case):
        return ""
    reviews = list(LegalReview.objects.filter(case=case).order_by("round"))
    if not reviews and not case.is_major:
        return ""
    return render_to_string(
        "oversight/_case_reviews.html", {"reviews": reviews, "case": case}, request=request
    )
