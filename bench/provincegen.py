"""Province-scale data by set-based SQL: a generated city multiplied inside PostgreSQL.

    python -m bench provincegen --base 10k --factor 10 --database postgres://postgres@127.0.0.1:5432/portal_bench_100k
    python -m bench provincegen --base 10k --factor 1 --database ...   # just the base city

The base city comes from bench/citygen.py (every table consistent, audit chain valid). Then
its case tree -- cases, their officers and node visits, decisions, payments and publications
-- is copied ``factor - 1`` times with ``INSERT ... SELECT ... CROSS JOIN generate_series``:
one statement a table, no row passes through Python. Ids are shifted by the table's id range
per copy and every foreign key into a copied table by the referenced table's range, so each
copy is a tree of its own; unique text columns (case and decision numbers) get the copy's
number appended. Secondary indexes are dropped first and built once at the end; triggers
are off for the load (session_replication_role = replica) and the dashboard's day counts
are rebuilt from the rows, as citygen does; then VACUUM ANALYZE.

What the copies do not change: dates, parties and the texts (a copy's publication has its
original's public record, search text and grams), the registry and accounts, the audit trail
and reports (the base city's). So a search term matches ``factor`` times as many rows as in the
base city, the same proportion as a bigger city with the same mix would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from bench import citygen

# Copied in this order (a table after the tables it points to).
CASE_TREE = [
    "workflows_case",
    "workflows_caseofficer",
    "workflows_nodevisit",
    "workflows_decision",
    "workflows_payment",
    "disclosure_publication",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", choices=sorted(citygen.SCALES), default="10k")
    parser.add_argument("--factor", type=int, default=10, help="copies of the base case tree")
    parser.add_argument("--database", required=True, help="scratch database URL (recreated)")
    parser.add_argument("--reuse-base", action="store_true", help="the base city is there")
    parser.add_argument("--today", type=dt.date.fromisoformat)


def run(args) -> int:
    # Django is set up by bench/__main__ for this database already; citygen recreates it.
    started = time.perf_counter()
    if not args.reuse_base:
        citygen.build(args.database, citygen.SCALES[args.base], today=args.today)
    base_seconds = time.perf_counter() - started
    t0 = time.perf_counter()
    copied = multiply(args.factor)
    seconds = time.perf_counter() - t0
    counts = citygen.count_rows()
    citygen.say(
        f"provincegen: base city {base_seconds:.0f} s, {args.factor}x by SQL in {seconds:.1f} s "
        f"({copied:,} rows, {copied / max(seconds, 1e-9):,.0f} rows/s): "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    return 0


def _columns(cursor, table: str) -> list[tuple[str, str, int | None]]:
    cursor.execute(
        "SELECT column_name, data_type, character_maximum_length FROM information_schema.columns"
        " WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return cursor.fetchall()


def _foreign_keys(cursor, table: str) -> dict[str, str]:
    """column -> referenced table, for single-column foreign keys."""
    cursor.execute(
        """
        SELECT a.attname, cl.relname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_class cl ON cl.oid = c.confrelid
        WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND array_length(c.conkey, 1) = 1
        """,
        [table],
    )
    return dict(cursor.fetchall())


def _unique_text_columns(cursor, table: str) -> set[str]:
    """Text columns in any unique index of the table (plain columns; not the primary key)."""
    cursor.execute(
        """
        SELECT DISTINCT a.attname
        FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisunique AND NOT i.indisprimary
          AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
        """,
        [table],
    )
    return {row[0] for row in cursor.fetchall()}


def _drop_secondary_indexes(cursor) -> list[str]:
    """Only the copied tables' (citygen's own helper drops the audit trail's too)."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = ANY(%s) AND i.schemaname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [CASE_TREE],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def multiply(factor: int) -> int:
    """Copy the case tree ``factor - 1`` times; returns the rows written."""
    if factor <= 1:
        return 0
    from django.db import connection

    copied = 0
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        definitions = _drop_secondary_indexes(cursor)
        offsets = {}
        for table in CASE_TREE:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            offsets[table] = cursor.fetchone()[0]
        for table in CASE_TREE:
            t0 = time.perf_counter()
            fks = _foreign_keys(cursor, table)
            unique_text = _unique_text_columns(cursor, table)
            names, values = [], []
            for name, _type, length in _columns(cursor, table):
                column = f'"{name}"'
                names.append(column)
                if name == "id":
                    values.append(f"t.id + g.n * {offsets[table]}")
                elif fks.get(name) in offsets:
                    values.append(f"t.{column} + g.n * {offsets[fks[name]]}")
                elif name in unique_text:
                    keep = f"left(t.{column}, {length - 8})" if length else f"t.{column}"
                    values.append(f"{keep} || '-' || g.n")
                else:
                    values.append(f"t.{column}")
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) "
                f"SELECT {', '.join(values)} FROM {table} t "
                f"CROSS JOIN generate_series(1, {factor - 1}) AS g(n) "
                f"WHERE t.id <= {offsets[table]}"
            )
            copied += cursor.rowcount
            citygen.say(f"  {table}: +{cursor.rowcount:,} rows in {time.perf_counter() - t0:.1f} s")
        cursor.execute("SET session_replication_role = DEFAULT")
        t0 = time.perf_counter()
        for definition in definitions:
            cursor.execute(definition)
        citygen.say(f"  {len(definitions)} indexes: {time.perf_counter() - t0:.1f} s")
        for table in CASE_TREE:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        from oversight.dashboard import figures_sql

        for sql in figures_sql.rebuild_statements():
            cursor.execute(sql)
    connection.commit() if not connection.get_autocommit() else None
    connection.set_autocommit(True)
    with connection.cursor() as cursor:
        t0 = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        citygen.say(f"  VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")
    return copied
