"""Payments from the party's receipt: fine + surcharge accepted and split, less kept open,
instalments approved by the responsible person; the same due date on the PDF and the page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.factories import UserFactory
from workflows import deadlines
from workflows.balance import balance, payment_clause
from workflows.models import Deferral
from workflows.selectors import leaving_problems
from workflows.services.instalments import deferral_apply, deferral_decide

from .execution_helpers import at_execution, pay, serve_decision

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_the_payment_period_runs_from_receipt_and_one_function_states_it():
    case, user = at_execution(days_ago=30, received_days_ago=False)
    decision = case.decision
    assert decision.received_on is None and decision.performance_due_on is None
    assert "履行期限至" not in payment_clause(decision)
    received = TODAY() - dt.timedelta(days=20)
    serve_decision(case, user, received)
    decision.refresh_from_db()
    assert decision.received_on == received
    assert decision.performance_due_on == deadlines.payment_due(received)
    assert f"履行期限至{decision.performance_due_on.year}年" in payment_clause(decision)
    assert case.events.filter(kind="decision_received").exists()
    assert audit_history(case).filter(action="decision.received").exists()
    with pytest.raises(ValidationError):  # served once; the receipt is never re-entered
        serve_decision(case, user, received)


def test_no_page_sets_the_receipt_of_the_decision_directly(client):
    """Art. 61: the receipt comes only from the decision's service record."""
    from django.urls import NoReverseMatch, reverse

    case, user = at_execution(days_ago=30, received_days_ago=False)
    with pytest.raises(NoReverseMatch):
        reverse("workflows:decision_received", args=[case.pk])
    client.force_login(user)
    day = (TODAY() - dt.timedelta(days=5)).isoformat()
    response = client.post(f"/cases/{case.pk}/received/", {"received_on": day})
    assert response.status_code == 404
    case.decision.refresh_from_db()
    assert case.decision.received_on is None
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="mark-received"' not in page
    assert f"/cases/{case.pk}/procedure/service/?document=decision" in page


def test_fine_plus_surcharge_is_accepted_and_split():
    case, user = at_execution(days_ago=40, received_days_ago=39)
    due = case.decision.performance_due_on
    paid_on = due + dt.timedelta(days=5)
    payment = pay(case, user, "1150.00", paid_on)
    assert (payment.fine_part, payment.surcharge_part) == (Decimal("1000.00"), Decimal("150.00"))
    case.refresh_from_db()
    assert case.status == "executed"
    assert not leaving_problems(case)
    assert "150" in case.events.filter(kind="payment").last().summary


def test_the_fine_alone_when_surcharge_is_due_stays_open_and_more_than_owed_is_refused():
    case, user = at_execution(days_ago=40, received_days_ago=39)
    paid_on = case.decision.performance_due_on + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as exc:
        pay(case, user, "1060.01", paid_on)
    assert "第七十二条" in str(exc.value) or "Art. 72" in str(exc.value)
    pay(case, user, "1000.00", paid_on)
    case.refresh_from_db()
    owed = balance(case)
    assert case.status == "decided"
    assert owed.fine_outstanding == 0 and owed.surcharge_outstanding == Decimal("60.00")
    assert leaving_problems(case)
    # The surcharge no longer grows once the fine is paid; paying it finishes execution.
    pay(case, user, "60.00", TODAY())
    case.refresh_from_db()
    assert case.status == "executed" and balance(case).total_outstanding == 0


def test_partial_payments_accumulate_in_order():
    case, user = at_execution(days_ago=40, received_days_ago=39)
    due = case.decision.performance_due_on
    pay(case, user, "400.00", due)
    with pytest.raises(ValidationError):
        pay(case, user, "100.00", due - dt.timedelta(days=1))  # before a recorded payment
    owed = balance(case, on=due)
    assert owed.fine_paid == Decimal("400.00") and owed.fine_outstanding == Decimal("600.00")
    # Day 1 late: 3 % of the 600 still unpaid.
    assert balance(case, on=due + dt.timedelta(days=1)).surcharge == Decimal("18.00")


def _leader(agency):
    return UserFactory(agency=agency, roles=[Role.AGENCY_LEADER])


def test_instalments_need_the_leader_and_a_schedule_adding_up_to_the_fine():
    case, user = at_execution(days_ago=10, received_days_ago=9)
    deferral = deferral_apply(
        case=case, user=user, kind="instalments", reason="经营困难，资金周转不足"
    )
    with pytest.raises(PermissionDenied):
        deferral_decide(deferral=deferral, user=user, approve=True, schedule=[])
    leader = _leader(case.agency)
    today = timezone.localdate()
    first, second = today + dt.timedelta(days=10), today + dt.timedelta(days=40)
    with pytest.raises(ValidationError) as exc:
        deferral_decide(
            deferral=deferral, user=leader, approve=True, schedule=[(first, Decimal(500))]
        )
    assert "schedule" in exc.value.message_dict
    deferral = deferral_decide(
        deferral=deferral,
        user=leader,
        approve=True,
        schedule=[(first, Decimal(500)), (second, Decimal(500))],
    )
    assert deferral.status == Deferral.Status.APPROVED
    owed = balance(case, on=first + dt.timedelta(days=2))
    assert owed.tranches == [(first, Decimal(500)), (second, Decimal(500))]
    assert owed.surcharge == Decimal("30.00")  # 2 days on the first 500 only
    assert audit_history(case).filter(action="deferral.decide").exists()


def test_the_decision_pdf_states_the_date_the_case_page_shows(client):
    from enforcement_portal.formatting import cn_date
    from workflows.models import Document
    from workflows.services.documents import document_request

    from .test_documents import pdf_text

    case, user = at_execution(days_ago=30, received_days_ago=28)
    due = case.decision.performance_due_on
    document = document_request(case=case, kind="decision", user=user)
    assert document.status == Document.Status.READY, document.error
    text = pdf_text(document.file.path)
    assert f"履行期限至{cn_date(due)}" in text and "自收到本决定书之日起十五日内" in text
    assert "加处罚款的数额不超出罚款的数额" in text
    client.force_login(user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert cn_date(due) in page
