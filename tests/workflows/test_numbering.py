"""Decision (and case) numbers continue after the highest number the agency used that year,
also when numbers were entered without the portal's series (an import, a reset series)."""

import datetime as dt

import pytest

from workflows.models import Decision, DocumentSeries, NumberPattern
from workflows.numbering import highest_used_serial

from .factories import DecisionFactory, case_officer, penalty_power

pytestmark = pytest.mark.django_db


def test_numbers_continue_after_the_highest_used_that_year():
    power = penalty_power()
    NumberPattern.objects.create(agency=power.agency, decision_prefix="齐市监罚")
    user = case_officer(power.agency)
    year = dt.date.today().year
    first = DecisionFactory(case__power=power, case__user=user)
    assert first.number == f"齐市监罚〔{year}〕1号"
    # Numbers 41 (this year) and 99 (last year) were entered outside the series; the series
    # row itself is gone (as after a migration from another system).
    Decision.objects.filter(pk=first.pk).update(number=f"齐市监罚〔{year}〕41号")
    DocumentSeries.objects.filter(agency=power.agency, prefix="齐市监罚").delete()
    assert highest_used_serial(power.agency, "齐市监罚", year) == 41
    assert highest_used_serial(power.agency, "齐市监罚", year - 1) == 0
    second = DecisionFactory(case__power=power, case__user=user)
    third = DecisionFactory(case__power=power, case__user=user)
    assert [second.number, third.number] == [f"齐市监罚〔{year}〕42号", f"齐市监罚〔{year}〕43号"]
