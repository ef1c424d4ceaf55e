"""Who may do what with public reports (django-rules).

Handlers act on reports in their remit (their body handles them; city-level handlers
handle all). Supervisors read across. The reported agency never reads a report about
itself, whatever its roles, and never its identity fields.
"""

import rules

from enforcement_portal.predicates import (
    can_read_agency_object,
    has_role,
    in_own_agency,
    is_supervisor,
    is_system_admin,
)
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

rules.add_perm("oversight.view_report", (handles | is_supervisor) & ~is_reported_agency)
# The list is for those who may hold a report; its rows are the detail's predicate as a
# filter (selectors.reports.reports_for_user), so a list never shows what the detail refuses.
rules.add_perm("oversight.list_report", is_handler | is_supervisor)
rules.add_perm("oversight.change_report", handles)
rules.add_perm("oversight.request_identity", handles & is_named_report)
rules.add_perm(
    "oversight.decide_identityaccessrequest", is_handler & request_in_remit & decides_other_request
)
rules.add_perm("oversight.decide_reward", handles)
rules.add_perm("oversight.view_rewarddecision", is_supervisor)
rules.add_perm("oversight.manage_rewardrule", is_system_admin)


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
