"""The search benchmark runs at a tiny scale so it keeps working (timings are not asserted)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_bench_disclosure_search_tiny(require_postgres, tmp_path):
    db = connection.settings_dict
    # Named after this run's test database and made afresh, so runs from other checkouts
    # (with other migrations) never leave state behind for this one.
    name = f"{db['NAME']}_bench"
    import psycopg

    admin = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    out = tmp_path / "bench.json"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "disclosure_search",
            "--rows",
            "400",
            "--agencies",
            "4",
            "--runs",
            "3",
            "--database",
            url,
            "--json",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "search_ours" in result.stdout and "naive/ours p95" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["meta"]["rows"] == 400
    names = [r["name"] for r in figures["rows"]]
    assert names[0].startswith("public search: two-character keyword")
    assert names[1].startswith("public search: deep page by cursor")
    for r in figures["rows"]:
        assert r["ours"]["p50_ms"] > 0 and r["baseline"]["p50_ms"] > 0
        assert r["met"] is None  # targets are judged at a million rows only
