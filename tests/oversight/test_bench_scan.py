"""The warning-scan and dashboard benchmarks run end to end on a tiny city (timings are
measured, never asserted): the JSON contract holds and the scan agrees with the hand SQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _check_contract(figures: dict) -> dict:
    rows = {row["name"]: row for row in figures["rows"]}
    for row in figures["rows"]:
        assert set(row) >= {"name", "ours", "baseline", "target"}
        assert row["ours"]["p50_ms"] > 0 and row["ours"]["p95_ms"] >= row["ours"]["p50_ms"]
        if row["baseline"] is not None:
            assert row["baseline"]["p50_ms"] > 0
    return rows


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker, tmp_path_factory):
    """A tiny city in a database of its own, built by the scan benchmark's --scale."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}_scan_city"
    out = tmp_path_factory.mktemp("bench") / "scan.json"
    result = _run(
        "warning_scan", "--scale", "tiny", "--database", url, "--runs", "2", "--json", str(out)
    )
    return url, result, out


@pytest.mark.django_db
def test_bench_warning_scan_tiny(require_postgres, city):
    _url, result, out = city
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-3000:]
    assert "full_scan_steady" in result.stdout and "MISMATCH" not in result.stdout
    figures = json.loads(out.read_text())
    rows = _check_contract(figures)
    assert figures["cases"] == 300 and figures["mismatches"] == []
    assert rows["full_scan_steady"]["baseline"] is not None
    assert rows["rule:calendar_gap"]["baseline"] is None
    assert rows["rule:case_node_overdue"]["baseline"] is not None
    # the tiny city has overdue steps, so the first run opened warnings
    assert rows["full_scan_first_run"]["opened"] > 0 and rows["rule:case_node_overdue"]["open"] > 0


@pytest.mark.django_db
def test_bench_oversight_dashboard_tiny(require_postgres, city, tmp_path):
    url, built, _out = city
    assert built.returncode == 0, built.stderr[-3000:]
    out = tmp_path / "dashboard.json"
    result = _run("oversight_dashboard", "--database", url, "--runs", "3", "--json", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = _check_contract(json.loads(out.read_text()))
    assert set(rows) == {"supervisor", "leader", "supervisor_cold", "leader_cold"}
    assert all(row["target"] == "p95 < 300 ms" for row in rows.values())
    assert "supervisor_cold" in result.stdout
