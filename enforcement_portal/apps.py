from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "enforcement_portal"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from . import audit_heads, pdf, registry  # noqa: F401  (audit_heads, pdf register checks)

        registry.register_core()
