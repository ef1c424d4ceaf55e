"""The city benchmark harness runs end to end at the tiny scale (timings are never asserted).

It generates a city in a database of its own, runs every piece in its own process and
gathers their rows; the generated data must be what the real code accepts: the audit chain
verifies, publications carry the app's own search grams, cases stand in every state.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_bench_all_tiny(require_postgres, tmp_path):
    import psycopg

    db = connection.settings_dict
    # Named after this run's test database, so parallel checkouts never share it.
    name = f"{db['NAME']}_city_bench"
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    command = [sys.executable, "-m", "bench", "all", "--scale", "tiny", "--database", url]
    command += ["--out", str(tmp_path), "--port", str(free_port())]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "citygen done" in result.stderr

    figures = json.loads((tmp_path / "results-tiny.json").read_text())
    pieces = {r["piece"] for r in figures["rows"]}
    assert {"disclosure_search", "powers_import", "decision_pdf", "audit_verify"} <= pieces
    assert "web_throughput" in pieces
    for r in figures["rows"]:
        assert r["ours"]["p50_ms"] > 0 and r["target"]
    web = next(r for r in figures["rows"] if r["piece"] == "web_throughput")
    assert web["ours"]["rps"] > 0 and web["baseline"]["rps"] > 0
    audit = next(r for r in figures["rows"] if r["piece"] == "audit_verify")
    assert audit["name"].startswith("verify_audit over 2,0")  # 2,000 + the import's events
    table = (tmp_path / "results-tiny.md").read_text()
    assert "| timing | ours p50 / p95 ms |" in table and "decision PDF, warm" in table
    # Pieces other helpers own are either measured or skipped with a reason, never lost.
    accounted = pieces | {s["name"] for s in figures["meta"]["skipped"]}
    assert {"warning_scan", "oversight_dashboard"} <= accounted

    # The generated city itself.
    check = subprocess.run(
        [sys.executable, "manage.py", "verify_audit"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0 and "Audit chain intact" in check.stdout, check.stderr
    conn = psycopg.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT status, COUNT(*) FROM workflows_case GROUP BY status")
            states = dict(cursor.fetchall())
            assert {"open", "decided", "closed", "archived"} <= set(states)
            assert sum(states.values()) == 300
            cursor.execute(
                "SELECT agency_id, public_data, search_text,"
                " disclosure_agency_grams(agency_id, search_text) "
                "FROM disclosure_publication WHERE status = 'published' ORDER BY id LIMIT 20"
            )
            from disclosure.publishing import agency_grams, search_columns

            for agency_id, record, text, scoped in cursor.fetchall():
                expected_text, expected_grams = search_columns(record)
                assert text == expected_text
                assert sorted(scoped) == sorted(agency_grams(agency_id, expected_grams).split())
                assert "某" in record["party_name"] or record["party_type"] == "organisation"
            cursor.execute(
                "SELECT COUNT(*) FROM workflows_case c JOIN workflows_decision d ON d.case_id = c.id "
                "JOIN disclosure_publication p ON p.case_id = c.id "
                "WHERE p.decision_number <> d.number OR p.agency_id <> c.agency_id"
            )
            assert cursor.fetchone()[0] == 0
    finally:
        conn.close()
