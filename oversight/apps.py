from django.apps import AppConfig
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

        from . import panels
        from .legal_review import demo as demo_legal
        from .legal_review.gates import register_legal_review_gate
        from .supervision import demo as demo_supervision
        from .warnings import demo as demo_warnings

        register_nav(
            NavItem(
                _("Early warnings"),
                "oversight:warnings",
                order=65,
                visible=is_supervisor | has_role(Role.AGENCY_LEADER, Role.CASE_OFFICER),
                group="oversight",
            )
        )
        register_home_panel(HomePanel("oversight.warnings", panels.warnings_panel, order=20))
        register_object_panel(
            ObjectPanel("oversight.agency_ratio", "powers.agency", panels.agency_reviewer_ratio)
        )
        register_object_panel(
            ObjectPanel("oversight.case_reviews", "workflows.case", panels.case_reviews)
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
        register_home_panel(HomePanel("oversight.legal_review", panels.legal_panel, order=25))
        supervision_readers = has_role(
            Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN, Role.AGENCY_LEADER
        )
        register_nav(
            NavItem(
                _("Supervision records"),
                "oversight:supervision",
                order=66,
                visible=supervision_readers,
                group="oversight",
            )
        )
        register_nav(
            NavItem(
                _("Evaluation"),
                "oversight:evaluations",
                order=67,
                visible=has_role(Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN),
                group="oversight",
            )
        )
        register_home_panel(HomePanel("oversight.supervision", panels.supervision_panel, order=22))
        register_demo_seeder(
            DemoSeeder("oversight.warnings", demo_warnings.seed_warnings, order=115)
        )
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
                group="oversight",
            )
        )
