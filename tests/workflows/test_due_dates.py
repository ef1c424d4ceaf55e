"""Due dates in working days across the 2026 National Day holiday (1-7 October, 10 October a
make-up working day)."""

import datetime as dt

import pytest

from enforcement_portal.models import CalendarDay
from workflows.selectors import node_due

from .factories import open_case, penalty_power

pytestmark = pytest.mark.django_db


def test_filing_node_due_skips_the_golden_week():
    case = open_case(penalty_power(), filed_on=dt.date(2026, 9, 30))
    # 15 working days after 30 Sept: 8, 9, 10 (Saturday, make-up), 12-16, 19-23, 26, 27 October.
    assert case.node_due_on == dt.date(2026, 10, 27)
    assert case.decision_due_on == dt.date(2026, 12, 29)  # 90 calendar days, holidays included


def test_short_limits_count_the_make_up_saturday():
    template_node = open_case(penalty_power()).template.nodes.get(code="notice")  # 5 days
    assert node_due(template_node, dt.date(2026, 9, 30)) == dt.date(2026, 10, 13)
    review = template_node.template.nodes.get(code="review")  # 7 working days
    assert node_due(review, dt.date(2026, 9, 29)) == dt.date(2026, 10, 14)
    execution = template_node.template.nodes.get(code="execution")  # 15 calendar days
    assert node_due(execution, dt.date(2026, 9, 30)) == dt.date(2026, 10, 15)


def test_admin_override_moves_a_due_date():
    CalendarDay.objects.create(date=dt.date(2026, 10, 8), kind=CalendarDay.Kind.HOLIDAY)
    node = open_case(penalty_power()).template.nodes.get(code="notice")
    assert node_due(node, dt.date(2026, 9, 30)) == dt.date(2026, 10, 14)
