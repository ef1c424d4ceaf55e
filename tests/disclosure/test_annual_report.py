"""The annual enforcement statistics: computed from the data, a page and a PDF, due by 31 January."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from disclosure.statistics import annual_figures, annual_report_publish
from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from tests.workflows.factories import DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_with_a_decision():
    decision = DecisionFactory(case__filed_on=dt.date(2026, 3, 2), decided_on=dt.date(2026, 3, 20))
    return decision.case.agency


def test_figures_come_from_the_cases_and_decisions(agency_with_a_decision):
    figures = annual_figures(agency_with_a_decision, 2026)
    assert figures["cases_filed"] == 1 and figures["decisions"] == 1
    assert figures["fines_total"] == "5000.00"
    assert {row["type"] for row in figures["penalty_types"]} == {"警告", "罚款"}
    assert figures["cases_by_category"] == [{"category": "行政处罚", "count": 1}]
    assert annual_figures(agency_with_a_decision, 2025)["cases_filed"] == 0


def test_published_as_a_page_with_a_chart_and_a_pdf(client, agency_with_a_decision):
    agency = agency_with_a_decision
    with pytest.raises(ValidationError):
        annual_report_publish(agency=agency, year=timezone.localdate().year)
    annual_report_publish(agency=agency, year=2026, on=dt.date(2027, 1, 15))
    page = client.get(
        reverse("disclosure:annual_report", args=[2026, agency.code])
    ).content.decode()
    assert "5,000.00元" in page and 'data-testid="bar-chart"' in page and "行政处罚" in page
    pdf = client.get(reverse("disclosure:annual_report_pdf", args=[2026, agency.code]))
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "2026年度行政执法统计年报" in text and agency.name in text and "5,000.00元" in text
    listing = client.get(reverse("disclosure:annual_reports")).content.decode()
    assert agency.name in listing
    assert (
        client.get(reverse("disclosure:annual_report", args=[2025, agency.code])).status_code == 404
    )


def test_a_missing_report_warns_after_31_january(agency_with_a_decision):
    agency = agency_with_a_decision
    january = timezone.make_aware(dt.datetime(2027, 1, 31, 9))
    scan(today=dt.date(2027, 1, 31), now=january, codes=["annual_report_overdue"])
    assert not EarlyWarning.objects.filter(rule__code="annual_report_overdue").exists()
    february = timezone.make_aware(dt.datetime(2027, 2, 1, 9))
    scan(today=dt.date(2027, 2, 1), now=february, codes=["annual_report_overdue"])
    warning = EarlyWarning.objects.get(
        rule__code="annual_report_overdue", subject_id=str(agency.pk)
    )
    assert warning.agency == agency and "2026" in warning.detail
    annual_report_publish(agency=agency, year=2026, on=dt.date(2027, 2, 2))
    scan(today=dt.date(2027, 2, 2), now=february, codes=["annual_report_overdue"])
    warning.refresh_from_db()
    assert warning.status == EarlyWarning.Status.RESOLVED
