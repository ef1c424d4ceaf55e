"""Handling states and the deadlines of 信访工作条例 (2022), in calendar days."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from enforcement_portal.audit import audit_history
from reports import services as services
from reports.models import Report
from reports.selectors import overdue_reports, repeated_report_targets
from tests.factories import OfficerFactory

from .factories import handler, submit_report

pytestmark = pytest.mark.django_db


def test_deadlines_are_15_days_to_accept_and_60_plus_one_extension_of_30(agency):
    report, _ = submit_report(agency)
    assert report.accept_due == report.received_on + dt.timedelta(days=15)
    h = handler()
    services.report_accept(report=report, handler=h, on=dt.date(2026, 1, 20))
    assert report.conclude_due == dt.date(2026, 3, 21)  # 60 calendar days, across 春节
    with pytest.raises(ValidationError):
        services.report_extend(report=report, handler=h, days=31, reason="情况复杂")
    with pytest.raises(ValidationError):
        services.report_extend(report=report, handler=h, days=10, reason=" ")
    services.report_extend(report=report, handler=h, days=30, reason="需调取银行流水")
    assert report.conclude_due == dt.date(2026, 4, 20)
    with pytest.raises(ValidationError, match="延长过一次"):
        services.report_extend(report=report, handler=h, days=5, reason="再次延期")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(extension_days=45)


def test_states_move_only_along_the_pipeline_and_are_audited(agency):
    report, _ = submit_report(agency)
    h = handler()
    with pytest.raises(ValidationError):
        services.report_conclude(report=report, handler=h, outcome="substantiated", conclusion="x")
    services.report_accept(report=report, handler=h)
    services.report_investigate(report=report, handler=h)
    with pytest.raises(ValidationError):
        services.report_reject(report=report, handler=h, reason="不属于受理范围")
    services.report_conclude(
        report=report,
        handler=h,
        outcome="substantiated",
        conclusion="查证属实，已立案。",
        resulting_case_number="齐市监罚〔2026〕7号",
        penalty_amount=Decimal("5000"),
    )
    report.refresh_from_db()
    assert report.status == "concluded" and report.concluded_on
    assert report.resulting_case_number == "齐市监罚〔2026〕7号"
    actions = list(audit_history(report).values_list("action", flat=True))
    assert actions == ["report.submit", "report.accept", "report.investigate", "report.conclude"]


def test_not_accepting_needs_a_reason(agency):
    report, _ = submit_report(agency)
    with pytest.raises(ValidationError):
        services.report_reject(report=report, handler=handler(), reason="  ")
    services.report_reject(report=report, handler=handler(), reason="已通过诉讼途径解决")
    assert report.status == "rejected"


def test_only_a_substantiated_report_links_a_case(agency):
    report, _ = submit_report(agency)
    h = handler()
    services.report_accept(report=report, handler=h)
    services.report_conclude(
        report=report, handler=h, outcome="unsubstantiated", conclusion="查无实据。"
    )
    with pytest.raises(ValidationError):
        services.report_link_case(report=report, handler=h, case_number="X-1")


def test_overdue_selector_for_the_warnings_engine(agency):
    today = dt.date(2026, 6, 30)
    late, _ = submit_report(agency)
    Report.objects.filter(pk=late.pk).update(
        received_on=dt.date(2026, 6, 1), accept_due=dt.date(2026, 6, 16)
    )
    in_time, _ = submit_report(agency)
    Report.objects.filter(pk=in_time.pk).update(
        received_on=dt.date(2026, 6, 20), accept_due=dt.date(2026, 7, 5)
    )
    slow, _ = submit_report(agency)
    services.report_accept(report=slow, handler=handler(), on=dt.date(2026, 4, 1))
    rows = {r.pk: r.overdue for r in overdue_reports(today)}
    assert rows == {late.pk: "accept", slow.pk: "conclude"}


def test_three_reports_on_one_officer_within_90_days(agency, other_agency):
    officer = OfficerFactory(agency=agency)
    today = dt.date(2026, 6, 30)
    dates = [dt.date(2026, 4, 2), dt.date(2026, 5, 1), dt.date(2026, 6, 29), dt.date(2026, 1, 1)]
    for day in dates:
        report, _ = submit_report(agency, officer=officer)
        Report.objects.filter(pk=report.pk).update(received_on=day)
    for _i in range(2):
        submit_report(other_agency)
    result = repeated_report_targets(today)
    assert result["officers"] == [{"officer_id": officer.pk, "agency_id": agency.pk, "count": 3}]
    assert result["agencies"] == [{"agency_id": agency.pk, "count": 3}]
