"""Who may do what in the power registry (django-rules permissions)."""

import rules

from enforcement_portal.predicates import (
    can_read_agency_object,
    has_role,
    in_own_agency,
    is_staff_member,
    is_system_admin,
)
from enforcement_portal.roles import Role

is_filer = has_role(Role.AGENCY_FILER)
is_registry_reviewer = has_role(Role.REGISTRY_REVIEWER)
is_case_officer = has_role(Role.CASE_OFFICER)


@rules.predicate
def belongs_to_an_agency(user) -> bool:
    return bool(user and user.is_authenticated and user.agency_id is not None)


rules.add_perm("powers.view_agency", is_staff_member)
rules.add_perm("powers.change_agency", is_system_admin)
rules.add_perm("powers.view_officer", can_read_agency_object)
rules.add_perm("powers.change_officer", (is_filer & in_own_agency) | is_system_admin)
rules.add_perm("powers.view_power", can_read_agency_object)
rules.add_perm("powers.add_power", is_filer)
rules.add_perm("powers.change_power", is_filer & in_own_agency)
# Register or return filed versions, suspend, resume and abolish powers.
rules.add_perm("powers.review_power", is_registry_reviewer)
rules.add_perm("powers.confirm_power_basis", is_filer & in_own_agency)
rules.add_perm("powers.view_powerversion", can_read_agency_object)
rules.add_perm("powers.view_filingbatch", can_read_agency_object)
rules.add_perm("powers.add_filingbatch", is_filer)
rules.add_perm("powers.change_filingbatch", is_filer & in_own_agency)
rules.add_perm("powers.review_filingbatch", is_registry_reviewer)
rules.add_perm("powers.import_power", is_filer)
rules.add_perm("powers.view_importjob", is_filer & in_own_agency)
rules.add_perm("powers.export_power", can_read_agency_object)
rules.add_perm("powers.view_regulation", is_staff_member)
rules.add_perm("powers.change_regulation", is_filer | is_registry_reviewer)
# Laws an import cites that the ledger lacks: the agency's filer asks, the registry decides.
rules.add_perm("powers.request_regulation", is_filer & in_own_agency)
rules.add_perm("powers.resolve_regulationrequest", is_registry_reviewer)
# Type-ahead pickers of the case-opening forms (powers/pickers.py): the case officer's own
# agency's exercisable powers and certified officers, nobody else's.
rules.add_perm("powers.pick_power", is_case_officer & belongs_to_an_agency)
rules.add_perm("powers.pick_officer", is_case_officer & belongs_to_an_agency)
