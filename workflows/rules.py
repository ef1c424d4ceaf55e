"""Who may do what with process templates and cases (django-rules permissions)."""

import rules

from enforcement_portal.predicates import (
    can_read_agency_object,
    has_role,
    in_own_agency,
    is_staff_member,
)
from enforcement_portal.roles import Role

is_case_officer = has_role(Role.CASE_OFFICER)
is_filer = has_role(Role.AGENCY_FILER)
is_leader = has_role(Role.AGENCY_LEADER)
is_registry_reviewer = has_role(Role.REGISTRY_REVIEWER)


@rules.predicate
def is_ready_made(user, template) -> bool:
    return bool(template is not None and template.is_ready_made)


@rules.predicate
def is_editable(user, template) -> bool:
    return template is not None and template.status in ("draft", "returned")


@rules.predicate
def is_submitted(user, template) -> bool:
    return template is not None and template.status == "submitted"


@rules.predicate
def case_is_active(user, case) -> bool:
    return case is not None and case.status != "archived"


# Process templates: ready-made ones are visible to every staff member.
rules.add_perm(
    "workflows.view_processtemplate", is_staff_member & (is_ready_made | can_read_agency_object)
)
rules.add_perm("workflows.add_processtemplate", is_filer)
rules.add_perm("workflows.change_processtemplate", is_filer & in_own_agency & is_editable)
rules.add_perm("workflows.register_processtemplate", is_registry_reviewer & is_submitted)

# Cases: staff of the agency read them, supervisors read across; case officers act.
rules.add_perm("workflows.view_case", can_read_agency_object)
rules.add_perm("workflows.list_case", is_staff_member)
rules.add_perm("workflows.add_case", is_case_officer)
rules.add_perm("workflows.change_case", is_case_officer & in_own_agency & case_is_active)
# Deferral and instalments are decided by the agency's responsible person (Art. 66).
rules.add_perm("workflows.approve_deferral", is_leader & in_own_agency)
# The decision is approved by the agency's responsible person (Art. 57; the service also
# refuses an officer on the case).
rules.add_perm("workflows.approve_decision", is_leader & in_own_agency & case_is_active)
rules.add_perm("workflows.approve_extension", is_leader & in_own_agency)
rules.add_perm("workflows.view_record", can_read_agency_object)
rules.add_perm("workflows.view_document", can_read_agency_object)
