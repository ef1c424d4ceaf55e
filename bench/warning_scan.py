"""Benchmark: the full warning scan at city scale, rule by rule against hand-written SQL.

    python -m bench warning_scan --database postgres://postgres@127.0.0.1:5432/portal_scan_1m --runs 5
    python -m bench warning_scan --scale tiny --database URL --runs 2 --json out.json

With ``--scale`` the database is first rebuilt by ``python -m bench citygen`` at that scale
(dropped, migrated and filled: a scratch database); without it the data already there is used. Then:

1. every warning is deleted and the full scan is timed once on this fresh data (it opens
   every warning: the heaviest run);
2. the full scan is rerun ``--runs`` times (steady state: nothing or little changes) and each
   rule's ``scan_rule`` is timed on its own;
3. for each rule, one hand-written SQL statement giving the same subjects (with their label
   and agency) is timed as ``INSERT … SELECT`` into a scratch table, ``--runs`` times, and its
   subjects are checked against the warnings the scan left open.

Prints a table; ``--json PATH`` writes
``{"rows": [{"name", "ours": {"p50_ms", "p95_ms"}, "baseline": {...} | null, "target"}], ...}``.
Timings are printed, never asserted; a mismatch between the scan and the hand SQL is an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_scan_1m"

# One statement per rule, written by hand: subject_id, label, agency_id. %(name)s parameters.
HAND_SQL = {
    "publication_overdue": """
        SELECT p.id::text, p.decision_number, p.agency_id FROM disclosure_publication p
        WHERE p.status = 'draft' AND p.due_by < %(today)s""",
    "withdrawal_overdue": """
        SELECT p.id::text, p.decision_number, p.agency_id FROM disclosure_publication p
        WHERE p.status = 'published' AND p.revoked_on IS NOT NULL
          AND p.withdrawal_due < %(today)s""",
    "power_basis_review": """
        SELECT p.id::text, p.code || ' ' || p.name, p.agency_id FROM powers_power p
        WHERE p.basis_needs_review AND p.status IN ('registered', 'submitted', 'draft', 'returned')""",
    "legal_reviewer_ratio": """
        SELECT a.id::text, a.name, a.id FROM powers_agency a
        JOIN (SELECT agency_id, count(*) AS n FROM powers_officer
              WHERE certificate_status = 'valid' AND certificate_valid_until >= %(today)s
              GROUP BY agency_id) o ON o.agency_id = a.id
        LEFT JOIN (SELECT u.agency_id, count(DISTINCT u.id) AS n FROM core_user u
                   JOIN core_user_groups ug ON ug.user_id = u.id
                   JOIN auth_group g ON g.id = ug.group_id
                   WHERE u.is_active AND g.name = 'legal_reviewer'
                   GROUP BY u.agency_id) r ON r.agency_id = a.id
        WHERE a.is_enforcement_body AND coalesce(r.n, 0) < o.n * %(ratio)s / 100.0""",
    "legal_review_overdue": """
        SELECT l.id::text, c.number, l.agency_id FROM oversight_legalreview l
        JOIN workflows_case c ON c.id = l.case_id
        WHERE l.status = 'submitted' AND l.due_on < %(today)s""",
    "report_overdue": """
        SELECT r.id::text, '举报 #' || r.id, r.handling_agency_id FROM oversight_report r
        WHERE (r.status = 'received' AND r.accept_due < %(today)s)
           OR (r.status IN ('accepted', 'investigating') AND r.conclude_due < %(today)s)""",
    "repeated_reports_officer": """
        SELECT o.id::text, o.name, NULL::bigint FROM oversight_report r
        JOIN powers_officer o ON o.id = r.officer_id
        WHERE r.received_on > %(report_since)s AND r.received_on <= %(today)s
        GROUP BY o.id HAVING count(*) >= %(report_threshold)s""",
    "repeated_reports_agency": """
        SELECT a.id::text, a.name, NULL::bigint FROM oversight_report r
        JOIN powers_agency a ON a.id = r.agency_id
        WHERE r.received_on > %(agency_report_since)s AND r.received_on <= %(today)s
        GROUP BY a.id HAVING count(*) >= %(agency_report_threshold)s""",
    "annual_report_overdue": """
        SELECT a.id::text, a.name, a.id FROM powers_agency a
        WHERE a.is_enforcement_body
          AND EXISTS (SELECT 1 FROM workflows_case c WHERE c.agency_id = a.id
                      AND c.filed_on BETWEEN %(year_start)s AND %(year_end)s)
          AND NOT EXISTS (SELECT 1 FROM disclosure_annualreport r WHERE r.agency_id = a.id
                          AND r.year = %(last_year)s AND r.published_on IS NOT NULL)""",
    "case_node_overdue": """
        SELECT c.id::text, c.number || ' ' || c.title, c.agency_id FROM workflows_case c
        WHERE c.status IN ('open', 'decided', 'executed') AND c.node_due_on < %(today)s""",
    "case_decision_overdue": """
        SELECT c.id::text, c.number || ' ' || c.title, c.agency_id FROM workflows_case c
        WHERE c.status = 'open' AND c.decision_due_on < %(today)s""",
    "case_archive_overdue": """
        SELECT c.id::text, c.number || ' ' || c.title, c.agency_id FROM workflows_case c
        WHERE c.status = 'closed' AND c.archive_due_on < %(today)s""",
    "decision_deviation": """
        SELECT d.id::text, d.number, c.agency_id FROM workflows_decision d
        JOIN workflows_case c ON c.id = d.case_id WHERE d.is_deviation""",
    "deviation_concentration": """
        SELECT o.id::text, o.name, o.agency_id FROM workflows_decision d
        JOIN powers_officer o ON o.user_id = d.decided_by_id
        WHERE d.is_deviation AND d.decided_on > %(deviation_since)s
        GROUP BY o.id HAVING count(*) >= %(deviation_threshold)s""",
    "officer_invalid_certificate": """
        SELECT o.id::text, o.name, o.agency_id FROM powers_officer o
        WHERE (o.certificate_status <> 'valid' OR o.certificate_valid_until < %(today)s)
          AND EXISTS (SELECT 1 FROM workflows_caseofficer co
                      JOIN workflows_case c ON c.id = co.case_id
                      WHERE co.officer_id = o.id
                        AND c.status IN ('open', 'suspended', 'decided', 'executed'))""",
    "unregistered_power_attempt": """
        SELECT p.id::text, p.code || ' ' || p.name, p.agency_id FROM powers_power p
        JOIN (SELECT object_id FROM core_auditevent
              WHERE action = 'case.refused_power' AND object_type = 'powers.power'
                AND created_at >= %(attempt_since)s GROUP BY object_id) e
          ON e.object_id = p.id::text""",
    "public_update_overdue": """
        SELECT p.id::text, p.code || ' ' || p.name, p.agency_id FROM powers_power p
        WHERE p.status = 'registered'
          AND (EXISTS (SELECT 1 FROM powers_powerversion v
                       WHERE v.power_id = p.id AND v.status IN ('draft', 'submitted', 'returned')
                         AND v.created_at < %(update_before)s)
               OR EXISTS (SELECT 1 FROM discretion_discretionstandard s
                          WHERE s.power_id = p.id AND s.version > 1
                            AND s.status IN ('draft', 'submitted', 'returned')
                            AND s.created_at < %(update_before)s))""",
    "decision_exceeds_review": """
        SELECT c.id::text, d.number, c.agency_id FROM workflows_decision d
        JOIN workflows_case c ON c.id = d.case_id
        JOIN LATERAL (SELECT proposed_fine FROM oversight_legalreview r WHERE r.case_id = c.id
                      ORDER BY r.round DESC LIMIT 1) lr ON true
        WHERE c.is_major AND d.fine_amount > lr.proposed_fine""",
    "audit_chain_broken": """
        SELECT 'chain', '审计日志哈希链', NULL::bigint FROM core_auditevent e
        WHERE e.object_type = 'core.auditchain' AND e.object_id = 'chain'
          AND e.action = 'audit.verified' AND e.changes -> 'ok' = 'false'::jsonb
          AND NOT EXISTS (SELECT 1 FROM core_auditevent l
                          WHERE l.object_type = 'core.auditchain' AND l.object_id = 'chain'
                            AND l.action = 'audit.verified' AND l.seq > e.seq)""",
}
# Not SQL at all: a year or two, worked out in Python from the holiday calendar.
NO_BASELINE = {"calendar_gap"}


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def recreate_database(url: str) -> None:
    """Drop and create the database at ``url`` (a scratch database this benchmark owns)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    admin = psycopg.connect(base + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def build_city(scale: str, url: str, today: dt.date | None) -> None:
    """Recreate, migrate and fill the database with the city generator (bench/citygen.py).

    Django must not be set up yet; afterwards it is, connected to ``url``.
    """
    from bench import citygen

    recreate_database(url)
    _setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    citygen.fill(dict(citygen.SCALES[scale]), today=today)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2)}


def hand_params(rules: dict, today: dt.date) -> dict:
    import zoneinfo

    from django.conf import settings

    def window(code, default):
        return rules[code].window_days or default

    def threshold(code, default):
        return rules[code].threshold if rules[code].threshold is not None else default

    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    attempt_day = today - dt.timedelta(days=window("unregistered_power_attempt", 30))
    return {
        "today": today,
        "ratio": threshold("legal_reviewer_ratio", 5),
        "report_since": today - dt.timedelta(days=window("repeated_reports_officer", 90)),
        "report_threshold": threshold("repeated_reports_officer", 3),
        "agency_report_since": today - dt.timedelta(days=window("repeated_reports_agency", 90)),
        "agency_report_threshold": threshold("repeated_reports_agency", 3),
        "last_year": today.year - 1,
        "year_start": dt.date(today.year - 1, 1, 1),
        "year_end": dt.date(today.year - 1, 12, 31),
        "deviation_since": today - dt.timedelta(days=window("deviation_concentration", 180)),
        "deviation_threshold": threshold("deviation_concentration", 3),
        "attempt_since": dt.datetime.combine(attempt_day, dt.time.min, tzinfo=tz),
        "update_before": dt.datetime.combine(
            today - dt.timedelta(days=window("public_update_overdue", 30)), dt.time.min, tzinfo=tz
        ),
    }


def run_hand_sql(cursor, code: str, params: dict) -> int:
    cursor.execute("TRUNCATE bench_scan_baseline")
    cursor.execute(
        f"INSERT INTO bench_scan_baseline (subject_id, label, agency_id) {HAND_SQL[code]}", params
    )
    return cursor.rowcount


def measure(runs: int, today: dt.date, explain: bool = False) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from oversight.models import EarlyWarning, WarningAction, WarningRule
    from oversight.warnings.engine import candidate_sql, ensure_rules, scan, scan_rule
    from oversight.warnings.registry import all_rules

    now = timezone.now()
    ensure_rules()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    WarningAction.objects.all().delete()
    EarlyWarning.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE oversight_earlywarning")
    t0 = time.perf_counter()
    first = scan(today=today, now=now)
    first_s = time.perf_counter() - t0
    full = []
    for _ in range(runs):
        t0 = time.perf_counter()
        scan(today=today, now=now)
        full.append(time.perf_counter() - t0)

    rule_rows = {
        r.code: r for r in WarningRule.objects.filter(is_active=True, code__in=all_rules())
    }
    ours = {code: [] for code in sorted(rule_rows)}
    for _ in range(runs):
        for code in ours:
            t0 = time.perf_counter()
            scan_rule(rule_rows[code], today=today, now=now)
            ours[code].append(time.perf_counter() - t0)

    params = hand_params(rule_rows, today)
    baseline, mismatches = {}, []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_scan_baseline (subject_id text, label text, agency_id bigint)"
            " ON COMMIT DROP"
        )
        for code in ours:
            if code in NO_BASELINE or code not in HAND_SQL:
                continue
            samples = []
            for _ in range(runs):
                t0 = time.perf_counter()
                run_hand_sql(cursor, code, params)
                samples.append(time.perf_counter() - t0)
            baseline[code] = samples
            cursor.execute("SELECT subject_id FROM bench_scan_baseline")
            hand = {row[0] for row in cursor.fetchall()}
            scanned = set(
                EarlyWarning.objects.filter(
                    rule=rule_rows[code], status__in=EarlyWarning.OPEN
                ).values_list("subject_id", flat=True)
            )
            if hand != scanned:
                mismatches.append(f"{code}: hand SQL {len(hand)} subjects, scan {len(scanned)}")

    plans = {}
    if explain:
        with connection.cursor() as cursor:
            for code in ours:
                candidates = all_rules()[code].candidates(rule_rows[code], today)
                if isinstance(candidates, list):
                    continue
                sql, sql_params = candidate_sql(candidates)
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, sql_params)
                plans[code] = "\n".join(r[0] for r in cursor.fetchall())

    counts = {
        code: EarlyWarning.objects.filter(
            rule=rule_rows[code], status__in=EarlyWarning.OPEN
        ).count()
        for code in ours
    }
    hand_total = [sum(baseline[c][i] for c in baseline) for i in range(runs)] if runs else []
    rows = [
        {
            "name": "full_scan_first_run",
            "ours": percentiles([first_s]),
            "baseline": None,
            "target": "< 15000 ms",
            "opened": first.opened,
        },
        {
            "name": "full_scan_steady",
            "ours": percentiles(full),
            "baseline": percentiles(hand_total) if hand_total else None,
            "target": "< 15000 ms and <= 3x the hand-written SQL",
        },
    ]
    for code, samples in ours.items():
        rows.append(
            {
                "name": f"rule:{code}",
                "ours": percentiles(samples),
                "baseline": percentiles(baseline[code]) if code in baseline else None,
                "target": "<= 3x the hand-written SQL" if code in baseline else "(no SQL)",
                "open": counts[code],
            }
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM workflows_case")
        cases = cursor.fetchone()[0]
    return {
        "rows": rows,
        "cases": cases,
        "runs": runs,
        "today": today.isoformat(),
        "mismatches": mismatches,
        "plans": plans,
        "load": os.getloadavg(),
    }


def report(results: dict) -> str:
    lines = [
        f"cases={results['cases']:,} runs={results['runs']} today={results['today']} "
        f"load={' '.join(f'{x:.2f}' for x in results['load'])}",
        f"{'name':<36}{'open':>8}{'ours p50':>11}{'p95':>10}{'hand p50':>11}{'p95':>10}{'ratio':>8}",
    ]
    for row in results["rows"]:
        base = row["baseline"]
        ratio = f"{row['ours']['p95_ms'] / max(base['p95_ms'], 0.01):.1f}x" if base else "-"
        lines.append(
            f"{row['name']:<36}{row.get('open', row.get('opened', '')):>8}"
            f"{row['ours']['p50_ms']:>11.1f}{row['ours']['p95_ms']:>10.1f}"
            + (f"{base['p50_ms']:>11.1f}{base['p95_ms']:>10.1f}" if base else f"{'-':>11}{'-':>10}")
            + f"{ratio:>8}"
        )
    for problem in results["mismatches"]:
        lines.append(f"MISMATCH {problem}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench warning_scan", description=__doc__)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", help="rebuild the database first with citygen at this scale")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="scan as of this day")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--explain", action="store_true", help="print each rule's query plan")
    args = parser.parse_args(argv)
    if args.scale:
        build_city(args.scale, args.database, args.today)
    else:
        _setup_django(args.database)
    from django.utils import timezone

    results = measure(max(args.runs, 1), args.today or timezone.localdate(), args.explain)
    print(report(results))
    for code, plan in results["plans"].items():
        print(f"\n== {code}\n{plan}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=2, default=str)
    return 1 if results["mismatches"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
