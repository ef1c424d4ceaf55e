"""Rewards: rule ranges, claim by receipt code, in-person payment, the ledger; retention."""

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from reports import services as services
from reports.models import Report, RewardRule
from reports.selectors import report_statistics
from tests.factories import UserFactory

from .factories import handler, jpeg_with_gps, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule():
    return RewardRule.objects.create(
        violation_type="arbitrary_penalty",
        level="二级",
        penalty_from=Decimal("10000"),
        penalty_to=Decimal("100000"),
        reward_min=Decimal("1000"),
        reward_max=Decimal("5000"),
    )


def _concluded(agency, note="", **kwargs):
    from reports.uploads import clean_image

    report, code = submit_report(agency, files=[clean_image(jpeg_with_gps())], **kwargs)
    if note:
        services.report_add_information(report=report, body=note)
    h = handler()
    services.report_accept(report=report, handler=h)
    services.report_conclude(
        report=report,
        handler=h,
        outcome="substantiated",
        conclusion="属实",
        penalty_amount=Decimal("20000"),
    )
    return report, code, h


def test_reward_within_the_rule_then_claim_by_code_then_paid_in_person(client, agency, rule):
    report, code, h = _concluded(agency)
    with pytest.raises(ValidationError):
        services.reward_decide(report=report, handler=h, amount=Decimal("9000"), reasoning="x")
    services.reward_decide(report=report, handler=h, amount=Decimal("3000"), reasoning="线索具体")
    page = client.post("/public/reports/follow/", {"code": code.display})
    assert "3,000.00" in page.content.decode() or "3000" in page.content.decode()
    client.post("/public/reports/follow/claim/", {"code": code.display})
    report.reward.refresh_from_db()
    assert report.reward.status == "claimed"

    client.force_login(h)
    response = client.post(
        f"/oversight/reports/{report.pk}/reward/pay/", {"payment_reference": "ZF20260001"}
    )
    assert response.status_code == 400  # the in-person check box is required
    client.post(
        f"/oversight/reports/{report.pk}/reward/pay/",
        {"payment_reference": "ZF20260001", "identity_checked": "on"},
    )
    report.reward.refresh_from_db()
    assert report.reward.status == "paid" and report.reward.identity_checked_on
    assert report.reward.payment_reference == "ZF20260001"


def test_no_reward_for_an_unsubstantiated_report(agency, rule):
    report, _ = submit_report(agency)
    h = handler()
    services.report_accept(report=report, handler=h)
    services.report_conclude(report=report, handler=h, outcome="unsubstantiated", conclusion="否")
    with pytest.raises(ValidationError):
        services.reward_decide(report=report, handler=h, amount=Decimal("1000"), reasoning="x")


def test_ledger_is_for_supervisors(client, agency, rule, django_assert_max_num_queries):
    for _i in range(3):
        report, _code, h = _concluded(agency)
        services.reward_decide(report=report, handler=h, amount=Decimal("2000"), reasoning="r")
    client.force_login(handler())
    assert client.get("/oversight/reports/rewards/").status_code == 403
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    with django_assert_max_num_queries(10):
        page = client.get("/oversight/reports/rewards/")
    assert page.content.decode().count('data-testid="ledger-row"') == 3


def test_retention_deletes_identity_and_files_keeps_statistics(
    agency, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_RETENTION_DAYS = 30
    report, _code, _h = _concluded(
        agency,
        note="我是赵六，电话13700000000",
        is_anonymous=False,
        reporter_name="赵六",
        reporter_contact="13700000000",
    )
    path = report.attachments.get().file.path
    stats_before = report_statistics()
    call_command("purge_reports", today=report.concluded_on + dt.timedelta(days=29))
    report.refresh_from_db()
    assert report.reporter_name == "赵六"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_reports", today=report.concluded_on + dt.timedelta(days=30))
    report.refresh_from_db()
    assert report.reporter_name == "" and report.reporter_contact == "" and report.purged_on
    assert report.attachments.count() == 0
    assert not os.path.exists(path)
    assert not report.messages.filter(body__contains="赵六").exists()
    event = AuditEvent.objects.filter(action="report.purge").get()
    assert event.changes["attachments_deleted"] == 1
    assert report_statistics() == stats_before
    assert Report.objects.filter(pk=report.pk).exists()
