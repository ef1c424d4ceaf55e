"""Working days (工作日) on the State Council calendar, with admin overrides and a safe fallback.

``add_workdays(day, n)`` does not count ``day`` itself: it returns the n-th working day after it.
``workdays_between(start, end)`` counts the working days after ``start`` up to and including
``end``, so ``workdays_between(d, add_workdays(d, n)) == n``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import chinese_calendar

from .holidays import statutory_days_off

logger = logging.getLogger(__name__)

_fallback_lock = threading.Lock()
_fallback_years: set[int] = set()


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """Admin-entered overrides in [start, end] as {date: is_workday}. One query."""
    from .models import CalendarDay

    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
    return {day: kind == CalendarDay.Kind.WORKDAY for day, kind in rows}


def _calendar_is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        with _fallback_lock:
            first_time = day.year not in _fallback_years
            _fallback_years.add(day.year)
        if first_time:
            logger.warning(
                "The holiday calendar has no data for %s; counting the statutory holidays and "
                "Monday-Friday until the year's schedule is entered.",
                day.year,
            )
        return day.weekday() < 5 and day not in statutory_days_off(day.year)


def fallback_years() -> set[int]:
    """Years for which this process has used the statutory-holiday fallback (for warnings)."""
    with _fallback_lock:
        return set(_fallback_years)


def calendar_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _is_workday(day: dt.date, overrides: dict[dt.date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    return _calendar_is_workday(day)


def is_workday(day: dt.date) -> bool:
    return _is_workday(day, _overrides(day, day))


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The n-th working day after ``day`` (before it when n is negative); ``day`` for n == 0."""
    if n == 0:
        return day
    step = 1 if n > 0 else -1
    # A generous window: holidays never take more than about half the days of a stretch.
    span = dt.timedelta(days=abs(n) * 3 + 30)
    lo, hi = (day, day + span) if step > 0 else (day - span, day)
    overrides = _overrides(lo, hi)
    remaining, current = abs(n), day
    while remaining:
        current += dt.timedelta(days=step)
        if current < lo or current > hi:
            overrides.update(_overrides(min(current, lo), max(current, hi)))
            lo, hi = min(current, lo), max(current, hi)
        if _is_workday(current, overrides):
            remaining -= 1
    return current


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
    if end == start:
        return 0
    if end < start:
        return -workdays_between(end, start)
    overrides = _overrides(start, end)
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        count += _is_workday(current, overrides)
    return count


def workdays_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days from ``start`` to ``end`` inclusive, in order, with one query (for
    callers that count many dates at once, such as the reminder job's date maps)."""
    overrides = _overrides(start, end)
    days, current = [], start
    while current <= end:
        if _is_workday(current, overrides):
            days.append(current)
        current += dt.timedelta(days=1)
    return days
