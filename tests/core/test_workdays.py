"""Working days on the State Council calendar, admin overrides, and the Monday-Friday fallback."""

import datetime as dt
import logging

import pytest

from enforcement_portal import workdays
from enforcement_portal.models import CalendarDay
from enforcement_portal.workdays import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 2, 13), True),  # Friday before the Spring Festival
        (D(2026, 2, 14), True),  # Saturday, make-up working day (调休)
        (D(2026, 2, 15), False),  # Sunday, holiday begins
        (D(2026, 2, 17), False),  # Tuesday, Spring Festival
        (D(2026, 2, 23), False),  # Monday, still the holiday
        (D(2026, 2, 24), True),  # back to work
        (D(2026, 2, 28), True),  # Saturday, make-up working day
        (D(2026, 9, 20), True),  # Sunday, make-up day for National Day
        (D(2026, 10, 1), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday, make-up working day
        (D(2026, 10, 11), False),  # ordinary Sunday
    ],
)
def test_is_workday_follows_the_2026_calendar(day, expected):
    assert is_workday(day) is expected


def test_add_workdays_does_not_count_the_day_itself():
    assert add_workdays(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday -> Monday
    assert add_workdays(D(2026, 11, 23), 0) == D(2026, 11, 23)


def test_add_workdays_across_the_spring_festival():
    assert add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)  # the make-up Saturday counts
    assert add_workdays(D(2026, 2, 14), 1) == D(2026, 2, 24)  # nine days off in between
    # 13th, make-up 14th, 24th-27th, then the second make-up Saturday, the 28th
    assert add_workdays(D(2026, 2, 12), 7) == D(2026, 2, 28)


def test_add_workdays_across_national_day():
    assert add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)  # make-up Sunday
    assert add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_workdays(D(2026, 9, 30), 3) == D(2026, 10, 10)  # Oct 8, 9, then make-up Sat 10
    # the 7-working-day disclosure deadline for a decision made the day before the holiday
    assert add_workdays(D(2026, 9, 30), 7) == D(2026, 10, 15)


def test_add_workdays_backwards():
    assert add_workdays(D(2026, 10, 8), -1) == D(2026, 9, 30)


def test_workdays_between_is_the_inverse_of_add_workdays():
    start = D(2026, 9, 28)
    for n in range(0, 25):
        assert workdays_between(start, add_workdays(start, n)) == n
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert workdays_between(D(2026, 10, 10), D(2026, 9, 30)) == -3


def test_admin_overrides_win_over_the_package():
    CalendarDay.objects.create(date=D(2026, 11, 23), kind=CalendarDay.Kind.HOLIDAY, note="临时")
    CalendarDay.objects.create(date=D(2026, 11, 22), kind=CalendarDay.Kind.WORKDAY, note="调休")
    assert is_workday(D(2026, 11, 23)) is False
    assert is_workday(D(2026, 11, 22)) is True
    assert add_workdays(D(2026, 11, 21), 1) == D(2026, 11, 22)
    assert add_workdays(D(2026, 11, 22), 1) == D(2026, 11, 24)


def test_a_year_the_package_lacks_falls_back_to_monday_friday_with_a_warning(caplog):
    workdays._fallback_years.discard(2027)
    with caplog.at_level(logging.WARNING, logger="enforcement_portal.workdays"):
        assert is_workday(D(2027, 3, 5)) is True  # Friday
        assert is_workday(D(2027, 3, 6)) is False  # Saturday
        assert add_workdays(D(2027, 3, 5), 1) == D(2027, 3, 8)
    assert any("2027" in r.getMessage() for r in caplog.records)
    assert 2027 in workdays.fallback_years()
    assert workdays.calendar_covers(2026) and not workdays.calendar_covers(2027)


def test_overrides_fill_the_gap_for_a_year_the_package_lacks():
    # A deadline running from late 2026 into 2027 with the 2027 New Year holiday entered by hand.
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY, note="元旦")
    assert add_workdays(D(2026, 12, 30), 2) == D(2027, 1, 4)
    assert workdays_between(D(2026, 12, 30), D(2027, 1, 4)) == 2
