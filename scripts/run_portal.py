"""`make run`'s supervisor: the web process, a Celery worker and beat, stopped together.

The three share the embedded settings (EMBEDDED_WORKER=true: kombu's filesystem transport and
a file cache under var/, no broker server), so the scheduled jobs (warning scan, audit-chain
check, publication sync, ...) run under `make run` as they do in production. The first
warning scan is queued at start, so the demo's warnings are there without a manual
`scan_warnings`. Ctrl-C (or SIGTERM) stops all three; if one of them dies, the others are
stopped too and the exit status is non-zero. docs/development.md#make-run.

DEBUG is off unless DEBUG=true is given, so the portal's own Chinese error pages (400, 403,
404, 500, CSRF) show under `make run` as in production; `make run DEBUG=true` brings back
Django's technical pages.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 10
STARTUP_TASKS = ("oversight.scan_warnings",)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    env.setdefault("EMBEDDED_WORKER", "true")
    env.setdefault("DEBUG", "false")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def commands(host: str, port: str) -> dict[str, list[str]]:
    py = sys.executable
    celery = [py, "-m", "celery", "-A", "enforcement_portal"]
    return {
        "web": [py, "manage.py", "runserver", f"{host}:{port}"],
        # One process, one task at a time: SQLite takes one writer anyway.
        "worker": [
            *celery,
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],
        "beat": [*celery, "beat", "--loglevel=WARNING", "--pidfile="],
    }


def queue_startup_tasks(env: dict[str, str]) -> None:
    """Queue the first scan now; the worker takes it as soon as it is up."""
    code = (
        "import django; django.setup()\n"
        "from enforcement_portal.celery import app\n"
        f"for name in {STARTUP_TASKS!r}: app.send_task(name)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def stop(children: dict[str, subprocess.Popen]) -> None:
    for proc in children.values():
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for proc in children.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main() -> int:
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    env = child_env()
    queue_startup_tasks(env)
    children: dict[str, subprocess.Popen] = {}
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Each child in its own session: Ctrl-C reaches only this script, which stops them in order.
    for name, argv in commands(host, port).items():
        children[name] = subprocess.Popen(  # noqa: S603 (our own fixed commands)
            argv, cwd=BASE_DIR, env=env, start_new_session=True
        )
    print(
        "  make run: web, Celery worker and beat started "
        + ", ".join(f"{n} pid {p.pid}" for n, p in children.items())
        + "; Ctrl-C stops all three.",
        flush=True,
    )
    status = 0
    while not stopping:
        for name, proc in children.items():
            if proc.poll() is not None:
                print(f"  make run: {name} exited with {proc.returncode}; stopping.", flush=True)
                status = proc.returncode or 1
                stopping = True
                break
        time.sleep(0.5)
    stop(children)
    print("  make run: stopped.", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
