"""Warning rules about cases: overdue steps, the 90-day limit, archiving, deviations, certificates."""

import datetime as dt

import pytest
from django.utils import timezone

from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from powers.models import Officer
from tests.workflows.factories import (
    DecisionFactory,
    case_officer,
    open_case,
    penalty_power,
)
from workflows.models import Case, Decision

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def open_for(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


@pytest.mark.parametrize(
    ("code", "field", "status"),
    [
        ("case_node_overdue", "node_due_on", Case.Status.OPEN),
        ("case_decision_overdue", "decision_due_on", Case.Status.OPEN),
        ("case_archive_overdue", "archive_due_on", Case.Status.CLOSED),
    ],
)
def test_overdue_case_dates_open_and_clear(code, field, status):
    case = open_case()
    Case.objects.filter(pk=case.pk).update(status=status, **{field: TODAY - dt.timedelta(days=1)})
    scan(codes=[code])
    scan(codes=[code])
    warning = open_for(code).get()
    assert warning.subject_id == str(case.pk) and warning.agency_id == case.agency_id
    assert case.number in warning.subject_label
    Case.objects.filter(pk=case.pk).update(**{field: TODAY + dt.timedelta(days=3)})
    scan(codes=[code])
    assert not open_for(code).exists()


def test_each_deviation_warns_and_three_by_one_officer_concentrate():
    power = penalty_power()
    user = case_officer(power.agency)
    Officer.objects.create(
        name="决定人",
        agency=power.agency,
        certificate_number="ZZ0000001",
        certificate_valid_until=dt.date(2030, 1, 1),
        user=user,
    )
    DecisionFactory.create_batch(3, case__power=power, case__user=user)
    Decision.objects.update(is_deviation=True, deviation_reason="当事人系残疾人，生活困难")
    scan(codes=["decision_deviation", "deviation_concentration"])
    assert open_for("decision_deviation").count() == 3
    concentration = open_for("deviation_concentration").get()
    assert concentration.officer.user == user and "3 件" in concentration.detail


def test_an_officer_acting_without_a_valid_certificate():
    case = open_case()
    officer = case.officers.first()
    scan(codes=["officer_invalid_certificate"])
    assert not open_for("officer_invalid_certificate").exists()
    Officer.objects.filter(pk=officer.pk).update(
        certificate_status=Officer.CertificateStatus.SUSPENDED
    )
    scan(codes=["officer_invalid_certificate"])
    warning = open_for("officer_invalid_certificate").get()
    assert warning.officer_id == officer.pk and warning.agency_id == officer.agency_id


def test_an_attempt_on_a_suspended_power_is_recorded_and_warned(client):
    from django.urls import reverse

    from enforcement_portal.models import AuditEvent
    from powers.models import Power
    from tests.factories import UserFactory

    power = penalty_power()
    Power.objects.filter(pk=power.pk).update(status=Power.Status.SUSPENDED)
    officer_user = UserFactory(roles=["case_officer"], agency=power.agency)
    client.force_login(officer_user)
    response = client.post(reverse("workflows:case_open"), {"power": power.pk, "title": "试图立案"})
    assert response.status_code == 200 and not Case.objects.exists()
    attempt = AuditEvent.objects.get(action="case.refused_power")
    assert attempt.object_id == str(power.pk) and attempt.actor_id == officer_user.pk
    scan(codes=["unregistered_power_attempt"])
    warning = open_for("unregistered_power_attempt").get()
    assert (
        warning.agency_id == power.agency_id
        and "1 次" in warning.detail
        and "暂停" in warning.detail
    )
