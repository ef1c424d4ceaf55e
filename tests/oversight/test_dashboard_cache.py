"""The dashboard's figures are cached, and a change to the data is never served stale."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enforcement_portal.roles import Role
from oversight.dashboard.selectors import data_fingerprint, invalidate_figures
from oversight.warnings.engine import scan
from tests.factories import AgencyFactory, UserFactory
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

pytestmark = pytest.mark.django_db


def row_of(response, code):
    return next(r for r in response.context["rows"] if r["code"] == code)


def case_queries(client) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("oversight:dashboard"))
    grouped = [q for q in captured.captured_queries if "COUNT(" in q["sql"]]
    return response, len(grouped)


@pytest.fixture
def supervisor_client(client):
    invalidate_figures()
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    return client


def test_a_repeat_request_is_served_from_the_cache(supervisor_client):
    power = penalty_power(agency=AgencyFactory(code="cache-a"))
    open_case(power)
    first, counted = case_queries(supervisor_client)
    again, recounted = case_queries(supervisor_client)
    assert counted > 0 and recounted == 0
    assert row_of(first, "cache-a") == row_of(again, "cache-a")
    assert row_of(again, "cache-a")["filed"] == 1


def test_a_new_case_and_an_audited_change_show_at_once(supervisor_client):
    power = penalty_power(agency=AgencyFactory(code="cache-b"))
    case = open_case(power)
    assert row_of(case_queries(supervisor_client)[0], "cache-b")["filed"] == 1
    open_case(power)
    response, counted = case_queries(supervisor_client)
    assert counted > 0 and row_of(response, "cache-b")["filed"] == 2

    # The scan audits itself: the warnings it opens appear on the next request.
    Case.objects.filter(pk=case.pk).update(node_due_on=timezone.localdate() - dt.timedelta(days=3))
    before = data_fingerprint()
    scan(codes=["case_node_overdue"])
    assert data_fingerprint() != before
    row = row_of(case_queries(supervisor_client)[0], "cache-b")
    assert (row["overdue"], row["warnings"]) == (1, 1)


def test_a_change_made_outside_the_services_shows_after_invalidation(supervisor_client):
    power = penalty_power(agency=AgencyFactory(code="cache-c"))
    case = open_case(power)
    assert row_of(case_queries(supervisor_client)[0], "cache-c")["overdue"] == 0
    # Bulk SQL bypasses the audit trail: the cached figure stands until invalidated.
    Case.objects.filter(pk=case.pk).update(node_due_on=timezone.localdate() - dt.timedelta(days=3))
    assert row_of(case_queries(supervisor_client)[0], "cache-c")["overdue"] == 0
    invalidate_figures()
    assert row_of(case_queries(supervisor_client)[0], "cache-c")["overdue"] == 1


def test_scopes_never_share_a_cached_figure(client):
    invalidate_figures()
    first = penalty_power(agency=AgencyFactory(code="cache-d"))
    second = penalty_power(agency=AgencyFactory(code="cache-e"))
    open_case(first)
    open_case(second)
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    codes = {r["code"] for r in client.get(reverse("oversight:dashboard")).context["rows"]}
    assert {"cache-d", "cache-e"} <= codes
    client.force_login(UserFactory(roles=[Role.AGENCY_LEADER], agency=first.agency))
    rows = client.get(reverse("oversight:dashboard")).context["rows"]
    assert [r["code"] for r in rows] == ["cache-d"] and rows[0]["reports"] is None
    client.force_login(UserFactory(roles=[Role.AGENCY_LEADER], agency=second.agency))
    rows = client.get(reverse("oversight:dashboard")).context["rows"]
    assert [r["code"] for r in rows] == ["cache-e"]


def test_caching_can_be_turned_off(supervisor_client, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    open_case(penalty_power(agency=AgencyFactory(code="cache-f")))
    assert case_queries(supervisor_client)[1] > 0
    assert case_queries(supervisor_client)[1] > 0
