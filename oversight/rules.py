"""Who may do what in oversight (django-rules): warnings, legal review, supervision,
evaluation. Public reports have their own rules in reports/rules.py."""

import rules

from enforcement_portal.predicates import (
    can_read_agency_object,
    has_role,
    in_own_agency,
    is_supervisor,
)
from enforcement_portal.roles import Role

# --------------------------------------------------------------------- early warnings


@rules.predicate
def warning_visible(user, warning) -> bool:
    if warning is None or not (user and user.is_authenticated):
        return False
    if user.reads_across_agencies:
        return True
    if warning.officer_id and getattr(warning.officer, "user_id", None) == user.pk:
        return True
    return bool(user.agency_id and user.role_codes and warning.agency_id == user.agency_id)


# Supervisors handle every warning; an agency leader handles their own agency's.
handles_warning = warning_visible & (is_supervisor | (has_role(Role.AGENCY_LEADER) & in_own_agency))

rules.add_perm("oversight.view_earlywarning", warning_visible)
rules.add_perm("oversight.change_earlywarning", handles_warning)
rules.add_perm("oversight.view_dashboard", is_supervisor | has_role(Role.AGENCY_LEADER))


# --------------------------------------------------------------------- legal review
# The object is a case, a review or an agency: each names its agency (``agency_id``).

rules.add_perm("oversight.view_legalreview", can_read_agency_object)
rules.add_perm("oversight.submit_legalreview", has_role(Role.CASE_OFFICER) & in_own_agency)
rules.add_perm("oversight.conclude_legalreview", has_role(Role.LEGAL_REVIEWER) & in_own_agency)
rules.add_perm("oversight.escalate_legalreview", has_role(Role.CASE_OFFICER) & in_own_agency)
rules.add_perm("oversight.rule_legalreview", has_role(Role.AGENCY_LEADER) & in_own_agency)
rules.add_perm("oversight.change_reviewcatalogue", has_role(Role.LEGAL_REVIEWER) & in_own_agency)


# --------------------------------------------------------------------- supervision records
# The object is a record or a finding; both name the inspected agency (``agency_id``).

is_discipline = has_role(Role.DISCIPLINE_SUPERVISOR)
reads_supervision = has_role(Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN)
leads_inspected_agency = has_role(Role.AGENCY_LEADER) & in_own_agency

rules.add_perm("oversight.view_supervisionrecord", reads_supervision | leads_inspected_agency)
rules.add_perm("oversight.add_supervisionrecord", is_discipline)
rules.add_perm("oversight.change_supervisionrecord", is_discipline)
rules.add_perm("oversight.rectify_finding", leads_inspected_agency)
rules.add_perm("oversight.verify_finding", is_discipline)
rules.add_perm("oversight.view_supervision_report", reads_supervision)


# --------------------------------------------------------------------- evaluation (考评)

rules.add_perm("oversight.view_evaluation", reads_supervision)
rules.add_perm("oversight.change_evaluation", is_discipline)
