"""Reminders before the procedure's windows and the enforcement deadlines (#22): the defence
and hearing request windows, the hearing notice, service of the decision, the 催告书 and the
court window. For each kind: reminded before the deadline (the case's officers, the right
date), nothing sent twice, quiet once the deadline is met; the working days across the 2026
National Day holiday; and the SQL date maps agree with ``workflows.deadlines``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from enforcement_portal.workdays import add_workdays
from oversight.inbox.models import Message
from oversight.reminders.dates import Workdays, date_map
from oversight.reminders.services import reminders_send
from workflows import deadlines
from workflows.models import (
    Case,
    CourtApplication,
    Decision,
    Hearing,
    LegalChallenge,
    Payment,
    PenaltyNotice,
    ServiceRecord,
    UrgeNotice,
)

from .reminder_factories import at, case_due, days

pytestmark = pytest.mark.django_db

NUMBERS = count(1)
TODAY = timezone.localdate()


def run(day: dt.date, code: str):
    return reminders_send(today=day, now=at(day), codes=[code])


def reminders(**filters):
    return Message.objects.filter(category=Message.Category.REMINDER, **filters)


def officers(case) -> set[int]:
    return {o.user_id for o in case.officers.all()}


def _case():
    return case_due(dt.date(2027, 3, 1))


def _notice(case, received_on: dt.date, *, hearing_rights=False):
    notice = PenaltyNotice.objects.create(
        case=case,
        facts="当事人销售超过保质期的食品。",
        reasons="违反食品安全法第三十四条。",
        basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_kinds=["fine"],
        fine_amount=Decimal("200000") if hearing_rights else Decimal("5000"),
        hearing_rights=hearing_rights,
        issued_on=received_on,
        created_by=case.created_by,
    )
    _serve(case, ServiceRecord.DocumentKind.NOTICE, received_on, notice=notice)
    return notice


def _serve(case, kind, day: dt.date, **kwargs):
    return ServiceRecord.objects.create(
        case=case,
        document_kind=kind,
        method=ServiceRecord.Method.DIRECT,
        recipient=case.party_name,
        served_by=case.created_by,
        served_on=day,
        received_on=day,
        **kwargs,
    )


def _decision(case, *, decided_on: dt.date, received_on: dt.date | None = None, fine="1000.00"):
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DECIDED)
    return Decision.objects.create(
        case=case,
        number=f"齐市监罚〔2026〕{next(NUMBERS)}号-{case.pk}",
        decided_on=decided_on,
        facts="当事人销售超过保质期的食品。",
        evidence="现场检查笔录。",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_types="罚款",
        fine_amount=Decimal(fine),
        received_on=received_on,
        performance_due_on=deadlines.payment_due(received_on) if received_on else None,
        decided_by=case.created_by,
    )


def _pay(case, amount: str, day: dt.date):
    return Payment.objects.create(
        case=case,
        bank_receipt_number=f"R-{case.pk}-{next(NUMBERS)}",
        bank_name="中国工商银行齐齐哈尔分行",
        amount=Decimal(amount),
        fine_part=Decimal(amount),
        paid_on=day,
        recorded_by=case.created_by,
    )


def _urge(case, day: dt.date):
    return UrgeNotice.objects.create(
        case=case, number=f"催〔2026〕{case.pk}号", issued_on=day, served_on=day,
        received_on=day, recorded_by=case.created_by,
    )  # fmt: skip


@dataclass
class Setup:
    code: str
    case: Case
    due: dt.date
    meet: object  # () -> None: what ends the deadline


def defence_window():
    case = _case()
    notice = _notice(case, dt.date(2026, 9, 28))

    def meet():  # the party waives in writing (Art. 44)
        PenaltyNotice.objects.filter(pk=notice.pk).update(
            waived_on=dt.date(2026, 9, 30), waiver_document="放弃陈述申辩声明书"
        )

    return Setup("defence_window_due", case, deadlines.defence_window_ends(notice.issued_on), meet)


def hearing_request():
    case = _case()
    notice = _notice(case, dt.date(2026, 9, 28), hearing_rights=True)

    def meet():
        Hearing.objects.create(
            case=case, notice=notice, requested_on=dt.date(2026, 9, 30), created_by=case.created_by
        )

    return Setup("hearing_request_due", case, deadlines.defence_window_ends(notice.issued_on), meet)


def hearing_notice():
    case = _case()
    notice = _notice(case, dt.date(2026, 9, 14), hearing_rights=True)
    hearing_on = dt.date(2026, 10, 21)
    Hearing.objects.create(
        case=case,
        notice=notice,
        requested_on=dt.date(2026, 9, 15),
        status=Hearing.Status.SCHEDULED,
        hearing_on=hearing_on,
        place="听证室",
        created_by=case.created_by,
    )

    def meet():
        _serve(case, ServiceRecord.DocumentKind.HEARING_NOTICE, dt.date(2026, 10, 8))

    return Setup("hearing_notice_due", case, deadlines.hearing_notice_latest(hearing_on), meet)


def decision_service():
    case = _case()
    decision = _decision(case, decided_on=dt.date(2026, 9, 29))

    def meet():
        _serve(case, ServiceRecord.DocumentKind.DECISION, dt.date(2026, 10, 9))

    due = add_workdays(decision.decided_on, 7)  # as decisions_not_served counts (Arts. 61, 85)
    return Setup("decision_service_due", case, due, meet)


def urge():
    case = _case()
    received = dt.date(2026, 4, 8)
    _decision(case, decided_on=dt.date(2026, 4, 1), received_on=received)

    def meet():  # the party pays the whole fine
        _pay(case, "1000.00", dt.date(2026, 10, 6))

    opens, _closes = deadlines.enforcement_application_window(received_on=received)
    return Setup("urge_due", case, opens, meet)


def court():
    case = _case()
    received = dt.date(2026, 1, 12)
    _decision(case, decided_on=dt.date(2026, 1, 5), received_on=received)
    _urge(case, dt.date(2026, 7, 20))

    def meet():
        CourtApplication.objects.create(
            case=case, court="齐齐哈尔市龙沙区人民法院", applied_on=dt.date(2026, 10, 8),
            recorded_by=case.created_by,
        )  # fmt: skip

    _opens, closes = deadlines.enforcement_application_window(received_on=received)
    return Setup("court_application_due", case, closes, meet)


SETUPS = [defence_window, hearing_request, hearing_notice, decision_service, urge, court]
ids = [s.__name__ for s in SETUPS]


@pytest.mark.parametrize("setup", SETUPS, ids=ids)
def test_reminded_before_the_deadline_to_the_case_officers(setup):
    s = setup()
    day = add_workdays(s.due, -3)
    result = run(day, s.code)
    sent = reminders(kind=s.code)
    assert result.per_kind[s.code]["sent"] == len(officers(s.case)) == 2
    assert {m.recipient_id for m in sent} == officers(s.case)
    assert {(m.object_type, m.object_id, m.lead, m.due_on) for m in sent} == {
        ("workflows.case", s.case.pk, 3, s.due)
    }
    message = sent.first()
    assert s.case.number in message.text and s.due.isoformat() in message.text
    assert message.label.startswith(s.case.number)
    # Not a day earlier: four working days ahead is outside every lead.
    Message.objects.all().delete()
    assert run(add_workdays(s.due, -4), s.code).sent == 0


@pytest.mark.parametrize("setup", SETUPS, ids=ids)
def test_a_second_run_sends_nothing_twice(setup):
    s = setup()
    day = add_workdays(s.due, -1)
    assert run(day, s.code).sent == 2
    assert run(day, s.code).sent == 0
    assert set(reminders(kind=s.code).values_list("lead", flat=True)) == {1}
    assert reminders(kind=s.code).count() == 2


@pytest.mark.parametrize("setup", SETUPS, ids=ids)
def test_quiet_once_the_deadline_is_met(setup):
    s = setup()
    run(add_workdays(s.due, -3), s.code)
    assert reminders(kind=s.code, done_at__isnull=True).count() == 2
    s.meet()
    result = run(add_workdays(s.due, -2), s.code)
    assert result.per_kind[s.code] == {"sent": 0, "done": 2}
    assert run(add_workdays(s.due, -1), s.code).sent == 0
    assert not reminders(kind=s.code, lead=1).exists()
    assert not reminders(kind=s.code, done_at__isnull=True).exists()


def test_the_defence_window_across_national_day():
    """Received Mon 28 Sep 2026: the 5 working days are 29, 30 Sep, 8, 9 and Sat 10 Oct (a
    make-up working day; 1-7 Oct are off). The 3-day reminder goes out on 30 Sep, the 1-day
    one on 9 Oct; the window ends with 10 Oct and the reminders with it."""
    s = defence_window()
    assert s.due == dt.date(2026, 10, 10)
    sent_on = {}
    for day in days(dt.date(2026, 9, 28), dt.date(2026, 10, 12)):
        before = set(reminders().values_list("pk", flat=True))
        run(day, s.code)
        new = reminders().exclude(pk__in=before)
        if new:
            sent_on[day] = sorted(new.values_list("recipient_id", "lead", "due_on"))
    who = officers(s.case)
    assert sent_on == {
        dt.date(2026, 9, 30): sorted((u, 3, s.due) for u in who),
        dt.date(2026, 10, 9): sorted((u, 1, s.due) for u in who),
    }
    # The window is over on 12 Oct: nothing left to do.
    assert not reminders(done_at__isnull=True).exists()
    text = reminders(lead=1).first().text
    assert "2026-10-10" in text
    assert "陈述" in text or "state and defend" in text  # Chinese once the catalogue is compiled


def test_an_act_by_deadline_stays_to_do_after_it_passes_unmet():
    s = decision_service()
    run(add_workdays(s.due, -1), s.code)
    run(s.due + dt.timedelta(days=5), s.code)
    assert reminders(kind=s.code, done_at__isnull=True).count() == 2
    s.meet()
    run(s.due + dt.timedelta(days=6), s.code)
    assert not reminders(kind=s.code, done_at__isnull=True).exists()


def test_a_later_notice_replaces_the_earlier_window():
    s = defence_window()
    run(add_workdays(s.due, -3), s.code)
    later = _notice(s.case, dt.date(2026, 10, 9))
    run(add_workdays(s.due, -2), s.code)
    assert not reminders(due_on=s.due, done_at__isnull=True).exists()
    new_due = deadlines.defence_window_ends(later.issued_on)
    run(add_workdays(new_due, -1), s.code)
    assert set(reminders(due_on=new_due).values_list("lead", flat=True)) == {1}


def test_a_notice_without_hearing_rights_has_no_hearing_request_reminder():
    s = defence_window()
    run(add_workdays(s.due, -1), "hearing_request_due")
    assert not reminders().exists()


def test_part_payment_still_reminds_and_a_pending_lawsuit_silences():
    s = urge()
    _pay(s.case, "400.00", dt.date(2026, 9, 1))
    assert run(add_workdays(s.due, -1), s.code).sent == 2
    LegalChallenge.objects.create(
        case=s.case,
        kind=LegalChallenge.Kind.LAWSUIT,
        body="齐齐哈尔市龙沙区人民法院",
        started_on=dt.date(2026, 9, 20),
        recorded_by=s.case.created_by,
    )
    assert run(s.due, s.code).per_kind[s.code]["done"] == 2


def test_a_revoked_decision_is_not_reminded():
    from workflows.models import Revocation

    s = court()
    Revocation.objects.create(
        decision=s.case.decision,
        kind=Revocation.Kind.REVOKED,
        by=Revocation.By.COURT,
        document_reference="（2026）黑0202行初1号",
        decided_on=dt.date(2026, 9, 1),
        reason="撤销",
        withdrawal_due=dt.date(2026, 9, 4),
        recorded_by=s.case.created_by,
    )
    assert run(add_workdays(s.due, -1), s.code).sent == 0


def test_the_workday_map_agrees_with_the_deadlines_across_the_holiday():
    calendar = Workdays(dt.date(2026, 8, 1), dt.date(2026, 11, 30))
    for day in days(dt.date(2026, 9, 1), dt.date(2026, 10, 31)):
        assert calendar.shift(day, 5) == deadlines.defence_window_ends(day), day
        assert calendar.shift(day, -7) == deadlines.hearing_notice_latest(day), day
        assert calendar.shift(day, 7) == add_workdays(day, 7), day
    # Outside what was read it asks the calendar.
    assert calendar.shift(dt.date(2027, 1, 4), 1) == add_workdays(dt.date(2027, 1, 4), 1)


def test_the_month_map_groups_month_ends():
    """31 Aug, 1 Sep …: six months on, 28 Feb has three starts (29, 30, 31 Aug)."""
    mapped = date_map(
        "received_on",
        lambda day: deadlines.enforcement_application_window(received_on=day)[1],
        starts=(dt.date(2025, 8, 25), dt.date(2025, 9, 5)),
        dues=(dt.date(2026, 5, 27), dt.date(2026, 6, 1)),
    )
    assert (dt.date(2025, 8, 28), dt.date(2025, 8, 31), dt.date(2026, 5, 28)) in mapped.buckets
    for lo, hi, due in mapped.buckets:
        for day in days(lo, hi):
            assert deadlines.enforcement_application_window(received_on=day)[1] == due


def test_through_the_services_a_hearing_request_ends_its_reminder_not_the_defence_window():
    """The notice issued and served with the workflows services (a fine carrying hearing
    rights), the party asks for a hearing: the hearing request reminder is done, the defence
    window's stays until the window ends."""
    from tests.workflows.factories import penalty_power
    from tests.workflows.procedure_factories import at_notice, issue, serve
    from workflows.services.procedure_hearing import hearing_request

    from .reminder_factories import team_with_accounts

    power = penalty_power()
    team = team_with_accounts(power.agency)
    case = at_notice(
        filed_days_ago=(TODAY - dt.date(2026, 8, 3)).days, power=power, team=team, user=team[0].user
    )
    received = dt.date(2026, 9, 28)
    notice = issue(case, fine=Decimal("200000"), issued_on=received)
    assert notice.hearing_rights
    serve(case, day=received)
    due = dt.date(2026, 10, 10)
    codes = ["defence_window_due", "hearing_request_due"]
    reminders_send(today=dt.date(2026, 9, 30), now=at(dt.date(2026, 9, 30)), codes=codes)
    assert set(reminders().values_list("kind", "recipient_id", "due_on")) == {
        (code, u, due) for code in codes for u in officers(case)
    }
    hearing_request(case=case, user=case.created_by, requested_on=dt.date(2026, 9, 30))
    reminders_send(today=dt.date(2026, 10, 9), now=at(dt.date(2026, 10, 9)), codes=codes)
    assert not reminders(kind="hearing_request_due", done_at__isnull=True).exists()
    assert not reminders(kind="hearing_request_due", lead=1).exists()
    assert set(
        reminders(kind="defence_window_due", done_at__isnull=True).values_list("lead", flat=True)
    ) == {3, 1}


def test_the_court_window_map_reaches_the_month_ends():
    """Closing on Thu 28 May 2026: received on 28, 29, 30 or 31 Aug 2025 (6 months on is 28
    Feb; 3 more, 28 May)."""
    from oversight.reminders.kinds_procedure import _window_map

    mapped = _window_map("court_application_due", dt.date(2026, 5, 26), 1)
    assert (dt.date(2025, 8, 28), dt.date(2025, 8, 31), dt.date(2026, 5, 28)) in mapped.buckets
    opens = _window_map("urge_due", dt.date(2026, 2, 26), 0)  # opens 1 Mar from 29-31 Aug
    assert any(
        lo <= dt.date(2025, 8, 31) <= hi and due == dt.date(2026, 3, 1)
        for lo, hi, due in opens.buckets
    )
