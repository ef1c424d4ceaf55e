"""Helpers of the procedure tests: a case standing at the notice node, a served notice, a
leader, a hearing scheduled and held (its date moved into the past the way only a test may)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from enforcement_portal.workdays import add_workdays
from workflows.models import Hearing
from workflows.services.procedure_hearing import hearing_request, hearing_schedule
from workflows.services.procedure_notice import notice_issue
from workflows.services.procedure_service import service_record_add

from .factories import CaseFactory, case_officer, leader, to_node

TODAY = timezone.localdate()
BASIS = "《中华人民共和国食品安全法》第一百二十四条第一款"


def at_notice(*, filed_days_ago=40, **kwargs):
    case = CaseFactory(filed_on=TODAY - dt.timedelta(days=filed_days_ago), **kwargs)
    return to_node(case, case.created_by, "notice")


def issue(case, *, fine=Decimal("5000"), kinds=("fine",), issued_on=None, **kwargs):
    return notice_issue(
        case=case,
        user=case.created_by,
        facts="当事人销售超过保质期的食品。",
        reasons="违反食品安全法第三十四条。",
        basis=BASIS,
        penalty_kinds=list(kinds),
        penalty_text="罚款",
        fine_amount=fine,
        issued_on=issued_on or TODAY,
        **kwargs,
    )


def serve(case, kind="notice", day=None, method="direct", **kwargs):
    day = day or TODAY
    return service_record_add(
        case=case,
        user=case.created_by,
        document_kind=kind,
        method=method,
        served_on=kwargs.pop("served_on", day),
        received_on=kwargs.pop("received_on", day),
        recipient=case.party_name,
        **kwargs,
    )


def served_notice(case, *, received_on=None, **kwargs):
    day = received_on or TODAY
    notice = issue(case, issued_on=day, **kwargs)
    serve(case, day=day)
    return notice


def outsider(agency):
    """A staff member of the agency who is not an officer on the case (a hearing host)."""
    return case_officer(agency)


def scheduled_hearing(case, *, host=None, received_on=None):
    """A hearing requested the day the notice was received and scheduled 10 working days
    ahead."""
    received = received_on or TODAY
    served_notice(case, received_on=received, fine=Decimal("200000"))
    hearing_request(case=case, user=case.created_by, requested_on=received)
    hearing = Hearing.objects.get(case=case)
    return hearing_schedule(
        hearing=hearing,
        user=case.created_by,
        hearing_on=add_workdays(TODAY, 10),
        host=host or outsider(case.agency),
        place="听证室",
    )


def backdate_hearing(hearing, held_on):
    Hearing.objects.filter(pk=hearing.pk).update(hearing_on=held_on)
    hearing.refresh_from_db()
    return hearing


__all__ = ["leader"]
