"""Who sees what: handlers their remit, supervisors read across, the reported agency never;
a named reporter's identity only after a second handler approves, every view audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from reports import services as services
from reports.models import IdentityAccessRequest
from tests.factories import AgencyFactory, UserFactory

from .factories import handler, handling_body, submit_report

pytestmark = pytest.mark.django_db

NAME, CONTACT = "王小明举报人", "13812345678"


@pytest.fixture
def named(agency):
    report, _ = submit_report(
        agency, is_anonymous=False, reporter_name=NAME, reporter_contact=CONTACT
    )
    return report


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_the_reported_agency_sees_neither_the_report_nor_identity_whatever_its_roles(
    client, agency, named
):
    insider = UserFactory(
        roles=[Role.REPORT_HANDLER, Role.DISCIPLINE_SUPERVISOR, Role.AGENCY_LEADER], agency=agency
    )
    listing = _page(client, insider, "/oversight/reports/")
    assert listing.status_code == 200
    assert named.subject not in listing.content.decode()
    for url in (
        f"/oversight/reports/{named.pk}/",
        f"/oversight/reports/{named.pk}/identity/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert NAME not in response.content.decode()
    response = client.post(
        f"/oversight/reports/{named.pk}/request_identity/", {"reason": "想知道是谁"}
    )
    assert response.status_code == 404
    assert not IdentityAccessRequest.objects.exists()
    # Even an approved request (forged in the database) would not open it for them.
    now = timezone.now()
    IdentityAccessRequest.objects.create(
        report=named,
        requested_by=insider,
        reason="x",
        requested_at=now,
        status="approved",
        decided_by=handler(),
        expires_at=now + dt.timedelta(hours=1),
    )
    with pytest.raises(PermissionDenied):
        services.identity_view(report=named, user=insider)


def test_handlers_of_another_body_cannot_guess_urls(client, named):
    stranger = handler(body=AgencyFactory(is_enforcement_body=False))
    assert _page(client, stranger, f"/oversight/reports/{named.pk}/").status_code == 404
    response = client.post(f"/oversight/reports/{named.pk}/accept/")
    assert response.status_code == 404
    named.refresh_from_db()
    assert named.status == "received"
    assert named.handling_agency == handling_body()


def test_supervisor_reads_the_report_without_identity(client, named):
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    page = _page(client, supervisor, f"/oversight/reports/{named.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert named.subject in html and NAME not in html and CONTACT not in html
    assert client.get(f"/oversight/reports/{named.pk}/identity/").status_code == 403


def test_identity_needs_a_second_handler_and_every_view_is_audited(client, named):
    first, second = handler(), handler()
    page = _page(client, first, f"/oversight/reports/{named.pk}/")
    assert NAME not in page.content.decode()
    assert client.get(f"/oversight/reports/{named.pk}/identity/").status_code == 403

    client.post(f"/oversight/reports/{named.pk}/request_identity/", {"reason": "需回访核实细节"})
    request = IdentityAccessRequest.objects.get()
    # The requester cannot approve their own request: not by the page, not by the database.
    response = client.post(
        f"/oversight/reports/identity-requests/{request.pk}/decide/", {"approve": "1"}
    )
    assert response.status_code == 403
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityAccessRequest.objects.filter(pk=request.pk).update(decided_by=first)
    assert client.get(f"/oversight/reports/{named.pk}/identity/").status_code == 403

    client.force_login(second)
    client.post(
        f"/oversight/reports/identity-requests/{request.pk}/decide/",
        {"approve": "1", "note": "同意"},
    )
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == second
    # Approving does not open it for the approver.
    assert client.get(f"/oversight/reports/{named.pk}/identity/").status_code == 403

    client.force_login(first)
    before = AuditEvent.objects.filter(action="report.identity_view").count()
    for _i in range(2):
        page = client.get(f"/oversight/reports/{named.pk}/identity/")
        assert page.status_code == 200
        assert NAME in page.content.decode() and CONTACT in page.content.decode()
    views = AuditEvent.objects.filter(action="report.identity_view").order_by("seq")
    assert views.count() == before + 2
    assert views.last().actor_id == first.pk
    assert views.last().changes["approved_by"] == second.pk
    # The audit trail never holds the identity itself.
    assert not AuditEvent.objects.filter(changes__icontains=NAME).exists()


def test_anonymous_report_has_no_identity_to_request(client, agency):
    report, _ = submit_report(agency)
    h = handler()
    client.force_login(h)
    client.post(f"/oversight/reports/{report.pk}/request_identity/", {"reason": "想回访"})
    assert not IdentityAccessRequest.objects.exists()


def test_list_query_count_does_not_grow(client, agency, django_assert_max_num_queries):
    h = handler()
    client.force_login(h)
    for _i in range(3):
        submit_report(agency)
    with django_assert_max_num_queries(12):
        small = client.get("/oversight/reports/")
    for _i in range(10):
        submit_report(agency)
    with django_assert_max_num_queries(12):
        big = client.get("/oversight/reports/")
    assert big.content.decode().count('data-testid="report-row"') == 13
    assert small.status_code == 200


def test_audit_history_is_closed_to_the_reported_agency_and_filed_under_the_body(
    client, agency, named
):
    insider = UserFactory(roles=[Role.AGENCY_LEADER, Role.REPORT_HANDLER], agency=agency)
    client.force_login(insider)
    assert client.get(f"/history/reports.report/{named.pk}/").status_code == 403
    events = AuditEvent.objects.filter(object_type="reports.report", object_id=str(named.pk))
    assert events.exists()
    assert not events.filter(agency_id=agency.pk).exists()
    assert set(events.values_list("agency_id", flat=True)) == {handling_body().pk}


def test_an_approved_grant_expires(named, settings):
    settings.REPORTS_IDENTITY_ACCESS_HOURS = 1
    first, second = handler(), handler()
    request = services.identity_request_create(report=named, handler=first, reason="回访")
    services.identity_request_decide(request=request, handler=second, approve=True)
    assert services.identity_view(report=named, user=first)["name"] == NAME
    IdentityAccessRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(PermissionDenied):
        services.identity_view(report=named, user=first)


def test_a_refused_request_opens_nothing(named):
    first, second = handler(), handler()
    request = services.identity_request_create(report=named, handler=first, reason="好奇")
    services.identity_request_decide(
        request=request, handler=second, approve=False, note="理由不足"
    )
    with pytest.raises(PermissionDenied):
        services.identity_view(report=named, user=first)


def test_history_reads_the_events_written_before_the_app_moved(client, named):
    """Events in the chain before #16 name ``oversight.report``; they stay in the history."""
    from enforcement_portal.audit import audit_append, audit_history

    old = audit_append(
        action="report.accept", obj=named, object_type="oversight.report", agency_id=0
    )
    assert old in audit_history(named) and audit_history(named).count() >= 2
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client.force_login(supervisor)
    for label in ("reports.report", "oversight.report"):
        page = client.get(f"/history/{label}/{named.pk}/")
        assert page.status_code == 200
        assert page.content.decode().count("report.accept") >= 1
    insider = UserFactory(roles=[Role.AGENCY_LEADER, Role.REPORT_HANDLER], agency=named.agency)
    client.force_login(insider)
    assert client.get(f"/history/oversight.report/{named.pk}/").status_code == 403
