"""Handlers' pages: bad input gets a Chinese message at its field and changes nothing;
the desk panel; the demo reports."""

import pytest

from enforcement_portal.registry import demo_seeders
from reports.models import Report, RewardRule

from .factories import handler, submit_report

pytestmark = pytest.mark.django_db


def test_rejecting_without_reason_shows_the_error_and_changes_nothing(client, agency):
    report, _ = submit_report(agency)
    client.force_login(handler())
    response = client.post(f"/oversight/reports/{report.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode()
    response = client.post(
        f"/oversight/reports/{report.pk}/extend/", {"days": "10", "reason": "复杂"}
    )
    assert response.status_code == 302  # not accepted yet: refused, said on the page
    page = client.get(response["Location"])
    assert "只有正在办理的举报才能延期" in page.content.decode()
    report.refresh_from_db()
    assert report.status == "received" and report.extension_days == 0


def test_extension_over_30_days_is_refused_at_the_field(client, agency):
    report, _ = submit_report(agency)
    h = handler()
    client.force_login(h)
    client.post(f"/oversight/reports/{report.pk}/accept/")
    response = client.post(
        f"/oversight/reports/{report.pk}/extend/", {"days": "45", "reason": "复杂"}
    )
    assert response.status_code == 400
    assert "30" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "accepted" and report.extension_days == 0


def test_handlers_desk_counts_reports(client, agency):
    submit_report(agency)
    client.force_login(handler())
    page = client.get("/")
    assert 'data-testid="reports-panel"' in page.content.decode()
    assert "1 件待受理" in page.content.decode()


def test_demo_reports_in_several_states_idempotent():
    seeders = [s for s in demo_seeders() if s.key in ("powers.city", "reports.reports")]
    assert [s.key for s in seeders] == ["powers.city", "reports.reports"]
    for _round in range(2):
        for seeder in seeders:
            seeder.seed(quiet=True)
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"received", "investigating", "concluded", "rejected"} <= statuses
    assert Report.objects.count() == 5
    assert RewardRule.objects.count() == 6
    assert Report.objects.get(status="concluded").reward.amount == 3000
