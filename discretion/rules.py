"""Who may do what with discretion standards (django-rules permissions)."""

import rules

from enforcement_portal.predicates import (
    can_read_agency_object,
    has_role,
    in_own_agency,
    is_staff_member,
)
from enforcement_portal.roles import Role

is_filer = has_role(Role.AGENCY_FILER)
is_expert = has_role(Role.REGISTRY_REVIEWER)


@rules.predicate
def is_registered(user, standard) -> bool:
    return standard is not None and standard.status == "registered"


@rules.predicate
def is_editable(user, standard) -> bool:
    return standard is not None and standard.is_editable


@rules.predicate
def is_under_review(user, standard) -> bool:
    return standard is not None and standard.status == "submitted"


rules.add_perm("discretion.list_discretionstandard", is_staff_member)
rules.add_perm("discretion.view_discretionstandard", can_read_agency_object)
rules.add_perm("discretion.add_discretionstandard", is_filer)
rules.add_perm("discretion.change_discretionstandard", is_filer & in_own_agency & is_editable)
rules.add_perm(
    "discretion.new_version_discretionstandard", is_filer & in_own_agency & is_registered
)
rules.add_perm("discretion.review_discretionstandard", is_expert & is_under_review)
rules.add_perm("discretion.import_discretionstandard", is_filer)
rules.add_perm("discretion.export_discretionstandard", is_staff_member)
# Registered standards are public (Art. 34), so any staff member may try them in the
# calculator; versions still being filed stay with those who may read them.
rules.add_perm(
    "discretion.calculate_discretionstandard",
    is_staff_member & (is_registered | can_read_agency_object),
)
# The agency's no-penalty / lighter-penalty lists (清单): its filer maintains them.
# The agency's own lists, read by its staff (the public reads them on the agency's page).
rules.add_perm("discretion.view_outcomelistentry", is_staff_member)
rules.add_perm("discretion.add_outcomelistentry", is_filer)
rules.add_perm("discretion.change_outcomelistentry", is_filer & in_own_agency)
