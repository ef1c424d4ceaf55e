"""A Celery worker killed (SIGKILL) in the middle of a power import: the message is not lost
(acks_late), a new worker gets it once the visibility timeout has passed, and the import
happens exactly once in effect: one filing batch, each power once, one audit event.

To kill it at a known point, the test holds the audit chain's lock, so the worker stops at
its last step (the import's audit event) with every row already written in its still-open
transaction; pg_stat_activity shows it waiting there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from enforcement_portal.audit import _ADVISORY_LOCK_KEY, ChainBreak, verify_chain
from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers.import_jobs import import_job_create, import_job_dispatch, import_progress
from powers.models import FilingBatch, ImportJob, Power
from tests.factories import UserFactory
from tests.powers.factories import food_law, row, sheet

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up after {seconds} s waiting for {what}")


def start_worker(
    name: str, redis_url: str, media_root, log: Path, queues: str = "", level: str = "WARNING"
) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="enforcement_portal.settings.local",
        DEBUG="false",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(media_root),
        # Small here so the test is short; production keeps hours (docs/reliability.md).
        CELERY_VISIBILITY_TIMEOUT="3",
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_UNACKED_RESTORE_THROTTLE="1",
        PYTHONPATH=str(ROOT),
    )
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "enforcement_portal",
        "worker",
        "-P",
        "solo",
        "-n",
        f"{name}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        level,
        *(["-Q", queues] if queues else []),
    ]
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def test_a_killed_worker_s_import_is_redelivered_and_happens_once(
    portal_on_private_redis, agency, settings, tmp_path
):
    redis_server = portal_on_private_redis
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    upload = SimpleUploadedFile("powers.xlsx", sheet([row(agency, n) for n in range(1, ROWS + 1)]))
    job = import_job_create(agency=agency, upload=upload, actor=filer)
    import_job_dispatch(job=job)  # published at once (no transaction is open here)
    job.refresh_from_db()
    assert not job.finished, job.errors
    assert redis_server.client().llen("imports") == 1  # its own queue (CELERY_TASK_ROUTES)

    db = connection.settings_dict
    blocker = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"])
    blocker.autocommit = True
    workers: list[subprocess.Popen] = []
    log = tmp_path / "workers.log"
    try:
        with blocker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_ADVISORY_LOCK_KEY])
            workers.append(start_worker("first", redis_server.url, settings.MEDIA_ROOT, log))

            def stuck_backend():
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                    "AND wait_event_type = 'Lock' AND query LIKE %s",
                    [db["NAME"], "%pg_advisory_xact_lock%"],
                )
                found = cursor.fetchone()
                return found and found[0]

            backend = wait_for(stuck_backend, 90, "the worker to reach the audit step")
            job.refresh_from_db()
            assert job.status == ImportJob.Status.RUNNING
            assert import_progress(job)["phase"] == "writing"
            assert redis_server.client().hlen("unacked") == 1  # taken, not acknowledged

            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait(10)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_LOCK_KEY])

            def backend_gone():
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [backend])
                return cursor.fetchone()[0] == 0

            wait_for(backend_gone, 30, "the killed worker's transaction to roll back")

        # Nothing of the first attempt survived, and the job is not finished.
        job.refresh_from_db()
        assert not job.finished
        assert not Power.objects.filter(agency=agency).exists()
        assert not AuditEvent.objects.filter(action="powers.import").exists()

        workers.append(start_worker("second", redis_server.url, settings.MEDIA_ROOT, log))

        def finished():
            job.refresh_from_db()
            return job.finished

        wait_for(finished, 90, "the second worker to run the redelivered task")
        assert job.status == ImportJob.Status.SUCCEEDED, job.errors
        assert job.created_count == ROWS
        assert Power.objects.filter(agency=agency).count() == ROWS
        assert FilingBatch.objects.filter(agency=agency).count() == 1
        assert AuditEvent.objects.filter(action="powers.import").count() == 1
        assert AuditEvent.objects.filter(action="powers.import_upload").count() == 1
        assert not any(isinstance(item, ChainBreak) for item in verify_chain())
        wait_for(lambda: redis_server.client().hlen("unacked") == 0, 10, "the acknowledgement")
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(20)
                except subprocess.TimeoutExpired:
                    worker.kill()
        blocker.close()
