"""The scan: open, resolve and escalate warnings for every active rule, set-based.

A rule gives its candidates as one queryset of ``subject_id``/``label``/``detail``/
``agency_ref``/``officer_ref`` rows. Per rule the scan runs, inside the database and without
bringing a candidate row into Python:

* one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` built from the rule's own SQL, against the
  partial unique index of open warnings, so a rerun or a concurrent scan opens nothing twice;
* one ``UPDATE`` resolving the open warnings whose subject is no longer a candidate (an
  anti-join, ``NOT EXISTS``, against the same SQL);
* two ``UPDATE``\\ s escalating by age.

Each rule runs in its own transaction: a scan killed midway leaves every rule either done or
untouched, and the rerun completes it. A rule that can only give a Python list (the holiday
calendar, a handful of rows at most) goes through the same steps with ``bulk_create``.
Both PostgreSQL and SQLite (``make run``) accept the statements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Field, QuerySet
from django.utils import timezone, translation

from enforcement_portal.audit import audit_append

from ..models import EarlyWarning, Level, WarningRule
from .registry import all_rules

KEYS = ("subject_id", "label", "detail", "agency_ref", "officer_ref")
OPEN = [str(s) for s in EarlyWarning.OPEN]
# The conflict target repeats the partial index's predicate with literals, as SQLite only
# matches an index whose WHERE it can see is implied (a bound parameter proves nothing).
OPEN_LITERALS = ", ".join(f"'{s}'" for s in OPEN)


@dataclass
class ScanResult:
    per_rule: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def opened(self) -> int:
        return sum(r["opened"] for r in self.per_rule.values())

    @property
    def resolved(self) -> int:
        return sum(r["resolved"] for r in self.per_rule.values())


def ensure_rules() -> None:
    """Create the rule rows the code defines (admins then edit thresholds and levels)."""
    with translation.override("zh-hans"):
        WarningRule.objects.bulk_create(
            [
                WarningRule(
                    code=spec.code,
                    name=str(spec.name),
                    description=str(spec.description),
                    level=spec.level,
                    threshold=spec.threshold,
                    window_days=spec.window_days,
                    orange_after_days=spec.orange_after_days,
                    red_after_days=spec.red_after_days,
                )
                for spec in all_rules().values()
            ],
            ignore_conflicts=True,
        )


def candidate_sql(qs: QuerySet) -> tuple[str, tuple]:
    """The rule's query as SQL selecting (at least) the five keys by name, unordered."""
    return qs.order_by().values(*KEYS).query.sql_with_params()


_COLUMNS = (
    "rule",
    "subject_type",
    "subject_id",
    "subject_label",
    "detail",
    "agency",
    "officer",
    "level",
    "status",
    "opened_at",
    "handling",
    "handling_note",
)


def _names() -> dict[str, str]:
    quote, meta = connection.ops.quote_name, EarlyWarning._meta
    names = {}
    for name in (*_COLUMNS, "resolved_at"):
        field = meta.get_field(name)
        assert isinstance(field, Field) and field.column  # a concrete column
        names[name] = quote(field.column)
    names["table"] = quote(meta.db_table)
    return names


def open_statement(
    sql: str, params: tuple, *, rule_row: WarningRule, subject_type: str, now: dt.datetime
) -> tuple[str, tuple]:
    """INSERT … SELECT … ON CONFLICT DO NOTHING of the candidates (``sql``, ``params``).

    The conflict target is the partial unique index of open warnings: a subject that
    already has an open warning under this rule is skipped, in the same statement.
    """
    n = _names()
    # Only quoted column names and Django's own compiled SQL go into the text; values are
    # parameters.
    statement = (
        f"INSERT INTO {n['table']} ({', '.join(n[c] for c in _COLUMNS)}) "  # noqa: S608
        "SELECT %s, %s, CAST(c.subject_id AS VARCHAR(64)), "
        "SUBSTR(COALESCE(c.label, ''), 1, 300), COALESCE(c.detail, ''), "
        "CAST(c.agency_ref AS BIGINT), CAST(c.officer_ref AS BIGINT), %s, %s, %s, '', '' "
        # "WHERE 1 = 1" keeps SQLite from reading ON CONFLICT as part of the FROM clause.
        f"FROM ({sql}) c WHERE 1 = 1 "
        f"ON CONFLICT ({n['rule']}, {n['subject_type']}, {n['subject_id']}) "
        f"WHERE {n['status']} IN ({OPEN_LITERALS}) DO NOTHING"
    )
    return statement, (
        rule_row.pk,
        subject_type,
        rule_row.level,
        EarlyWarning.Status.PENDING.value,
        connection.ops.adapt_datetimefield_value(now),
        *params,
    )


def _resolve_update(candidates: str, *, rule_row: WarningRule, now: dt.datetime):
    """The resolving UPDATE against ``candidates`` (a CTE name or a parenthesised query)."""
    n = _names()
    update = (
        f"UPDATE {n['table']} SET {n['status']} = %s, {n['resolved_at']} = %s "  # noqa: S608
        f"WHERE {n['rule']} = %s AND {n['status']} IN (%s, %s) AND NOT EXISTS ("
        f"SELECT 1 FROM {candidates} c "
        f"WHERE CAST(c.subject_id AS VARCHAR(64)) = {n['table']}.{n['subject_id']})"
    )
    resolved_at = connection.ops.adapt_datetimefield_value(now)
    return update, (EarlyWarning.Status.RESOLVED.value, resolved_at, rule_row.pk, *OPEN)


def resolve_statement(
    sql: str, params: tuple, *, rule_row: WarningRule, now: dt.datetime
) -> tuple[str, tuple]:
    """SQLite (development): UPDATE … WHERE NOT EXISTS over the rule's query as a plain
    subquery, resolving the open warnings no candidate matches. (Python's sqlite3 reports no
    row count for a statement that starts with WITH; PostgreSQL uses
    ``open_and_resolve_statement``.)"""
    update, values = _resolve_update(f"({sql})", rule_row=rule_row, now=now)
    return update, (*values, *params)


# Changed rows (since the last ANALYZE, plus those just opened) beyond which the warnings
# table's statistics are refreshed before resolving: autovacuum's own rule (50 rows + 20 %),
# applied here because autovacuum may be off or not have run yet.
ANALYZE_MIN_CHANGED = 50
ANALYZE_FRACTION = 0.2


def _refresh_statistics_if_stale(cursor, opened: int) -> bool:
    """ANALYZE the warnings table when its planner statistics are far behind (PostgreSQL).

    The resolve statement anti-joins a rule's open warnings with its candidates. Planned with
    a row count from before thousands of warnings were opened, PostgreSQL expects one open
    warning, picks a nested loop and the statement goes quadratic: 3.1 s instead of about
    30 ms for 4,941 open warnings at a million cases (bench/warning_scan.py, autovacuum off).
    """
    if connection.vendor != "postgresql":
        return False
    table = EarlyWarning._meta.db_table
    cursor.execute(
        "SELECT c.reltuples, COALESCE(s.n_mod_since_analyze, 0) FROM pg_class c"
        " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = %s::regclass",
        [table],
    )
    reltuples, changed = cursor.fetchone()
    if changed + opened <= ANALYZE_MIN_CHANGED + ANALYZE_FRACTION * max(reltuples, 0):
        return False
    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True


def open_and_resolve_statement(
    sql: str, params: tuple, *, rule_row: WarningRule, subject_type: str, now: dt.datetime
) -> tuple[str, tuple]:
    """PostgreSQL: open and resolve in one statement over one evaluation of the candidates.

    ``WITH candidates AS MATERIALIZED (…), opened AS (INSERT … RETURNING 1), resolved AS
    (UPDATE … WHERE NOT EXISTS … RETURNING 1) SELECT count(*) …``. The rule's query, the
    costly part (a join over a million rows for some rules), runs once instead of twice. Both
    data-modifying parts see the snapshot from before the statement, so the UPDATE never meets
    the rows the INSERT adds; it needs not to, for those are candidates and stay open. The
    CTE is MATERIALIZED because, inlined, the planner may choose a nested-loop anti-join that
    reruns the rule's query for every open warning (found at a million cases: 90 s for the
    annual-report rule's 60 warnings).
    """
    insert, insert_params = open_statement(
        "SELECT * FROM candidates", (), rule_row=rule_row, subject_type=subject_type, now=now
    )
    update, update_params = _resolve_update("candidates", rule_row=rule_row, now=now)
    statement = (
        f"WITH candidates AS MATERIALIZED ({sql}), "  # noqa: S608 (compiled SQL, quoted names)
        f"opened AS ({insert} RETURNING 1), resolved AS ({update} RETURNING 1) "
        "SELECT (SELECT COUNT(*) FROM opened), (SELECT COUNT(*) FROM resolved)"
    )
    return statement, (*params, *insert_params, *update_params)


def _open_and_resolve_in_sql(qs: QuerySet, spec, rule_row, now) -> tuple[int, int]:
    sql, params = candidate_sql(qs)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _refresh_statistics_if_stale(cursor, 0)
            cursor.execute(
                *open_and_resolve_statement(
                    sql, params, rule_row=rule_row, subject_type=spec.subject_type, now=now
                )
            )
            opened, resolved = cursor.fetchone()
            # Many just opened: fresh statistics for the next rule and the next scan.
            _refresh_statistics_if_stale(cursor, opened)
            return opened, resolved
        cursor.execute(
            *open_statement(sql, params, rule_row=rule_row, subject_type=spec.subject_type, now=now)
        )
        opened = max(cursor.rowcount, 0)
        cursor.execute(*resolve_statement(sql, params, rule_row=rule_row, now=now))
        resolved = max(cursor.rowcount, 0)
    return opened, resolved


def _open_and_resolve_in_python(rows, spec, rule_row, open_qs, now) -> tuple[int, int]:
    """Fallback for a rule that gives a (short) Python list of rows."""
    rows = [{k: row.get(k) for k in KEYS} for row in rows]
    before = open_qs.count()
    EarlyWarning.objects.bulk_create(
        [
            EarlyWarning(
                rule=rule_row,
                subject_type=spec.subject_type,
                subject_id=str(row["subject_id"]),
                subject_label=(row["label"] or "")[:300],
                detail=row["detail"] or "",
                agency_id=row["agency_ref"],
                officer_id=row["officer_ref"],
                level=rule_row.level,
                opened_at=now,
            )
            for row in rows
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    current = [str(row["subject_id"]) for row in rows]
    resolved = open_qs.exclude(subject_id__in=current).update(
        status=EarlyWarning.Status.RESOLVED, resolved_at=now
    )
    return open_qs.count() - before + resolved, resolved


def _escalate(open_qs, rule_row: WarningRule, now: dt.datetime) -> int:
    orange = open_qs.filter(
        level=Level.YELLOW, opened_at__lte=now - dt.timedelta(days=rule_row.orange_after_days)
    ).update(level=Level.ORANGE)
    red = (
        open_qs.exclude(level=Level.RED)
        .filter(opened_at__lte=now - dt.timedelta(days=rule_row.red_after_days))
        .update(level=Level.RED)
    )
    return orange + red


def scan_rule(rule_row: WarningRule, *, today: dt.date, now: dt.datetime) -> dict[str, int]:
    spec = all_rules()[rule_row.code]
    open_qs = EarlyWarning.objects.filter(rule=rule_row, status__in=EarlyWarning.OPEN)
    with transaction.atomic():
        # Details and labels are stored as text for Chinese readers: build them in Chinese.
        with translation.override("zh-hans"):
            candidates = spec.candidates(rule_row, today)
        if isinstance(candidates, QuerySet):
            opened, resolved = _open_and_resolve_in_sql(candidates, spec, rule_row, now)
        else:
            opened, resolved = _open_and_resolve_in_python(candidates, spec, rule_row, open_qs, now)
        escalated = _escalate(open_qs, rule_row, now)
        # After opening and resolving, the open warnings are exactly the current candidates.
        still_open = open_qs.count()
    return {"opened": opened, "resolved": resolved, "escalated": escalated, "open": still_open}


def scan(*, today: dt.date | None = None, now: dt.datetime | None = None, codes=None) -> ScanResult:
    """Run every active rule (or those in ``codes``). Safe to run twice or concurrently."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    ensure_rules()
    result = ScanResult()
    rules = WarningRule.objects.filter(is_active=True, code__in=list(all_rules())).order_by("code")
    if codes:
        rules = rules.filter(code__in=codes)
    for rule_row in rules:
        result.per_rule[rule_row.code] = scan_rule(rule_row, today=today, now=now)
    audit_append(
        action="warnings.scan",
        object_type="oversight.scan",
        object_id=today.isoformat(),
        changes={"opened": result.opened, "resolved": result.resolved},
    )
    return result
