"""The scan runs each rule as set-based SQL: a fixed number of statements whatever the number
of candidates, exact counts, no duplicates, self-resolution, and a Python-list fallback."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosure.models import Publication
from oversight.models import EarlyWarning, WarningRule
from oversight.warnings.engine import candidate_sql, ensure_rules, scan, scan_rule
from oversight.warnings.registry import all_rules
from tests.disclosure.factories import PublicationFactory
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)
NOW = timezone.make_aware(dt.datetime(2026, 11, 22, 9, 0))


def open_warnings(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


def statements_for_one_scan(code) -> list[str]:
    rule_row = WarningRule.objects.get(code=code)
    with CaptureQueriesContext(connection) as captured:
        scan_rule(rule_row, today=TODAY, now=NOW)
    # An ANALYZE of the warnings table comes and goes with its statistics (see the engine),
    # not with the number of candidates.
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("ANALYZE")]


def test_statements_do_not_grow_with_candidates():
    ensure_rules()
    agency = AgencyFactory()
    PublicationFactory(agency=agency, due_by=TODAY - dt.timedelta(days=1))
    few = statements_for_one_scan("publication_overdue")
    PublicationFactory.create_batch(25, agency=agency, due_by=TODAY - dt.timedelta(days=3))
    many = statements_for_one_scan("publication_overdue")
    assert len(many) == len(few)
    inserts = [s for s in many if "INSERT INTO" in s]
    assert len(inserts) == 1 and "ON CONFLICT" in inserts[0] and "SELECT" in inserts[0]
    assert any("UPDATE" in s and "NOT EXISTS" in s for s in many)
    if connection.vendor == "postgresql":
        # One statement opens and resolves over one evaluation of the rule's query.
        (both,) = inserts
        assert both.startswith("WITH candidates AS MATERIALIZED")
        assert "UPDATE" in both and both.count("FROM candidates") == 2
    assert open_warnings("publication_overdue").count() == 26


def test_counts_are_exact_across_opening_resolving_and_reruns():
    agency = AgencyFactory()
    late = PublicationFactory.create_batch(4, agency=agency, due_by=TODAY - dt.timedelta(days=1))
    first = scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert first.per_rule["publication_overdue"] == {
        "opened": 4,
        "resolved": 0,
        "escalated": 0,
        "open": 4,
    }
    again = scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert again.per_rule["publication_overdue"]["opened"] == 0
    assert again.per_rule["publication_overdue"]["open"] == 4

    Publication.objects.filter(pk__in=[p.pk for p in late[:3]]).update(
        status="published", published_on=TODAY, publish_until=TODAY
    )
    PublicationFactory(agency=agency, due_by=TODAY - dt.timedelta(days=2))
    third = scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert third.per_rule["publication_overdue"] == {
        "opened": 1,
        "resolved": 3,
        "escalated": 0,
        "open": 2,
    }
    assert third.opened == 1 and third.resolved == 3
    resolved = EarlyWarning.objects.filter(status=EarlyWarning.Status.RESOLVED)
    assert sorted(int(w.subject_id) for w in resolved) == sorted(p.pk for p in late[:3])
    assert all(w.resolved_at == NOW for w in resolved)
    # one row per subject ever opened: nothing was duplicated along the way
    assert EarlyWarning.objects.filter(rule__code="publication_overdue").count() == 5


def test_a_warning_being_verified_is_neither_duplicated_nor_reopened():
    PublicationFactory(due_by=TODAY - dt.timedelta(days=1))
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    warning = open_warnings("publication_overdue").get()
    EarlyWarning.objects.filter(pk=warning.pk).update(status=EarlyWarning.Status.VERIFYING)
    result = scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert result.per_rule["publication_overdue"]["opened"] == 0
    assert open_warnings("publication_overdue").get().pk == warning.pk


def test_labels_details_and_agency_come_from_the_rule():
    agency = AgencyFactory()
    PublicationFactory(
        agency=agency, due_by=TODAY - dt.timedelta(days=1), decision_number="号" * 80
    )
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    warning = open_warnings("publication_overdue").get()
    assert warning.subject_label == "号" * 80 and warning.agency_id == agency.pk
    assert warning.officer_id is None and warning.level == "yellow"
    assert warning.detail == f"公示期限 {(TODAY - dt.timedelta(days=1)).isoformat()}"


def test_every_rule_but_the_calendar_and_the_annual_report_is_a_queryset():
    ensure_rules()
    from django.db.models import QuerySet

    lists = set()
    for code, spec in all_rules().items():
        candidates = spec.candidates(WarningRule.objects.get(code=code), TODAY)
        if isinstance(candidates, QuerySet):
            sql, _params = candidate_sql(candidates)
            assert "ORDER BY" not in sql
        else:
            lists.add(code)
    # the calendar is a year or two; the annual report is an empty list before 1 February
    assert lists <= {"calendar_gap", "annual_report_overdue"}


def test_a_rule_given_as_a_python_list_still_opens_and_resolves():
    first = scan(today=TODAY, now=NOW, codes=["calendar_gap"])
    assert first.per_rule["calendar_gap"]["opened"] == 1
    assert scan(today=TODAY, now=NOW, codes=["calendar_gap"]).per_rule["calendar_gap"] == {
        "opened": 0,
        "resolved": 0,
        "escalated": 0,
        "open": 1,
    }


def test_the_warnings_statistics_are_refreshed_after_a_large_opening(require_postgres):
    # Planned with statistics from before the opening, the resolving anti-join would expect
    # one open warning and loop over the candidates once per warning.
    from oversight.warnings import engine

    ensure_rules()
    table = EarlyWarning._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")  # the table is empty in this test's transaction
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        assert cursor.fetchone()[0] <= 0
    agency = AgencyFactory()
    PublicationFactory.create_batch(120, agency=agency, due_by=TODAY - dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as captured:
        scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert any(q["sql"].startswith("ANALYZE") for q in captured.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        assert cursor.fetchone()[0] == 120
        # Right after, nothing has changed: no second ANALYZE.
        assert engine._refresh_statistics_if_stale(cursor, 0) is False
