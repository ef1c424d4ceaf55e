"""The late surcharge (Art. 72): 3 % of the fine a day after the deadline, capped at the fine,
not counted while a reconsideration or lawsuit is pending, and per instalment (Art. 66)."""

import datetime as dt
from decimal import Decimal

import pytest

from workflows import deadlines
from workflows.balance import balance
from workflows.models import LegalChallenge

from .execution_helpers import at_execution

D = dt.date
DUE = D(2026, 3, 17)


def surcharge(on, **kw):
    kw.setdefault("tranches", [(DUE, Decimal(1000))])
    return deadlines.surcharge_to_date(fine=1000, on=on, **kw)


def test_day_one_is_three_per_cent_and_the_due_day_itself_is_free():
    assert surcharge(DUE) == Decimal("0.00")
    assert surcharge(DUE + dt.timedelta(days=1)) == Decimal("30.00")
    assert deadlines.late_surcharge(fine=1000, due_on=DUE, paid_on=D(2026, 3, 18)) == 30


def test_day_thirty_three_reaches_the_cap_which_is_the_fine():
    # Day 33 is 99 %; from day 34 the surcharge would pass the fine and stays at it.
    assert surcharge(DUE + dt.timedelta(days=33)) == Decimal("990.00")
    assert surcharge(DUE + dt.timedelta(days=34)) == Decimal("1000.00")
    assert surcharge(DUE + dt.timedelta(days=200)) == Decimal("1000.00")
    for days in (33, 34, 200):
        assert surcharge(DUE + dt.timedelta(days=days)) == deadlines.late_surcharge(
            fine=1000, due_on=DUE, paid_on=DUE + dt.timedelta(days=days)
        )


def test_days_of_a_pending_reconsideration_are_not_counted():
    pauses = [(D(2026, 3, 20), D(2026, 3, 29))]  # 10 days pending
    on = D(2026, 4, 6)  # 20 days late, 10 of them pending
    assert surcharge(on, pauses=pauses) == Decimal("300.00")
    assert deadlines.pending_days(pauses, after=DUE, until=on) == 10
    open_pause = [(D(2026, 3, 20), None)]
    assert surcharge(on, pauses=open_pause) == Decimal("60.00")  # 18th and 19th only


def test_instalments_each_run_from_their_own_date():
    tranches = [(D(2026, 4, 1), Decimal(500)), (D(2026, 5, 1), Decimal(500))]
    # 2 days after the first instalment: 3 % of its 500 a day.
    assert surcharge(D(2026, 4, 3), tranches=tranches) == Decimal("30.00")
    # The first paid on time: nothing accrues until the second is late.
    paid = [(D(2026, 4, 1), Decimal(500))]
    assert surcharge(D(2026, 5, 1), tranches=tranches, payments=paid) == Decimal("0.00")
    assert surcharge(D(2026, 5, 3), tranches=tranches, payments=paid) == Decimal("30.00")


def test_partial_payment_reduces_the_base_from_the_next_day():
    paid = [(D(2026, 3, 18), Decimal(600))]
    # 18th: 30 on the whole 1000 (paid that day); 19th and 20th: 3 % of 400.
    assert surcharge(D(2026, 3, 20), payments=paid) == Decimal("54.00")


@pytest.mark.django_db
def test_the_case_balance_counts_a_pending_reconsideration_from_the_record():
    case, user = at_execution(days_ago=40, received_days_ago=39)
    decision = case.decision
    today = dt.date.today()
    late_days = (today - decision.performance_due_on).days
    assert balance(case).surcharge == min(Decimal(30) * late_days, Decimal(1000))
    start = decision.performance_due_on + dt.timedelta(days=1)
    LegalChallenge.objects.create(
        case=case, kind="reconsideration", body="市人民政府", started_on=start, recorded_by=user
    )
    owed = balance(case)
    assert owed.surcharge == Decimal("0.00") and owed.pending_challenge
    assert owed.fine_outstanding == Decimal("1000.00")
