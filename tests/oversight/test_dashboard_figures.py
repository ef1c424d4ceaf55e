"""The trigger-kept per-agency day counts (``AgencyDay``) always equal counting live.

The demo city is seeded through the services, then changed by every kind of write the
database can see (bulk updates, deletes, moves between agencies, new rows through the
services); after each, the dashboard's figures and trend from ``AgencyDay`` are compared with
the same figures counted from the tables, for several periods and several "today"s.
"""

import datetime as dt
import random

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from disclosure.models import Publication
from enforcement_portal.roles import Role
from oversight.dashboard import figures_sql
from oversight.dashboard.selectors import agency_figures, monthly_trend, uses_day_figures
from oversight.models import AgencyDay, LegalReview
from powers.models import Agency
from reports.models import Report
from tests.factories import UserFactory
from tests.oversight.legal_factories import conclude, submit, world
from tests.reports.factories import submit_report
from tests.workflows.factories import case_officer, decide, open_case, penalty_power, to_node
from workflows.models import Case, Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """The demo city plus three agencies' worth of cases, decisions, reviews and reports."""
    if not uses_day_figures():
        pytest.skip("AgencyDay is kept by PostgreSQL triggers; SQLite counts live")
    call_command("seed_demo", quiet=True)
    today = timezone.localdate()
    for k in range(3):
        power = penalty_power()
        officer = case_officer(power.agency)
        for i in range(4):
            case = open_case(power, user=officer, filed_on=today - dt.timedelta(days=45 * i + k))
            if i % 2 == 0:
                to_node(case, officer, "decision")
                decide(case, officer)
        submit_report(power.agency)
    for outcome in (LegalReview.Status.AGREED, LegalReview.Status.PROBLEMS):
        w = world()
        conclude(submit(w), w.reviewer, outcome, failed=() if outcome == "agreed" else ("facts",))
    Publication.objects.filter(pk__in=Publication.objects.values("pk")[:4]).update(
        status="published", published_on=today, publish_until=today + dt.timedelta(days=90)
    )
    return UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])


def periods(today):
    return [
        (dt.date(today.year, 1, 1), today),
        (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
        (today - dt.timedelta(days=3650), today + dt.timedelta(days=3650)),
    ]


def assert_same(user):
    today = timezone.localdate()
    for on in (today, today - dt.timedelta(days=40), today + dt.timedelta(days=40)):
        for since, until in periods(today):
            kept = agency_figures(user, since=since, until=until, today=on)
            live = agency_figures(user, since=since, until=until, today=on, live=True)
            assert kept == live, (since, until, on)
        assert monthly_trend(user, today=on, months=24) == monthly_trend(
            user, today=on, months=24, live=True
        )


def nonzero_rows() -> set[tuple]:
    fields = ("agency_id", "day", *figures_sql.COUNT_FIELDS)
    return {
        row
        for row in AgencyDay.objects.values_list(*fields)
        if any(row[2:])  # a day whose counts all went back to zero may stay as a zero row
    }


def some(queryset, rnd, k):
    ids = list(queryset.values_list("pk", flat=True))
    return rnd.sample(ids, min(k, len(ids)))


def day(rnd, today):
    return today + dt.timedelta(days=rnd.randint(-500, 60))


def test_the_demo_city_has_something_in_every_column(city):
    totals = {
        name: sum(AgencyDay.objects.values_list(name, flat=True))
        for name in ("filed", "active", "decisions", "published", "reviews", "reports")
    }
    assert all(totals.values()), totals
    assert_same(city)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_kind_of_write_keeps_the_day_counts_exact(city, seed):
    rnd = random.Random(seed)
    today = timezone.localdate()
    agencies = list(Agency.objects.filter(is_enforcement_body=True).values_list("pk", flat=True))
    statuses = [s for s, _label in Case.Status.choices]
    steps = [
        lambda: [
            Case.objects.filter(pk=pk).update(status=rnd.choice(statuses))
            for pk in some(Case.objects.all(), rnd, 5)
        ],
        lambda: Case.objects.filter(pk__in=some(Case.objects.all(), rnd, 6)).update(
            node_due_on=rnd.choice([None, day(rnd, today)])
        ),
        lambda: Case.objects.filter(pk__in=some(Case.objects.all(), rnd, 6)).update(
            decision_due_on=day(rnd, today), filed_on=day(rnd, today)
        ),
        # a case moved to another agency takes its decision's counts along
        lambda: Case.objects.filter(
            pk__in=some(Case.objects.filter(decision__isnull=False), rnd, 3)
        ).update(agency_id=rnd.choice(agencies)),
        lambda: Decision.objects.filter(pk__in=some(Decision.objects.all(), rnd, 4)).update(
            is_deviation=(flag := rnd.random() < 0.5),
            deviation_reason="情节特殊" if flag else "",
            decided_on=day(rnd, today),
        ),
        lambda: Publication.objects.filter(pk__in=some(Publication.objects.all(), rnd, 5)).update(
            status=(status := rnd.choice(["draft", "published", "withdrawn"])),
            withdrawn_on=today,
            withdrawal_reason="决定被撤销",
            published_on=None if status == "draft" else day(rnd, today),
            publish_until=today + dt.timedelta(days=365),
            due_by=day(rnd, today),
        ),
        lambda: LegalReview.objects.filter(pk__in=some(LegalReview.objects.all(), rnd, 3)).update(
            status=rnd.choice([s for s, _label in LegalReview.Status.choices]),
            reviewed_on=rnd.choice([None, day(rnd, today)]),
        ),
        lambda: Report.objects.filter(pk__in=some(Report.objects.all(), rnd, 3)).update(
            agency_id=rnd.choice(agencies), received_on=day(rnd, today)
        ),
        lambda: open_case(penalty_power(), filed_on=day(rnd, today)),
    ]

    def delete_some(model):
        for pk in some(model.objects.all(), rnd, 2):
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).delete()
            except (ProtectedError, IntegrityError):
                pass  # kept by the rows that refer to it; the failed delete is rolled back

    steps += [lambda: delete_some(Report), lambda: delete_some(Publication)]
    for _round in range(3):
        for step in rnd.sample(steps, len(steps)):
            step()
        assert_same(city)
    before = nonzero_rows()
    figures_sql.rebuild(connection)
    assert nonzero_rows() == before


def test_a_change_to_an_uncounted_field_writes_no_figure(city):
    before = list(AgencyDay.objects.order_by("pk").values_list())
    Case.objects.update(title="改名")
    Publication.objects.update(facts="改写")
    assert list(AgencyDay.objects.order_by("pk").values_list()) == before


def test_the_dashboard_reads_the_day_counts_in_few_queries(client, city, django_assert_num_queries):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    client.force_login(city)
    client.get(reverse("oversight:dashboard"))  # session, permissions
    cache.clear()
    # session, user, the request's savepoint pair, groups, the data fingerprint, agencies,
    # the day counts (one grouped sum), open warnings per agency, the trend (one grouped
    # sum), the open warnings by level over the reader's whole scope (the warning list's
    # figure, city-level warnings included), and the header's inbox count (cached for a
    # minute; the cache was just cleared), and when the warnings were last scanned
    # ({% computed_note %}: the newest scan event, by seq)
    with django_assert_num_queries(13):
        response = client.get(reverse("oversight:dashboard"))
    assert response.context["totals"]["filed"] == sum(
        AgencyDay.objects.filter(day__year=timezone.localdate().year).values_list(
            "filed", flat=True
        )
    )
