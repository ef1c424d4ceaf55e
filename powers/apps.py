from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "powers"
    verbose_name = _("Power registry")

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

        from . import demo, demo_registry, panels
        from .rules import is_filer, is_registry_reviewer

        register_demo_seeder(DemoSeeder("powers.city", demo.seed_city, order=10))
        register_demo_seeder(DemoSeeder("powers.registry", demo_registry.seed_registry, order=20))
        register_nav(
            NavItem(
                _("Power list"),
                "powers:power_list",
                order=10,
                visible=is_staff_member,
                group="powers",
            )
        )
        register_nav(
            NavItem(
                _("Filing batches"),
                "powers:batch_list",
                order=11,
                visible=is_filer | is_registry_reviewer,
                group="powers",
            )
        )
        register_nav(
            NavItem(
                _("Regulations"),
                "powers:regulation_list",
                order=12,
                visible=is_staff_member,
                group="powers",
            )
        )
        register_home_panel(HomePanel("powers.flagged", panels.flagged_powers, order=20))
        register_home_panel(HomePanel("powers.batches", panels.batches, order=21))
