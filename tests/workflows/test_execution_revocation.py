"""A decision changed, revoked, confirmed illegal or void (Art. 48): recorded while it is
still public; the publication is due for withdrawal within 3 working days and the warning fires
on the fourth, none when withdrawn in time; execution stops (refunds) or adjusts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disclosure import services as disclosure_services
from disclosure.models import Publication
from enforcement_portal.workdays import add_workdays
from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from tests.disclosure.factories import publish
from workflows.balance import balance
from workflows.services.revocation import refund_record, revocation_record

from .execution_helpers import at_execution, pay

pytestmark = pytest.mark.django_db


def _monday_before(days: int) -> dt.date:
    day = dt.date.today() - dt.timedelta(days=days)
    return day - dt.timedelta(days=day.weekday())


def published_case(django_capture_on_commit_callbacks, days_ago=40):
    with django_capture_on_commit_callbacks(execute=True):
        case, user = at_execution(days_ago=days_ago, received_days_ago=days_ago - 1)
    publication = Publication.objects.get(case=case)
    publish(publication)
    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED
    return case, user, publication


def revoke(case, user, on, kind="revoked", **kw):
    return revocation_record(
        case=case,
        user=user,
        kind=kind,
        by="reconsideration",
        document_reference="齐政复决〔2026〕8号",
        decided_on=on,
        reason="复议机关认为认定事实不清，撤销原处罚决定。",
        **kw,
    )


def open_for(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


def test_revocation_while_public_warns_on_the_fourth_working_day(
    django_capture_on_commit_callbacks,
):
    case, user, publication = published_case(django_capture_on_commit_callbacks)
    monday = _monday_before(14)
    with django_capture_on_commit_callbacks(execute=True):
        revocation = revoke(case, user, monday)
    assert revocation.withdrawal_due == add_workdays(monday, 3)  # Thursday
    publication.refresh_from_db()
    assert publication.status == Publication.Status.PUBLISHED  # recorded while still public
    assert publication.revoked_on == monday
    assert publication.withdrawal_due == revocation.withdrawal_due
    scan(today=revocation.withdrawal_due, codes=["withdrawal_overdue"])
    assert not open_for("withdrawal_overdue").exists()
    scan(today=add_workdays(monday, 4), codes=["withdrawal_overdue"])
    warning = open_for("withdrawal_overdue").get()
    assert warning.subject_id == str(publication.pk)
    # Withdrawing with the reason clears it.
    disclosure_services.publication_withdraw(publication=publication, reason=revocation.reason)
    publication.refresh_from_db()
    assert publication.revoked_on == monday and publication.status == "withdrawn"
    scan(today=add_workdays(monday, 5), codes=["withdrawal_overdue"])
    assert not open_for("withdrawal_overdue").exists()


def test_no_warning_when_withdrawn_in_time(django_capture_on_commit_callbacks):
    case, user, publication = published_case(django_capture_on_commit_callbacks)
    monday = _monday_before(14)
    with django_capture_on_commit_callbacks(execute=True):
        revoke(case, user, monday)
    disclosure_services.publication_withdraw(publication=publication, reason="决定已被撤销")
    scan(today=add_workdays(monday, 4), codes=["withdrawal_overdue"])
    assert not open_for("withdrawal_overdue").exists()


def test_revoked_decision_stops_execution_and_refunds_what_was_paid():
    case, user = at_execution(days_ago=40, received_days_ago=39)
    due = case.decision.performance_due_on
    pay(case, user, "400.00", due)
    revoke(case, user, due + dt.timedelta(days=3))
    owed = balance(case)
    assert owed.stopped and owed.total_outstanding == 0 and owed.refund_due == Decimal("400.00")
    with pytest.raises(ValidationError):
        pay(case, user, "10.00", dt.date.today())
    with pytest.raises(ValidationError):
        refund_record(
            case=case,
            user=user,
            amount=Decimal("400.01"),
            refunded_on=dt.date.today(),
            reference="退库〔2026〕3号",
        )
    refund_record(
        case=case,
        user=user,
        amount=Decimal("400.00"),
        refunded_on=dt.date.today(),
        reference="退库〔2026〕3号",
    )
    assert balance(case).refund_due == 0
    assert {"revocation", "refund"} <= set(case.events.values_list("kind", flat=True))


def test_a_changed_decision_is_executed_as_changed():
    case, user = at_execution(days_ago=10, received_days_ago=9)
    revoke(case, user, dt.date.today(), kind="changed", new_fine_amount=Decimal("600.00"))
    owed = balance(case)
    assert not owed.stopped and owed.fine == Decimal("600.00")
    with pytest.raises(ValidationError):
        pay(case, user, "600.01", dt.date.today())
    pay(case, user, "600.00", dt.date.today())
    case.refresh_from_db()
    assert case.status == "executed"
