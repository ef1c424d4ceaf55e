"""The PostgreSQL triggers and the rebuild behind ``oversight.models.AgencyDay``.

Each counted table gets three statement-level triggers (after INSERT, UPDATE and DELETE) with
transition tables, so a statement touching ten thousand rows costs one grouped upsert, not ten
thousand. A row's contribution is written once, as a SELECT over a set of rows with a sign
(+1 for new rows, -1 for old ones); an UPDATE adds the new rows' and subtracts the old rows',
and day rows whose sums net to zero are not written at all, so an update that changes no counted
field (a case's title, a publication's text) touches no figure. ``rebuild`` recomputes the
whole table from the same SELECTs over the full tables.

Only fixed table and column names go into the SQL text; no value is ever interpolated.
"""

from __future__ import annotations

from .models import COUNT_FIELDS

TABLE = "oversight_agencyday"
ACTIVE = "('open', 'decided', 'executed')"


def _row(agency: str, day: str, **counts: str) -> str:
    """One SELECT list in COUNT_FIELDS order; counts not given are 0."""
    unknown = set(counts) - set(COUNT_FIELDS)
    if unknown:
        raise ValueError(unknown)
    values = ", ".join(f"{counts.get(name, '0')} AS {name}" for name in COUNT_FIELDS)
    return f"{agency} AS agency_id, {day} AS day, {values}"


def _when(condition: str, s: str) -> str:
    return f"CASE WHEN {condition} THEN {s} ELSE 0 END"


def _case(rows: str, s: str) -> str:
    earliest = (
        f"LEAST(CASE WHEN r.status IN {ACTIVE} THEN r.node_due_on END, "
        "CASE WHEN r.status = 'open' THEN r.decision_due_on END)"
    )
    filed = _row("r.agency_id", "r.filed_on", filed=s, active=_when(f"r.status IN {ACTIVE}", s))
    due = _row("r.agency_id", earliest, due=s)
    return (
        f"SELECT {filed} FROM {rows} r "
        f"UNION ALL SELECT {due} FROM {rows} r WHERE {earliest} IS NOT NULL"
    )


def _decision(rows: str, s: str) -> str:
    counts = _row("c.agency_id", "r.decided_on", decisions=s, deviations=_when("r.is_deviation", s))
    return f"SELECT {counts} FROM {rows} r JOIN workflows_case c ON c.id = r.case_id"


def _publication(rows: str, s: str) -> str:
    counts = _row(
        "r.agency_id",
        "r.decided_on",
        published=s,
        on_time=_when("r.published_on <= r.due_by", s),
    )
    return f"SELECT {counts} FROM {rows} r WHERE r.status IN ('published', 'withdrawn')"


def _review(rows: str, s: str) -> str:
    counts = _row("r.agency_id", "r.reviewed_on", reviews=s, agreed=_when("r.status = 'agreed'", s))
    return f"SELECT {counts} FROM {rows} r WHERE r.reviewed_on IS NOT NULL"


def _report(rows: str, s: str) -> str:
    return f"SELECT {_row('r.agency_id', 'r.received_on', reports=s)} FROM {rows} r"


SOURCES = {
    "workflows_case": _case,
    "workflows_decision": _decision,
    "disclosure_publication": _publication,
    "oversight_legalreview": _review,
    "oversight_report": _report,
}


def _moved_case_decisions() -> str:
    """A case moved to another agency takes its decision's counts with it."""
    parts = []
    for side, s in (("o", "-1"), ("n", "1")):
        counts = _row(
            f"{side}.agency_id", "d.decided_on", decisions=s, deviations=_when("d.is_deviation", s)
        )
        parts.append(
            f"SELECT {counts} "
            "FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "JOIN workflows_decision d ON d.case_id = o.id "
            "WHERE o.agency_id IS DISTINCT FROM n.agency_id"
        )
    return " UNION ALL ".join(parts)


def upsert(contributions: str) -> str:
    sums = ", ".join(f"SUM({name})" for name in COUNT_FIELDS)
    nonzero = " OR ".join(f"SUM({name}) <> 0" for name in COUNT_FIELDS)
    updates = ", ".join(f"{name} = t.{name} + EXCLUDED.{name}" for name in COUNT_FIELDS)
    return (
        f"INSERT INTO {TABLE} AS t (agency_id, day, {', '.join(COUNT_FIELDS)}) "
        f"SELECT agency_id, day, {sums} FROM ({contributions}) AS c "
        f"GROUP BY agency_id, day HAVING {nonzero} ORDER BY agency_id, day "
        f"ON CONFLICT (agency_id, day) DO UPDATE SET {updates}"
    )


def _function(table: str, op: str) -> str:
    make = SOURCES[table]
    if op == "INSERT":
        contributions = make("new_rows", "1")
    elif op == "DELETE":
        contributions = make("old_rows", "-1")
    else:
        contributions = f"{make('old_rows', '-1')} UNION ALL {make('new_rows', '1')}"
        if table == "workflows_case":
            contributions += f" UNION ALL {_moved_case_decisions()}"
    name = f"{TABLE}_{table}_{op.lower()}"
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {upsert(contributions)}; RETURN NULL; END $$"
    )


def _trigger(table: str, op: str) -> list[str]:
    name = f"{TABLE}_{table}_{op.lower()}"
    referencing = {
        "INSERT": "NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    }[op]
    return [
        _function(table, op),
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {op} ON {table} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def install_statements() -> list[str]:
    return [
        sql
        for table in SOURCES
        for op in ("INSERT", "UPDATE", "DELETE")
        for sql in _trigger(table, op)
    ]


def remove_statements() -> list[str]:
    out = []
    for table in SOURCES:
        for op in ("insert", "update", "delete"):
            name = f"{TABLE}_{table}_{op}"
            out += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ]
    return out


def rebuild_statements() -> list[str]:
    """Recompute every row from the counted tables (run inside one transaction).

    TRUNCATE waits for writers whose triggers already touched the table and then blocks new
    ones until commit; the INSERT's snapshot, taken after that, sees every committed row once.
    """
    everything = " UNION ALL ".join(make(table, "1") for table, make in SOURCES.items())
    return [f"TRUNCATE {TABLE}", upsert(everything)]


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in install_statements():
            cursor.execute(sql)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for sql in remove_statements():
            cursor.execute(sql)


def rebuild(connection) -> None:
    """Recompute the figures (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor != "postgresql":
        return
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for sql in rebuild_statements():
            cursor.execute(sql)
