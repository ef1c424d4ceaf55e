"""The procedure's pure date and threshold rules (workflows/deadlines.py, #18 contracts)."""

import datetime as dt

import pytest

from enforcement_portal.workdays import workdays_between
from workflows import deadlines

D = dt.date


@pytest.mark.parametrize(
    ("ended", "extended", "last_day"),
    [
        (D(2024, 3, 10), False, D(2026, 3, 10)),
        (D(2024, 2, 29), False, D(2026, 2, 28)),  # no 29 February: the month's last day
        (D(2024, 3, 10), True, D(2029, 3, 10)),
    ],
)
def test_limitation_ends_on_the_corresponding_day(ended, extended, last_day):
    assert deadlines.limitation_ends(ended, extended=extended) == last_day


def test_limitation_follows_the_setting(settings):
    settings.CASE_LIMITATION_YEARS = 3
    assert deadlines.limitation_ends(D(2024, 3, 10), extended=False) == D(2027, 3, 10)


@pytest.mark.parametrize(
    ("kinds", "fine", "confiscation", "party", "expected"),
    [
        ({"warning"}, 0, 0, "person", False),
        ({"fine"}, 9_999, 0, "person", False),
        ({"fine"}, 10_000, 0, "person", True),
        ({"fine"}, 99_999, 0, "organisation", False),
        ({"fine"}, 100_000, 0, "organisation", True),
        ({"confiscate_income"}, 0, 100_000, "organisation", True),
        ({"revoke_licence"}, 0, 0, "person", True),
        ({"suspend_business", "fine"}, 200, 0, "organisation", True),
    ],
)
def test_hearing_rights(kinds, fine, confiscation, party, expected):
    got = deadlines.hearing_rights(
        penalty_kinds=kinds, fine=fine, confiscation=confiscation, party_kind=party
    )
    assert got is expected


def test_hearing_threshold_is_a_setting(settings):
    settings.CASE_HEARING_THRESHOLD_PERSON = 5_000
    assert deadlines.hearing_rights(penalty_kinds={"fine"}, fine=5_000, party_kind="person")


@pytest.mark.django_db
def test_defence_window_counts_working_days_from_receipt():
    # Received Thursday 2026-09-24; 中秋 and 国庆 (25 Sep, 1-7 Oct 2026) are not working days.
    received = D(2026, 9, 24)
    ends = deadlines.defence_window_ends(received)
    assert workdays_between(received, ends) == 5
    assert ends > D(2026, 10, 7)


@pytest.mark.django_db
def test_hearing_notice_is_seven_working_days_before():
    hearing = D(2026, 12, 18)  # a Friday
    latest = deadlines.hearing_notice_latest(hearing)
    assert latest == D(2026, 12, 9)
    assert workdays_between(latest, hearing) == 7


@pytest.mark.parametrize(
    ("kinds", "fine", "party", "expected"),
    [
        ({"warning"}, 0, "person", True),
        ({"fine"}, 200, "person", True),
        ({"fine"}, 201, "person", False),
        ({"fine"}, 3_000, "organisation", True),
        ({"fine"}, 3_001, "organisation", False),
        ({"warning", "fine"}, 50, "person", True),
        ({"revoke_licence", "suspend_business", "fine"}, 200, "person", False),
        ({"confiscate_income"}, 0, "person", False),
        (set(), 0, "person", False),
        ({"fine"}, 0, "person", False),
    ],
)
def test_simplified_allowed(kinds, fine, party, expected):
    got = deadlines.simplified_allowed(penalty_kinds=kinds, fine=fine, party_kind=party)
    assert got is expected


def test_decision_limit_counts_only_days_actually_suspended():
    filed = D(2026, 1, 5)
    assert deadlines.decision_limit(filed) == D(2026, 4, 5)
    # Declared for 30 days, ended the same day: nothing moves.
    same_day = [(D(2026, 2, 1), D(2026, 2, 1))]
    assert deadlines.decision_limit(filed, suspensions=same_day) == D(2026, 4, 5)
    ten_days = [(D(2026, 2, 1), D(2026, 2, 11))]
    assert deadlines.decision_limit(filed, suspensions=ten_days, extensions=[30]) == D(2026, 5, 15)
    running = [(D(2026, 2, 1), None)]
    assert deadlines.decision_limit(filed, suspensions=running, today=D(2026, 2, 4)) == D(
        2026, 4, 8
    )


@pytest.mark.django_db
def test_payment_due_fifteen_days_from_receipt_moved_off_a_day_off():
    assert deadlines.payment_due(D(2026, 3, 2)) == D(2026, 3, 17)
    # Received 2026-09-20: day 15 is 5 October, inside the National Day holiday (1-7 October).
    assert deadlines.payment_due(D(2026, 9, 20)) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("paid_on", "paused", "expected"),
    [
        (D(2026, 3, 17), 0, "0.00"),  # on the last day
        (D(2026, 3, 18), 0, "30.00"),  # day 1: 3 %
        (D(2026, 4, 19), 0, "990.00"),  # day 33 would be 99 %: under the cap
        (D(2026, 4, 20), 0, "1000.00"),  # day 34: capped at the fine
        (D(2026, 4, 20), 30, "120.00"),  # 30 days of reconsideration are not counted
    ],
)
def test_late_surcharge(paid_on, paused, expected):
    from decimal import Decimal

    got = deadlines.late_surcharge(
        fine=1000, due_on=D(2026, 3, 17), paid_on=paid_on, paused_days=paused
    )
    assert got == Decimal(expected)


def test_enforcement_application_window_after_the_appeal_periods():
    start, end = deadlines.enforcement_application_window(received_on=D(2026, 3, 10))
    assert (start, end) == (D(2026, 9, 11), D(2026, 12, 10))
    start, end = deadlines.enforcement_application_window(received_on=D(2026, 8, 31))
    assert (start, end) == (D(2027, 3, 1), D(2027, 5, 28))
