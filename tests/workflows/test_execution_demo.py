"""The demo city after the decision: an overdue fine, a fine paid late with its surcharge, a
case at the 催告书, a revoked decision; seeding twice changes nothing."""

import pytest

from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import AgencyFactory, OfficerFactory, PowerFactory, UserFactory
from workflows import demo
from workflows.balance import balance
from workflows.models import Case, Payment, UrgeNotice

pytestmark = pytest.mark.django_db


def test_demo_execution_cases_are_seeded_once():
    demo.seed_execution(quiet=True)  # no power yet: skipped
    assert not Case.objects.exists()
    agency = AgencyFactory(code="scjg", short_name="齐市监")
    UserFactory(username="officer", roles=[Role.CASE_OFFICER], agency=agency)
    UserFactory(username="leader", roles=[Role.AGENCY_LEADER], agency=agency)  # approves
    # A 50,000 yuan fine is discussed first (Art. 57): the leader with two more of the agency.
    UserFactory(username="reviewer", roles=[Role.LEGAL_REVIEWER], agency=agency)
    UserFactory(username="filer", roles=[Role.AGENCY_FILER], agency=agency)
    OfficerFactory(agency=agency), OfficerFactory(agency=agency)
    PowerFactory(agency=agency, code="CF-SCJG-001", status=Power.Status.REGISTERED)
    demo.seed(quiet=True)
    demo.seed_execution(quiet=True)
    demo.seed_execution(quiet=True)
    by_title = {
        c.title: c for c in Case.objects.filter(title__in=[t for t, *_r in demo.DEMO_EXECUTION])
    }
    assert len(by_title) == 4
    overdue = balance(by_title["逾期未缴纳罚款案"])
    assert overdue.overdue and overdue.surcharge > 0
    late = by_title["逾期缴纳罚款并加处罚款案"]
    assert late.status == "executed"
    payment = Payment.objects.get(case=late)
    assert payment.surcharge_part == payment.fine_part * 3 * 5 / 100
    assert UrgeNotice.objects.filter(case=by_title["逾期不缴纳罚款催告案"]).exists()
    assert balance(by_title["行政处罚决定被复议撤销案"]).stopped
