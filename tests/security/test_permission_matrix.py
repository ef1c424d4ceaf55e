"""Permission matrix (issue #11, ASVS V4 access control).

Every URL pattern of the project (walked from the URL configuration, includes and
namespaces followed) is requested by every role and by a visitor, for an object of the
user's own agency ("A") and of another agency ("B"), and the answer is compared with the
table below. A URL without a row fails the test, which prints the row to add.

Columns, in order (see tests/security/world.py)::

    anon norole filer officer reviewer leader handler registrar supervisor admin

Letters: 2 = 200, L = redirect to sign-in, R = other redirect (the action was taken or
refused with a message), B = 400, F = 403, N = 404, M = 405, E = 500, . = not requested.
"A"/"B": the URL's object belongs to the user's own / another agency; "-": no agency
object in the URL. Views that only act on POST are requested by POST with an empty form
(the request is rolled back, so no request changes the world for the next one).
"""

from .matrix import AGENCY_ARGS, SHARED_ARGS, SKIPPED, format_row, is_skipped, measure, walk
from .world import ROLES

# fmt: off
EXPECTED: dict[str, dict[str, str]] = {
    "home": {"-": "2222222222"},
    "login": {"-": "2RRRRRRRRR"},
    "logout": {"-": "RRRRRRRRRR"},
    "password_change": {"-": "L222222222"},
    "password_change_done": {"-": "L222222222"},
    "set_language": {"-": "RRRRRRRRRR"},
    "object_history": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "powers:agency_detail": {"A": "LF22222222", "B": "LF22222222"},
    "powers:power_list": {"-": "L222222222"},
    "powers:power_create": {"-": "LF2FFFFFFF"},
    "powers:power_detail": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "powers:power_edit": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "powers:power_action": {"A": "LFFFFFFRFF", "B": "LFFFFFFRFF"},
    "powers:batch_list": {"-": "L222222222"},
    "powers:batch_create": {"-": "LFRFFFFFFF"},
    "powers:batch_detail": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "powers:batch_submit": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "powers:version_review": {"A": "LFFFFFFRFF", "B": "LFFFFFFRFF"},
    "powers:import": {"-": "LF2FFFFFFF"},
    "powers:import_job": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "powers:import_status": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "powers:export": {"-": "LF22222NNN"},
    "powers:regulation_list": {"-": "LF22222222"},
    "powers:regulation_create": {"-": "LF2FFFF2FF"},
    "powers:provision_search": {"-": "LF22222222"},
    # type-ahead pickers of the case-opening forms: the case officer's own agency only
    "powers:pick_powers": {"-": "LFF2FFFFFF"},
    "powers:pick_officers": {"-": "LFF2FFFFFF"},
    "powers:regulation_detail": {"-": "LF22222222"},
    "powers:regulation_edit": {"-": "LF2FFFF2FF"},
    # laws an import cites that the ledger lacks: the filer asks, the registry reviewer decides
    "powers:regulation_request_file": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "powers:regulation_requests": {"-": "LFFFFFF2FF"},
    "powers:regulation_request_decline": {"-": "LFFFFFFRFF"},
    "discretion:list": {"-": "LF22222222"},
    "discretion:create": {"-": "LF2FFFFFFF"},
    "discretion:import": {"-": "LF2FFFFFFF"},
    "discretion:export": {"-": "LF22222222"},
    "discretion:detail": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "discretion:edit": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:submit": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:opinion": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:register": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:return": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:new_version": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "discretion:calculator": {"A": "LF22222222", "B": "LF22222222"},
    # an agency's no-penalty / first-violation / lighter-penalty lists: its staff read, its
    # filer adds and withdraws; the public reads them at disclosure:agency_lists
    "discretion:outcome_lists": {"-": "LF22222FFF"},
    "discretion:outcome_list_withdraw": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:case_list": {"-": "LF22222222"},
    "workflows:case_open": {"-": "LFF2FFFFFF"},
    "workflows:case_detail": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "workflows:case_action": {"A": "LFFRFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:record_add": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:person_add": {"A": "LFFRFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:person_remove": {"A": "LFFRFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:decision": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:payment": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:challenge_add": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:challenge_end": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:deferral_apply": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:urge": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:court_apply": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:court_ruling": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:revocation": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:refund": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:deferral_decide": {"A": "LFFFF2FFFF", "B": "LFFFFFFFFF"},
    "workflows:procedure": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:suspension_start": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:suspension_end": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:extension_request": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:extension_decide": {"A": "LFFFFRFFFF", "B": "LFFFFFFFFF"},
    "workflows:on_the_spot": {"-": "LFF2FFFFFF"},
    "workflows:on_the_spot_file": {"A": "LFF2FFFFFF", "B": "LFFFFFFFFF"},
    "workflows:document_generate": {"A": "LFFRFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:document_download": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "workflows:record_file": {"A": "LFNNNNFNNN", "B": "LFFFFFFNNN"},
    "workflows:template_list": {"-": "LF22222222"},
    "workflows:template_copy": {"-": "LFRFFFFFFF"},
    "workflows:template_detail": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "workflows:template_action": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:node_edit": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:node_add": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:node_change": {"A": "LFRFFFFFFF", "B": "LFFFFFFFFF"},
    "workflows:public_flow_list": {"-": "2222222222"},
    "workflows:public_flow": {"A": "NNNNNNNNNN", "B": "NNNNNNNNNN"},
    "disclosure:agencies": {"-": "2222222222"},
    "disclosure:agency": {"A": "2222222222", "B": "2222222222"},
    "disclosure:agency_lists": {"A": "2222222222", "B": "2222222222"},
    "disclosure:power": {"A": "2222222222", "B": "2222222222"},
    "disclosure:service_guide_edit": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "disclosure:certificate_check": {"-": "2222222222"},
    "disclosure:open_data_powers": {"-": "2222222222"},
    "disclosure:standards": {"-": "2222222222"},
    "disclosure:standard": {"A": "2222222222", "B": "2222222222"},
    "disclosure:open_data_standards": {"-": "2222222222"},
    "disclosure:annual_reports": {"-": "2222222222"},
    "disclosure:annual_report": {"A": "2222222222", "B": "2222222222"},
    "disclosure:annual_report_pdf": {"A": "22.......2", "B": "22.......2"},
    "disclosure:decisions": {"-": "2222222222"},
    "disclosure:decision": {"A": "2222222222", "B": "2222222222"},
    "disclosure:decision_full_text": {"A": "2222222222", "B": "2222222222"},
    "disclosure:decision_full_text_pdf": {"A": "22.......2", "B": "22.......2"},
    "disclosure:decision_feed": {"-": "2222222222"},
    "disclosure:open_data_decisions": {"-": "2222222222"},
    "disclosure:open_data_penalties": {"-": "2222222222"},
    "disclosure:publications": {"-": "LF22F2FFFF"},
    # carries natural persons' IDs: the agency's own staff, their own agency's rows only
    "disclosure:credit_upload": {"-": "LF22F2FFFF"},
    "disclosure:publication_create": {"-": "LF22F2FFFF"},
    "disclosure:publication": {"A": "LF22F2FFFF", "B": "LFFFFFFFFF"},
    "disclosure:publication_edit": {"A": "LF22F2FFFF", "B": "LFFFFFFFFF"},
    # publish: refused (400, with the message) while the publicity officer has not signed off
    "disclosure:publication_action": {"A": "LFBBFBFFFF", "B": "LFFFFFFFFF"},
    # only the agency's publicity officer (no column here: tests/disclosure/test_signoff.py)
    "disclosure:publication_signoff": {"A": "LFFFFFFFFF", "B": "LFFFFFFFFF"},
    "disclosure:inspection_items": {"-": "LF2FFFFFFF"},
    "disclosure:inspection_item_create": {"-": "LF2FFFFFFF"},
    "disclosure:inspection_item_update": {"A": "LF2FFFFFFF", "B": "LFFFFFFFFF"},
    "oversight:dashboard": {"-": "LFFFF2FF2F"},
    "oversight:inbox": {"-": "L222222222"},
    "oversight:inbox_message": {"-": "LNNNNNNNNN"},
    "oversight:inbox_preferences": {"-": "L222222222"},
    "oversight:legal_reviews": {"-": "LN22222222"},
    "oversight:legal_case": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "oversight:legal_case_action": {"A": "LFFFBFFFFF", "B": "LFFFFFFFFF"},
    "oversight:legal_opinion": {"A": "LFNNNNFNNN", "B": "LFFFFFFNNN"},
    "oversight:legal_catalogue": {"A": "2222222222", "B": "2222222222"},
    "oversight:warnings": {"-": "LN22222222"},
    "oversight:warning": {"A": "LF2222F222", "B": "LFFFFFF222"},
    "oversight:warning_action": {"A": "LFFFFRFFRF", "B": "LFFFFFFFRF"},
    "reports:reports": {"-": "LFFFFF2F2F"},
    "reports:reward_ledger": {"-": "LFFFFFFF2F"},
    "reports:report": {"A": "LNNNNN2N2N", "B": "LNNNNN2N2N"},
    "reports:report_identity": {"A": "LNNNNNFNFN", "B": "LNNNNNFNFN"},
    "reports:reward_pay": {"A": "LNNNNNNNFN", "B": "LNNNNNNNFN"},
    "reports:report_attachment": {"A": "LNNNNN2N2N", "B": "LNNNNN2N2N"},
    "reports:report_action": {"A": "LNNNNNBNFN", "B": "LNNNNNBNFN"},
    "reports:identity_decide": {"A": "LNNNNNFNFN", "B": "LNNNNNFNFN"},
    "oversight:supervision": {"-": "LFFFF2FF22"},
    "oversight:supervision_new": {"-": "LFFFFFFF2F"},
    "oversight:supervision_monthly": {"-": "LFFFFFFF22"},
    "oversight:supervision_monthly_pdf": {"-": "LFFFFFFF22"},
    "oversight:supervision_record": {"A": "LFFFF2FF22", "B": "LFFFFFFF22"},
    "oversight:supervision_edit": {"A": "LFFFFFFF2F", "B": "LFFFFFFF2F"},
    "oversight:supervision_attachment": {"A": "LFFFF2FF22", "B": "LFFFFFFF22"},
    "oversight:supervision_action": {"A": "LFFFFFFFBF", "B": "LFFFFFFFBF"},
    "oversight:finding_action": {"A": "LFFFFFFFBF", "B": "LFFFFFFFBF"},
    "oversight:evaluations": {"-": "LFFFFFFF22"},
    "oversight:evaluation": {"-": "LFFFFFFF22"},
    "reports_public:report_new": {"-": "2222222222"},
    "reports_public:follow": {"-": "2222222222"},
    "reports_public:follow_add": {"-": "2222222222"},
    "reports_public:follow_claim": {"-": "2222222222"},
}
# fmt: on


def _names() -> list[str]:
    return [r.name for r in walk() if not is_skipped(r.name)]


def test_every_url_is_named_and_has_a_row():
    unnamed = [n for n in _names() if "<unnamed" in n]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = [n for n in _names() if n not in EXPECTED]
    assert not missing, (
        "URL names without a row in EXPECTED (tests/security/test_permission_matrix.py): "
        f"{missing}. Run test_permission_matrix to print the observed rows, check each answer "
        "is intended, and add them."
    )
    needs_args = [
        r.name
        for r in walk()
        if not is_skipped(r.name)
        and r.pattern.pattern.converters
        and r.name not in AGENCY_ARGS
        and r.name not in SHARED_ARGS
    ]
    assert not needs_args, (
        f"URL names whose arguments the matrix cannot fill: {needs_args}. Add an entry to "
        "AGENCY_ARGS (an object of each agency, from tests/security/world.py; add the object "
        "to Side and _side() if it is a new kind) or SHARED_ARGS in tests/security/matrix.py."
    )
    stale = sorted(set(EXPECTED) - set(_names()))
    assert not stale, f"rows for URL names that no longer exist: {stale}"
    assert SKIPPED, "the admin is skipped here on purpose and tested in test_deployment.py"


def test_every_role_gets_the_expected_answer_for_every_url(world_db):
    observed, methods = measure(world_db)
    errors, to_add, to_fix = [], [], []
    for name, row in observed.items():
        if name not in EXPECTED:
            to_add.append(format_row(name, row))
            continue
        for variant, letters in row.items():
            want = EXPECTED[name].get(variant)
            if want != letters:
                diff = ", ".join(
                    f"{role}: expected {w} got {g}"
                    for role, w, g in zip(ROLES, want or "?" * len(ROLES), letters, strict=True)
                    if w != g
                )
                errors.append(f"{name} [{variant}] by {methods[name]}: {diff}")
                to_fix.append(format_row(name, row))
    servers = [n for n, row in observed.items() if any("E" in v for v in row.values())]
    assert not servers, f"server errors (500) on: {servers}"
    assert not to_add, "add these rows to EXPECTED after checking them:\n" + "\n".join(to_add)
    assert not errors, (
        "answers differ from the table:\n"
        + "\n".join(errors)
        + "\nobserved rows (fix the code, or the table if the new answer is intended):\n"
        + "\n".join(dict.fromkeys(to_fix))
    )


def test_the_table_keeps_other_agencies_out():
    """A reading of the table itself: no agency-bound role of A gets a 2xx on B's staff pages."""
    public = {
        name
        for name, row in EXPECTED.items()
        if row.get("A", row.get("-", ""))[0] == "2"  # the visitor may see it: public
    }
    agency_roles = [ROLES.index(r) for r in ("filer", "officer", "reviewer", "leader")]
    # Read-only pages about another agency that are open to any signed-in staff member:
    # the agency's own page and its (registered, public) discretion standard's calculator.
    open_to_staff = {"powers:agency_detail", "discretion:calculator"}
    leaks = [
        name
        for name, row in EXPECTED.items()
        if "B" in row and name not in public | open_to_staff
        for i in agency_roles
        if row["B"][i] in "2R"
    ]
    assert not leaks, f"staff of agency A reach agency B's objects on: {sorted(set(leaks))}"
