"""Cases whose officers have portal accounts, and a clock helper for the reminder tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from enforcement_portal.roles import Role
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def days(start: dt.date, end: dt.date):
    while start <= end:
        yield start
        start += dt.timedelta(days=1)


def team_with_accounts(agency, n=2, email=True):
    people = []
    for i in range(n):
        user = UserFactory(
            roles=[Role.CASE_OFFICER],
            agency=agency,
            email=f"officer{agency.pk}-{i}-{UserFactory._meta.model.objects.count()}@example.org"
            if email
            else "",
        )
        people.append(OfficerFactory(agency=agency, user=user))
    return people


def case_due(decision_due: dt.date, *, power=None, team=None, node_due=None, **kwargs) -> Case:
    """An open case with the given 90-day limit (and no step limit unless ``node_due``)."""
    power = power or penalty_power()
    team = team or team_with_accounts(power.agency)
    case = open_case(power, team=team, user=team[0].user, **kwargs)
    Case.objects.filter(pk=case.pk).update(decision_due_on=decision_due, node_due_on=node_due)
    case.refresh_from_db()
    return case
