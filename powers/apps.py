from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "powers"
    verbose_name = _("Power registry")

    def ready(self) -> None:
        from enforcement_portal.registry import DemoSeeder, register_demo_seeder

        from . import demo

        register_demo_seeder(DemoSeeder("powers.city", demo.seed_city, order=10))
