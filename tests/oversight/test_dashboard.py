"""The supervision dashboard: figures per agency, scoping, drill-down, chart and XLSX."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory
from tests.oversight.legal_factories import LegalReviewFactory
from tests.reports.factories import submit_report
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies():
    first, second = (
        penalty_power(agency=AgencyFactory(code="dash-a")),
        penalty_power(agency=AgencyFactory(code="dash-b")),
    )
    late = open_case(first)
    open_case(first)
    open_case(second)
    Case.objects.filter(pk=late.pk).update(node_due_on=timezone.localdate() - dt.timedelta(days=2))
    submit_report(first.agency)
    return first.agency, second.agency, late


def row_of(response, code):
    return next(r for r in response.context["rows"] if r["code"] == code)


def test_supervisor_sees_every_agency_with_its_figures(
    client, two_agencies, django_assert_max_num_queries
):
    _first, _second, _late = two_agencies
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("oversight:dashboard"))
    a = row_of(response, "dash-a")
    assert (a["filed"], a["active"], a["overdue"], a["overdue_rate"], a["reports"]) == (
        2,
        2,
        1,
        50.0,
        1,
    )
    assert row_of(response, "dash-b")["overdue"] == 0
    html = response.content.decode()
    assert 'data-testid="trend-chart"' in html and "<polyline" in html


def test_a_leader_sees_only_the_own_agency_and_never_report_counts(client, two_agencies):
    first, _second, _late = two_agencies
    client.force_login(UserFactory(roles=[Role.AGENCY_LEADER], agency=first))
    response = client.get(reverse("oversight:dashboard"))
    assert [r["code"] for r in response.context["rows"]] == ["dash-a"]
    assert response.context["rows"][0]["reports"] is None
    assert "收到举报" not in response.content.decode()
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER], agency=first))
    assert client.get(reverse("oversight:dashboard")).status_code == 403


def test_drill_down_lists_the_cases_behind_the_overdue_figure(client, two_agencies):
    first, _second, late = two_agencies
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    html = client.get(reverse("oversight:dashboard")).content.decode()
    assert f"?agency={first.code}&amp;overdue=1" in html
    cases = client.get(reverse("workflows:case_list"), {"agency": first.code, "overdue": "1"})
    assert late.number in cases.content.decode()
    numbers = [c.number for c in cases.context["cases"]]
    assert numbers == [late.number]


def test_xlsx_export(client, two_agencies):
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    response = client.get(reverse("oversight:dashboard"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "单位" and rows[0][1] == "立案数"
    first_row = next(r for r in rows[1:] if r[0] == two_agencies[0].name)
    assert first_row[1] == 2 and first_row[3] == 1


def test_legal_review_agreement_rate(client, two_agencies):
    from oversight.models import LegalReview

    first = two_agencies[0]
    case = Case.objects.filter(agency=first).first()
    agreed, problems = LegalReview.Status.AGREED, LegalReview.Status.PROBLEMS
    for status in (agreed, problems, agreed, agreed):
        LegalReviewFactory(case=case, status=status)
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    row = row_of(client.get(reverse("oversight:dashboard")), first.code)
    assert (row["reviews"], row["agreement_rate"]) == (4, 75.0)
