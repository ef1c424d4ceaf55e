"""Deadlines computed from a stored date, as SQL: the reminder kinds whose last day is not a
column but a function of one (5 working days after the notice was received, 7 working days
before the hearing, 6 months after the decision was received …).

The function is evaluated in Python, not per row: for the few due dates a run cares about
(from ``today`` minus a look-back to the last lead time's end) ``date_map`` finds the ranges
of the stored date that give each of them. The deadline functions are monotonic (a later
start never gives an earlier end), so each due date has one contiguous range of starts, and
the queryset gets one ``BETWEEN`` filter and one ``CASE WHEN start BETWEEN a AND b THEN due``
expression: a handful of constant dates, the same SQL for every row, set-based.

Working days come from ``enforcement_portal.workdays`` in one query per map (``Workdays``),
counted the way ``workflows.deadlines`` counts them (``tests/oversight/test_reminders_
procedure.py`` checks that both agree across the 2026 National Day holiday).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, DateField, Q, Value, When

from enforcement_portal.workdays import add_workdays, workdays_in

from .conf import lead_days

# How far back an act-by deadline (serve the hearing notice, serve the decision, serve the
# 催告书) stays running when it passed unmet: its reminder stays "to do" while the warning
# that opened at the breach takes over. Window deadlines (the party's defence or hearing
# request, the court window) end with their last day.
LOOKBACK_DAYS = 30


class Workdays:
    """The working days around [lo, hi], read once, to count many dates without a query each."""

    def __init__(self, lo: dt.date, hi: dt.date) -> None:
        self.lo, self.hi = lo, hi
        self.days = workdays_in(lo, hi)

    def shift(self, day: dt.date, n: int) -> dt.date:
        """``add_workdays(day, n)`` from the days read (the n-th working day after ``day``,
        before it when n < 0)."""
        if n == 0:
            return day
        if n > 0:
            i = bisect.bisect_right(self.days, day) + n - 1
        else:
            i = bisect.bisect_left(self.days, day) + n
        if day < self.lo or day > self.hi or i < 0 or i >= len(self.days):
            return add_workdays(day, n)  # outside what was read: ask the calendar
        return self.days[i]


@dataclass(frozen=True)
class DateMap:
    """The due date of every start in [first, last] whose due date is in the run's range."""

    field: str
    buckets: tuple[tuple[dt.date, dt.date, dt.date], ...]  # (first start, last start, due)

    def q(self) -> Q:
        """Rows whose start gives a due date in the range (nothing when none does)."""
        if not self.buckets:
            return Q(pk__isnull=True)  # a primary key is never NULL: no rows, still SQL
        return Q(**{f"{self.field}__range": (self.buckets[0][0], self.buckets[-1][1])})

    def due(self):
        """The due date of each row, as one CASE over the start column."""
        if not self.buckets:
            return Value(None, output_field=DateField())
        return Case(
            *[
                When(**{f"{self.field}__range": (lo, hi)}, then=Value(due))
                for lo, hi, due in self.buckets
            ],
            default=Value(None, output_field=DateField()),
            output_field=DateField(),
        )


def date_map(
    field: str,
    deadline: Callable[[dt.date], dt.date],
    *,
    starts: tuple[dt.date, dt.date],
    dues: tuple[dt.date, dt.date],
) -> DateMap:
    """Group the starts in ``starts`` by ``deadline(start)``, keeping the due dates in
    ``dues`` (both inclusive)."""
    buckets: list[list] = []
    day, last = starts
    while day <= last:
        due = deadline(day)
        if dues[0] <= due <= dues[1]:
            if buckets and buckets[-1][2] == due and buckets[-1][1] == day - dt.timedelta(days=1):
                buckets[-1][1] = day
            else:
                buckets.append([day, day, due])
        day += dt.timedelta(days=1)
    return DateMap(field, tuple((lo, hi, due) for lo, hi, due in buckets))


def due_range(code: str, today: dt.date, *, lookback: int = 0) -> tuple[dt.date, dt.date]:
    """The due dates a run of kind ``code`` needs: from ``lookback`` days ago (0: today) to the
    end of its largest lead time."""
    leads = lead_days(code) or (0,)
    return today - dt.timedelta(days=lookback), add_workdays(today, max(leads))


def workday_map(code: str, field: str, n: int, today: dt.date, *, lookback: int = 0) -> DateMap:
    """The rows whose deadline is ``n`` working days after (before, n < 0) their ``field``."""
    dues = due_range(code, today, lookback=lookback)
    slack = dt.timedelta(days=abs(n) * 3 + 30)  # as add_workdays reads: room for holidays
    starts = (dues[0] - slack, dues[1]) if n > 0 else (dues[0], dues[1] + slack)
    calendar = Workdays(starts[0] - slack, starts[1] + slack)
    return date_map(field, lambda day: calendar.shift(day, n), starts=starts, dues=dues)
