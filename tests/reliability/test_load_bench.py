"""The load test runs small in CI: real gunicorn, real sign-ins, zero errors, every page kind."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench.load import EXPECTED_KINDS
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_bench_load_tiny(require_postgres, tmp_path):
    db = connection.settings_dict
    # A database of its own, made afresh, so other checkouts' runs leave nothing behind.
    name = f"{db['NAME']}_load"
    import psycopg

    admin = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    out = tmp_path / "load.json"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "load",
            "--public",
            "20",
            "--staff",
            "4",
            "--seconds",
            "5",
            "--think",
            "0.2",
            "--workers",
            "2",
            "--port",
            str(free_port()),
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
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["logins"] == 4
    for kind in EXPECTED_KINDS["public"] + EXPECTED_KINDS["staff"]:
        assert figures["kinds"][kind]["requests"] > 0, kind
        assert figures["kinds"][kind]["p50_ms"] > 0
    assert "decision_search" in result.stdout and "p99 ms" in result.stdout
