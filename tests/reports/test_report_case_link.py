"""A substantiated report links to the case it led to, by case number or decision number."""

import pytest
from django.urls import reverse

from enforcement_portal.roles import Role
from reports import services as services
from tests.factories import UserFactory
from tests.reports.factories import handler, submit_report
from tests.workflows.factories import case_officer, decide, open_case, penalty_power, to_node

pytestmark = pytest.mark.django_db


def test_conclusion_links_the_case_by_its_decision_number(client):
    power = penalty_power()
    officer_user = case_officer(power.agency)
    case = to_node(open_case(power, user=officer_user), officer_user, "decision")
    decision = decide(case, officer_user)
    report, _code = submit_report(power.agency)
    h = handler()
    services.report_accept(report=report, handler=h)
    services.report_conclude(
        report=report,
        handler=h,
        outcome="substantiated",
        conclusion="查证属实，已处罚。",
        resulting_case_number=decision.number,
    )
    report.refresh_from_db()
    assert report.resulting_case == case

    # the handler reads the number; only someone who may read the case gets a link to it
    client.force_login(h)
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert decision.number in page and 'data-testid="resulting-case-link"' not in page
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert 'data-testid="resulting-case-link"' in page


def test_an_unknown_number_stays_text_only():
    report, _code = submit_report(penalty_power().agency)
    h = handler()
    services.report_accept(report=report, handler=h)
    services.report_conclude(
        report=report,
        handler=h,
        outcome="substantiated",
        conclusion="查证属实。",
        resulting_case_number="外地移送〔2026〕1号",
    )
    report.refresh_from_db()
    assert report.resulting_case is None and report.resulting_case_number == "外地移送〔2026〕1号"
