"""The portal as `make run` starts it: scripts/run_portal.py (runserver + Celery worker + beat
on the embedded filesystem broker) over a fresh SQLite demo city in a temporary folder.

Built once per session (migrate + seed_demo take about 40 s) and shared by the browser tests
that need the real demo city and the real scheduled jobs rather than the live_server fixture.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "Demo@2026"


@dataclass
class MakeRun:
    url: str
    env: dict[str, str]
    db_path: Path
    proc: subprocess.Popen
    log_path: Path

    def scans(self) -> int:
        with sqlite3.connect(self.db_path, timeout=20) as conn:
            return conn.execute(
                "select count(*) from core_auditevent where action = 'warnings.scan'"
            ).fetchone()[0]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def make_run_env(tmp: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="enforcement_portal.settings.local",
        EMBEDDED_WORKER="true",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{tmp / 'portal.sqlite3'}",
        EMBEDDED_BROKER_DIR=str(tmp / "broker"),
        AUDIT_HEAD_EXPORT_DIR=str(tmp / "audit-heads"),
        MEDIA_ROOT=str(tmp / "media"),
        HOST="127.0.0.1",
        PORT=str(port),
    )
    return env


def start(tmp: Path, port: int) -> MakeRun:
    env = make_run_env(tmp, port)
    py = sys.executable
    for argv in (
        [py, "manage.py", "migrate", "--noinput", "-v0"],
        [py, "manage.py", "seed_demo", "--quiet"],
    ):
        subprocess.run(argv, cwd=BASE_DIR, env=env, check=True, capture_output=True)
    log_path = tmp / "make-run.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [py, "scripts/run_portal.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    run = MakeRun(f"http://127.0.0.1:{port}", env, tmp / "portal.sqlite3", proc, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"run_portal.py exited early:\n{run.log()}")
        try:
            urllib.request.urlopen(run.url + "/", timeout=2)  # noqa: S310 (http, our server)
            return run
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    stop(run)
    raise RuntimeError(f"make run did not answer within 60 s:\n{run.log()}")


def stop(run: MakeRun) -> int:
    if run.proc.poll() is None:
        run.proc.send_signal(signal.SIGINT)
        try:
            run.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.proc.pid, signal.SIGKILL)
            run.proc.wait()
    return run.proc.returncode


def wait_for(predicate, timeout: float = 60, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()
