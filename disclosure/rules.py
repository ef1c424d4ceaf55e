"""Who may maintain what the public sees (django-rules)."""

import rules

from enforcement_portal.predicates import can_read_agency_object, has_role, in_own_agency
from enforcement_portal.roles import Role

is_filer = has_role(Role.AGENCY_FILER)

rules.add_perm("disclosure.view_inspectionitem", can_read_agency_object)
rules.add_perm("disclosure.add_inspectionitem", is_filer)
rules.add_perm("disclosure.change_inspectionitem", is_filer & in_own_agency)

publishes = has_role(
    Role.CASE_OFFICER, Role.AGENCY_LEADER, Role.AGENCY_FILER, Role.PUBLICITY_OFFICER
)
is_publicity_officer = has_role(Role.PUBLICITY_OFFICER)
rules.add_perm("disclosure.view_publication", can_read_agency_object)
rules.add_perm("disclosure.add_publication", publishes)
rules.add_perm("disclosure.change_publication", publishes & in_own_agency)
# The credit platform's upload carries natural persons' IDs: the agency's own staff only.
rules.add_perm("disclosure.export_credit_upload", publishes)
# The sign-off (公示审核) before anything goes public: the agency's publicity officer only.
rules.add_perm("disclosure.signoff_publication", is_publicity_officer & in_own_agency)

# The permission object is the power; a filer keeps the guides of the agency's own powers.
rules.add_perm("disclosure.change_serviceguide", is_filer & in_own_agency)
