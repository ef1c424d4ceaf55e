"""The numbers agree (#21): on a seeded city, the dashboard's open warnings (its totals, its
rows and its levels), the warning list filtered to open warnings (page by page) and the
evaluation's warning figures, computed at one moment, are the same numbers."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from oversight.dashboard.selectors import dashboard_figures
from oversight.evaluation.services import evaluation_compute
from oversight.models import EarlyWarning, EvaluationPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LEVELS = ("red", "orange", "yellow")


def listed(client, **params) -> list[EarlyWarning]:
    """Every row the warning list shows for ``params``, following its pages."""
    rows, cursor = [], None
    for _page in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(reverse("oversight:warnings"), query)
        assert response.status_code == 200
        page = response.context["page"]
        rows.extend(page.items)
        for warning in page.items:
            assert warning.subject_label in response.content.decode()
        if not page.has_next:
            return rows
        cursor = page.next_cursor
    raise AssertionError("the list never ended")


def test_dashboard_warning_list_and_evaluation_count_the_same_open_warnings(client):
    call_command("seed_demo", quiet=True)
    User = get_user_model()
    supervisor = User.objects.get(username="supervisor")
    today = timezone.localdate()
    since = dt.date(today.year, 1, 1)
    # One moment: the evaluation recomputed now, then the dashboard and the list read.
    period = EvaluationPeriod.objects.get(kind="year", starts_on=since)
    evaluation_compute(period=period, actor=supervisor, today=today)
    evaluated = {s.agency_id: s.breakdown["figures"] for s in period.scores.all()}
    figures = dashboard_figures(supervisor, since=since, until=today, today=today)

    client.force_login(supervisor)
    open_rows = listed(client, status="open")
    by_level = {level: listed(client, status="open", level=level) for level in LEVELS}
    assert len(open_rows) >= 20
    assert sum(1 for level in LEVELS if by_level[level]) >= 2  # more than one level to compare
    assert sorted(w.pk for w in open_rows) == sorted(
        w.pk for level in LEVELS for w in by_level[level]
    )

    # The dashboard page's totals are the list's counts.
    page = client.get(reverse("oversight:dashboard"))
    totals = page.context["totals"]
    expected = {"warnings": len(open_rows), **{lv: len(by_level[lv]) for lv in LEVELS}}
    assert {k: totals[k] for k in expected} == expected
    assert figures["warnings"]["total"] == len(open_rows)

    # Per agency: the dashboard's row, the evaluation's figures and the list's rows.
    listed_by_agency = Counter((w.agency_id, w.level) for w in open_rows)
    for row in figures["rows"]:
        a = row["id"]
        from_list = {lv: listed_by_agency[(a, lv)] for lv in LEVELS}
        assert {lv: row[lv] for lv in LEVELS} == from_list, row["code"]
        assert row["warnings"] == sum(from_list.values()), row["code"]
        mark = evaluated[a]
        assert mark["warnings_open"] == row["warnings"], row["code"]
        assert {lv: mark[f"warnings_{lv}"] for lv in LEVELS} == from_list, row["code"]
    # City-level warnings (no agency, or a body that is not an enforcement agency) are in the
    # totals and the list, not in an agency's row.
    in_rows = sum(row["warnings"] for row in figures["rows"])
    assert in_rows <= len(open_rows)

    # An agency leader: the dashboard and the list of their own scope agree too.
    leader = User.objects.get(username="leader")
    client.force_login(leader)
    mine = listed(client, status="open")
    led = dashboard_figures(leader, since=since, until=today, today=today)
    assert led["warnings"]["total"] == len(mine) > 0
    assert {lv: led["warnings"][lv] for lv in LEVELS} == {
        lv: sum(1 for w in mine if w.level == lv) for lv in LEVELS
    }
