"""The procedure's dates and thresholds as pure functions (行政处罚法 2021).

Services, warnings, documents and tests all ask these, so a deadline has one answer. Day
counting follows Civil Code Arts. 201-202 as the penalty law applies it: the day an event
happens is not counted; a period in years ends on the corresponding day of the last year (the
month's last day where there is none); Art. 85 makes the law's 2, 3, 5 and 7 days working days,
its longer periods calendar days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from enforcement_portal.workdays import add_workdays

from . import conf


def _add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def limitation_ends(violation_ended_on: dt.date, *, extended: bool) -> dt.date:
    """The last day on which discovering the violation still allows a penalty (Art. 36).

    ``violation_ended_on`` is the day of the act, or of its end when it continued or repeated;
    ``extended`` is the 5-year period for life and health or financial safety with harm.
    """
    return _add_years(violation_ended_on, conf.limitation_years(extended=extended))


def _amount(value) -> Decimal:
    return Decimal(str(value or 0))


def hearing_rights(
    *, penalty_kinds: Iterable[str], fine=0, confiscation=0, party_kind: str
) -> bool:
    """Whether the proposed penalty gives the party a right to a hearing (Art. 63)."""
    kinds = set(penalty_kinds)
    if kinds & conf.HEARING_PENALTY_KINDS:
        return True
    threshold = conf.hearing_amount_threshold(party_kind)
    return _amount(fine) >= threshold or _amount(confiscation) >= threshold


def defence_window_ends(received_on: dt.date) -> dt.date:
    """The last day for statement, defence and a hearing request after the notice is received
    (Arts. 44, 45, 64; 5 working days, a setting)."""
    return add_workdays(received_on, conf.defence_window_workdays())


def hearing_notice_latest(hearing_on: dt.date) -> dt.date:
    """The last day the hearing notice may be served: 7 working days before it (Art. 64)."""
    return add_workdays(hearing_on, -conf.hearing_notice_workdays())


def simplified_allowed(*, penalty_kinds: Iterable[str], fine=0, party_kind: str) -> bool:
    """Whether the on-the-spot procedure may impose this (Art. 51): a warning, or a fine up to
    200 元 for a citizen and 3,000 元 for an organisation (settings), and nothing else."""
    kinds = set(penalty_kinds)
    if not kinds or not kinds <= conf.SIMPLIFIED_PENALTY_KINDS:
        return False
    if "fine" in kinds:
        return Decimal(0) < _amount(fine) <= conf.simplified_fine_cap(party_kind)
    return _amount(fine) == 0


def suspended_days(suspensions: Iterable[tuple[dt.date, dt.date | None]], *, today: dt.date):
    """Days actually suspended: from each start to its end (or to today while it runs)."""
    total = 0
    for start, end in suspensions:
        total += max(((end or today) - start).days, 0)
    return total


def decision_limit(
    filed_on: dt.date,
    *,
    suspensions: Iterable[tuple[dt.date, dt.date | None]] = (),
    extensions: Iterable[int] = (),
    today: dt.date | None = None,
) -> dt.date:
    """The last day to decide (Art. 60): 90 days from filing (a setting), moved by the days
    actually suspended and by each approved extension. An open suspension counts to ``today``."""
    today = today or timezone.localdate()
    days = conf.decision_days() + suspended_days(suspensions, today=today) + sum(extensions)
    return filed_on + dt.timedelta(days=days)


# ---------------------------------------------------------------------------- execution


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later (the month's last day where there is none)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _not_on_a_day_off(day: dt.date) -> dt.date:
    """Civil Code Art. 203: a period whose last day is a day off ends on the next working day."""
    from enforcement_portal.workdays import is_workday

    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def payment_due(received_on: dt.date) -> dt.date:
    """The last day to pay: 15 days from receiving the decision (Art. 67; calendar days, a
    setting), moved to the next working day when it falls on a day off (Civil Code Art. 203)."""
    return _not_on_a_day_off(received_on + dt.timedelta(days=conf.performance_days()))


SURCHARGE_RATE = Decimal("0.03")


def late_surcharge(*, fine, due_on: dt.date, paid_on: dt.date, paused_days: int = 0) -> Decimal:
    """The late surcharge (加处罚款, Art. 72): 3 % of the fine for each day after ``due_on`` up
    to ``paid_on``, without the days a reconsideration or lawsuit was pending, never more than
    the fine itself (行政强制法 Art. 45). Rounded to the fen."""
    fine = _amount(fine)
    days = max((paid_on - due_on).days - max(paused_days, 0), 0)
    surcharge = min(fine * SURCHARGE_RATE * days, fine)
    return surcharge.quantize(Decimal("0.01"))


def reconsideration_ends(received_on: dt.date) -> dt.date:
    """Reconsideration may be applied for within 60 days (行政复议法 2023 Art. 20)."""
    return received_on + dt.timedelta(days=60)


def lawsuit_ends(received_on: dt.date) -> dt.date:
    """A lawsuit may be brought within 6 months of knowing the decision (行政诉讼法 Art. 46)."""
    return add_months(received_on, 6)


def enforcement_application_window(*, received_on: dt.date) -> tuple[dt.date, dt.date]:
    """When an agency without its own power of compulsion may apply to the court (行政强制法
    Art. 53): from the day after the reconsideration and lawsuit periods have both ended, for
    3 months. A 催告书 must have been served at least 10 days before (Art. 54)."""
    periods_end = max(reconsideration_ends(received_on), lawsuit_ends(received_on))
    return periods_end + dt.timedelta(days=1), add_months(periods_end, 3)


def _pending(day: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]]) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in pauses)


def pending_days(
    pauses: Iterable[tuple[dt.date, dt.date | None]], *, after: dt.date, until: dt.date
) -> int:
    """Days after ``after`` up to ``until`` on which a reconsideration or lawsuit was pending
    (from the day it was filed to the day it ended, or still open)."""
    pauses = list(pauses)
    day, count = after + dt.timedelta(days=1), 0
    while day <= until:
        count += _pending(day, pauses)
        day += dt.timedelta(days=1)
    return count


def surcharge_to_date(
    *,
    fine,
    tranches: Iterable[tuple[dt.date, Decimal]],
    payments: Iterable[tuple[dt.date, Decimal]] = (),
    on: dt.date,
    pauses: Iterable[tuple[dt.date, dt.date | None]] = (),
) -> Decimal:
    """The late surcharge accrued up to and including ``on`` (Art. 72; 行政强制法 Art. 45).

    ``tranches`` are (due date, amount) of what the party owes: the whole fine on its payment
    date, or each approved instalment on its own date (Art. 66). ``payments`` are (paid on, fine
    part); they settle the earliest tranche first and count from the day after they are paid.
    Each day after a tranche's date, 3 % of what is still unpaid of it accrues, except on days
    a reconsideration or lawsuit is pending; the total never exceeds the fine. To the fen.
    """
    fine = _amount(fine)
    tranches = sorted((due, _amount(amount)) for due, amount in tranches)
    payments = sorted((paid, _amount(amount)) for paid, amount in payments)
    pauses = list(pauses)
    if not tranches:
        return Decimal("0.00")
    total = Decimal(0)
    day = tranches[0][0] + dt.timedelta(days=1)
    while day <= on and total < fine:
        if not _pending(day, pauses):
            paid = sum((a for p, a in payments if p < day), Decimal(0))
            for due, amount in tranches:
                settled = min(paid, amount)
                paid -= settled
                if due < day:
                    total += (amount - settled) * SURCHARGE_RATE
        day += dt.timedelta(days=1)
    return min(total, fine).quantize(Decimal("0.01"))


def urge_period_ends(urge_received_on: dt.date) -> dt.date:
    """The 10 days the 催告书 gives the party end on this day; the court may be asked from the
    next (行政强制法 Arts. 54; calendar days, a setting)."""
    return urge_received_on + dt.timedelta(days=conf.urge_days())
