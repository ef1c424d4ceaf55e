from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Process flows and cases")

    def ready(self) -> None:
        from enforcement_portal.predicates import is_staff_member
        from enforcement_portal.registry import (
            DemoSeeder,
            HomePanel,
            NavItem,
            register_demo_seeder,
            register_home_panel,
            register_nav,
        )

        from . import demo, demo_outcomes, demo_year, panels
        from .gates import register_builtin_gates

        register_builtin_gates()
        register_nav(NavItem(_("Cases"), "workflows:case_list", order=30, visible=is_staff_member))
        register_nav(
            NavItem(
                _("Processes"),
                "workflows:template_list",
                order=31,
                visible=is_staff_member,
                group="powers",
            )
        )
        register_nav(
            NavItem(_("Enforcement processes"), "workflows:public_flow_list", order=30, public=True)
        )
        register_home_panel(HomePanel("workflows.my_cases", panels.my_cases, order=30))
        register_demo_seeder(DemoSeeder("workflows.cases", demo.seed, order=40))
        register_demo_seeder(DemoSeeder("workflows.execution", demo.seed_execution, order=41))
        register_demo_seeder(
            DemoSeeder("workflows.outcomes", demo_outcomes.seed_outcomes, order=45)
        )
        register_demo_seeder(DemoSeeder("workflows.year", demo_year.seed_year, order=46))
