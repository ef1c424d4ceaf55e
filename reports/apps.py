from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Public reports (举报): intake, receipts, handling, identity access, rewards."""

    name = "reports"
    verbose_name = _("Public reports")

    def ready(self) -> None:
        from enforcement_portal.audit import register_former_object_type
        from enforcement_portal.predicates import has_role, is_supervisor
        from enforcement_portal.registry import (
            DemoSeeder,
            HomePanel,
            NavItem,
            register_demo_seeder,
            register_home_panel,
            register_nav,
        )
        from enforcement_portal.roles import Role

        from . import demo, panels

        register_nav(
            NavItem(_("Report misconduct"), "reports_public:report_new", order=40, public=True)
        )
        register_nav(
            NavItem(
                _("Public reports"),
                "reports:reports",
                order=70,
                visible=has_role(Role.REPORT_HANDLER) | is_supervisor,
                group="oversight",
            )
        )
        register_nav(
            NavItem(
                _("Reward ledger"),
                "reports:reward_ledger",
                order=75,
                visible=is_supervisor,
                group="oversight",
            )
        )
        register_home_panel(HomePanel("reports.reports", panels.reports_panel, order=40))
        register_demo_seeder(DemoSeeder("reports.reports", demo.seed_reports, order=100))
        # Audit events written before the app moved name the models "oversight.*"; the chain
        # is hash-linked, so they keep that name and the history pages read both.
        for model in ("report", "identityaccessrequest", "rewarddecision", "rewardrule"):
            register_former_object_type(f"reports.{model}", f"oversight.{model}")
