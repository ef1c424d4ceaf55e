"""Who may do what with public reports (django-rules).

Handlers act on reports in their remit (their body handles them; city-level handlers
handle all). Supervisors read across. The reported agency never reads a report about
itself, whatever its roles, and never its identity fields.
"""

import rules

from enforcement_portal.predicates import has_role, is_supervisor, is_system_admin
from enforcement_portal.roles import Role

is_handler = has_role(Role.REPORT_HANDLER)


@rules.predicate
def is_reported_agency(user, report) -> bool:
    return bool(report is not None and user.agency_id and user.agency_id == report.agency_id)


@rules.predicate
def in_remit(user, report) -> bool:
    if report is None or not user.is_authenticated:
        return False
    return user.agency_id is None or user.agency_id == report.handling_agency_id


@rules.predicate
def is_named_report(user, report) -> bool:
    return bool(report is not None and not report.is_anonymous and not report.purged_on)


@rules.predicate
def decides_other_request(user, identity_request) -> bool:
    return bool(identity_request is not None and identity_request.requested_by_id != user.pk)


@rules.predicate
def request_in_remit(user, identity_request) -> bool:
    report = identity_request.report if identity_request is not None else None
    return bool(
        report is not None and in_remit(user, report) and not is_reported_agency(user, report)
    )


handles = is_handler & in_remit & ~is_reported_agency

rules.add_perm("reports.view_report", (handles | is_supervisor) & ~is_reported_agency)
# The list is for those who may hold a report; its rows are the detail's predicate as a
# filter (selectors.reports_for_user), so a list never shows what the detail refuses.
rules.add_perm("reports.list_report", is_handler | is_supervisor)
rules.add_perm("reports.change_report", handles)
rules.add_perm("reports.request_identity", handles & is_named_report)
rules.add_perm(
    "reports.decide_identityaccessrequest", is_handler & request_in_remit & decides_other_request
)
rules.add_perm("reports.decide_reward", handles)
rules.add_perm("reports.view_rewarddecision", is_supervisor)
rules.add_perm("reports.manage_rewardrule", is_system_admin)
