"""The portal's roles (Django groups) as named in DOMAIN.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENCY_FILER = "agency_filer", _("Agency filer")
    CASE_OFFICER = "case_officer", _("Case officer")
    LEGAL_REVIEWER = "legal_reviewer", _("Legal reviewer")
    REGISTRY_REVIEWER = "registry_reviewer", _("Registry reviewer")
    AGENCY_LEADER = "agency_leader", _("Agency leader")
    DISCIPLINE_SUPERVISOR = "discipline_supervisor", _("Discipline supervisor")
    REPORT_HANDLER = "report_handler", _("Report handler")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles whose holders read across every agency rather than their own only.
CROSS_AGENCY_ROLES = frozenset(
    {Role.DISCIPLINE_SUPERVISOR, Role.REGISTRY_REVIEWER, Role.SYSTEM_ADMIN}
)
