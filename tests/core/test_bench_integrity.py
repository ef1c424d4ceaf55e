"""The integrity benchmark runs at a tiny size so it keeps working (timings are not asserted)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_bench_integrity_tiny(require_postgres, tmp_path):
    db = connection.settings_dict
    # Named after this run's test database; the benchmark drops and creates it itself.
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}_bench_integrity"
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
            "integrity",
            "--files",
            "6",
            "--size-kb",
            "8",
            "--events",
            "50",
            "--export-every",
            "20",
            "--no-restore",
            "--database",
            url,
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "evidence_verify:" in result.stdout and "verify_audit (chain + heads)" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["files"] == 6 and figures["bytes"] == 6 * 8 * 1024
    assert figures["heads"] == 3  # after 20, 40 and 50 events
    assert figures["evidence_verify_s"] > 0 and figures["backup_bytes"] > figures["bytes"]
