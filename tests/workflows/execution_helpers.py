"""A decided case standing at the execution node, decided and served in the past: the
receipt comes from the decision's service record (送达回证), as in the portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from workflows.services.execution import payment_record
from workflows.services.procedure_service import service_record_add

from .factories import case_officer, decide, open_case, penalty_power, to_node


def at_execution(*, days_ago: int = 120, received_days_ago: int | None = None, fine="1000.00"):
    """(case, user): decided ``days_ago`` days ago, received the next day (or as given)."""
    today = timezone.localdate()
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user, filed_on=today - dt.timedelta(days=days_ago + 10))
    case = to_node(case, user, "decision")
    decide(case, user, fine=Decimal(fine), decided_on=today - dt.timedelta(days=days_ago))
    case = to_node(case, user, "execution")
    received = received_days_ago if received_days_ago is not None else days_ago - 1
    if received is not False:
        serve_decision(case, user, today - dt.timedelta(days=received))
    case.refresh_from_db()
    return case, user


def serve_decision(case, user, day):
    """The decision served in person and received on ``day`` (Art. 61)."""
    return service_record_add(
        case=case,
        user=user,
        document_kind="decision",
        method="direct",
        served_on=day,
        received_on=day,
        recipient=case.party_name,
    )


def pay(case, user, amount, paid_on, receipt=None):
    case.refresh_from_db()
    return payment_record(
        case=case,
        user=user,
        expected_version=case.version,
        bank_receipt_number=receipt or f"R-{case.pk}-{paid_on}-{amount}",
        bank_name="中国工商银行齐齐哈尔分行",
        amount=Decimal(str(amount)),
        paid_on=paid_on,
    )
