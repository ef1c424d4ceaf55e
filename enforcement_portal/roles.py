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
    PUBLICITY_OFFICER = "publicity_officer", _("Publicity officer")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles whose holders read across every agency rather than their own only.
CROSS_AGENCY_ROLES = frozenset(
    {Role.DISCIPLINE_SUPERVISOR, Role.REGISTRY_REVIEWER, Role.SYSTEM_ADMIN}
)


# What each role does in the portal, shown on the role's desk (DOMAIN.md, "Who uses it").
ROLE_DUTIES = {
    Role.AGENCY_FILER: _(
        "File your agency's powers, discretion standards, process flows and regulations; "
        "import spreadsheets and submit filings for registration."
    ),
    Role.CASE_OFFICER: _(
        "Handle cases node by node, record evidence, apply the discretion standard and draft "
        "decisions."
    ),
    Role.LEGAL_REVIEWER: _("Review major enforcement decisions before they are made."),
    Role.REGISTRY_REVIEWER: _(
        "Review and register the power lists, discretion standards and process flows of every "
        "agency."
    ),
    Role.AGENCY_LEADER: _(
        "Settle disagreements between case handlers and legal reviewers; approve suspensions "
        "and extensions."
    ),
    Role.DISCIPLINE_SUPERVISOR: _(
        "Read across all agencies, handle early warnings, supervise and evaluate agencies."
    ),
    Role.REPORT_HANDLER: _(
        "Handle reports from the public, reply to reporters and decide rewards."
    ),
    Role.PUBLICITY_OFFICER: _(
        "Check each decision's masked record against the original and sign it off before it "
        "is published."
    ),
    Role.SYSTEM_ADMIN: _("Manage accounts, agencies, calendar overrides and settings."),
}
