"""The scheduled warning scan on a real Celery worker and Redis broker, and a worker killed in
the middle of a scan: the rerun leaves no duplicate or half-made warnings and ends with the
same set as a clean scan of the same data.

The kill test stops the scan midway without any hook in production code: it holds an ACCESS
EXCLUSIVE lock on the publications table, which only the publication rules read, waits until
the worker's backend is queued behind that lock (so the rules before it have run and
committed), SIGKILLs the worker process, releases the lock and reruns the scan.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from disclosure.models import Publication
from enforcement_portal.models import AuditEvent
from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from powers.models import Power
from tests.disclosure.factories import PublicationFactory
from tests.factories import PowerFactory
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LOCKED_TABLE = Publication._meta.db_table


@pytest.fixture
def celery_app(redis_url, settings):
    from enforcement_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    yield app
    app.conf.update(
        task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2]
    )


def seed_subjects() -> None:
    """Warnings for rules that run before the publication rules, and for those rules."""
    today = timezone.localdate()
    power = penalty_power()
    for _ in range(3):
        case = open_case(power)
        Case.objects.filter(pk=case.pk).update(node_due_on=today - dt.timedelta(days=2))
    flagged = PowerFactory(agency=power.agency)
    Power.objects.filter(pk=flagged.pk).update(basis_needs_review=True, basis_review_note="已废止")
    for _ in range(4):
        PublicationFactory(agency=power.agency, due_by=today - dt.timedelta(days=1))


def open_set() -> set[tuple]:
    return set(
        EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN).values_list(
            "rule__code", "subject_type", "subject_id", "agency_id", "level"
        )
    )


def assert_no_duplicates_or_half_made() -> None:
    rows = list(
        EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN).values_list(
            "rule_id", "subject_type", "subject_id", "subject_label", "level"
        )
    )
    keys = [r[:3] for r in rows]
    assert len(keys) == len(set(keys)), "an open warning was opened twice"
    assert all(r[3] and r[4] for r in rows), "a warning without its label or level"


# ------------------------------------------------------------------ the scheduled task


@pytest.fixture
def thread_worker(celery_app):
    from celery.contrib.testing.worker import start_worker

    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        yield celery_app


def test_the_scheduled_scan_runs_on_a_real_worker(thread_worker):
    entry = django_settings.CELERY_BEAT_SCHEDULE["scan-warnings"]
    assert entry["task"] == "oversight.scan_warnings" and entry["schedule"] > 0
    assert entry["task"] in thread_worker.tasks
    seed_subjects()
    result = thread_worker.send_task(entry["task"]).get(timeout=120)
    assert result["opened"] >= 8  # 3 cases, 1 power, 4 publications (and the calendar)
    first = open_set()
    assert sum(r[0] == "publication_overdue" for r in first) == 4
    assert sum(r[0] == "case_node_overdue" for r in first) == 3
    again = thread_worker.send_task(entry["task"]).get(timeout=120)
    assert again["opened"] == 0 and open_set() == first
    assert AuditEvent.objects.filter(action="warnings.scan").count() == 2


# ------------------------------------------------------------------ killed in the middle


def worker_process(queue: str, redis_url: str) -> subprocess.Popen:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.test",
        "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "PYTHONPATH": str(ROOT),
        "CONN_MAX_AGE": "0",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "enforcement_portal",
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=WARNING",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def lock_connection():
    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )


def waiting_on_lock(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = %s AND NOT l.granted",
            [LOCKED_TABLE],
        )
        return cursor.fetchone()[0]


def test_a_worker_killed_mid_scan_leaves_nothing_twice_or_half_made(celery_app, redis_url):
    seed_subjects()
    queue = f"scan-kill-{uuid.uuid4().hex[:8]}"
    watcher = lock_connection()
    watcher.autocommit = True
    locker = lock_connection()
    with locker.cursor() as cursor:  # the transaction stays open until the rollback below
        cursor.execute(f'LOCK TABLE "{LOCKED_TABLE}" IN ACCESS EXCLUSIVE MODE')
    worker = worker_process(queue, redis_url)
    try:
        celery_app.send_task("oversight.scan_warnings", queue=queue)
        deadline = time.monotonic() + 180
        while not waiting_on_lock(watcher):
            assert worker.poll() is None, "the worker died before reaching the locked table"
            assert time.monotonic() < deadline, "the scan never reached the publication rules"
            time.sleep(0.2)
        committed = open_set()
        worker.kill()  # SIGKILL: no cleanup, no acknowledgement
        worker.wait(timeout=30)
        assert worker.returncode == -9
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=30)
        locker.rollback()  # releases the lock
        locker.close()
    # the killed run got as far as the rules before the lock, and never finished
    assert committed and not any(code == "publication_overdue" for code, *_ in committed)
    assert AuditEvent.objects.filter(action="warnings.scan").count() == 0
    assert_no_duplicates_or_half_made()

    rerun = worker_process(queue, redis_url)
    try:
        result = celery_app.send_task("oversight.scan_warnings", queue=queue).get(timeout=180)
    finally:
        rerun.terminate()
        rerun.wait(timeout=60)
        watcher.close()
    assert result["opened"] >= 4  # at least the four publications the killed run never reached
    after_rerun = open_set()
    assert committed < after_rerun
    assert_no_duplicates_or_half_made()

    # a clean scan of the same data opens exactly the same set
    EarlyWarning.objects.all().delete()
    scan()
    assert open_set() == after_rerun
