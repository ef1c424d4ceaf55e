from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscretionConfig(AppConfig):
    name = "discretion"
    verbose_name = _("Discretion standards")

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

        from . import demo, demo_lists, panels

        register_nav(
            NavItem(
                _("Discretion standards"),
                "discretion:list",
                order=30,
                visible=is_staff_member,
                group="powers",
            )
        )
        register_home_panel(HomePanel("discretion.review", panels.review_panel, order=30))
        register_demo_seeder(DemoSeeder("discretion.standards", demo.seed_standards, order=30))
        register_demo_seeder(DemoSeeder("discretion.lists", demo_lists.seed_lists, order=35))
