"""Separate Celery queues (CELERY_TASK_ROUTES): PDF rendering, scans, imports and mail each on
a queue of its own. Two real worker processes on a private Redis, one serving only ``pdf``,
the other the rest; each task lands on its queue and is run by the worker serving it, and a
PDF worker stuck on a render (its document row locked) does not delay the warning scan."""

from __future__ import annotations

import re
import subprocess
import time

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from enforcement_portal.celery import app as celery_app
from enforcement_portal.roles import Role
from oversight.tasks import scan_warnings
from powers.import_jobs import import_job_create, import_job_dispatch
from powers.models import ImportJob
from tests.factories import UserFactory
from tests.powers.factories import food_law, row, sheet
from tests.workflows.factories import DecisionFactory
from workflows.models import Document
from workflows.services.documents import document_request

from .test_worker_killed import start_worker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUTES = {
    "workflows.render_document": "pdf",
    "oversight.scan_warnings": "scans",
    "powers.run_import": "imports",
    "mail.send_notice": "mail",  # no mail task exists yet; any mail.* lands here
    "core.verify_audit_chain": "celery",
    "disclosure.sync_publications": "celery",
}


def test_every_task_has_its_queue():
    for name, queue in ROUTES.items():
        assert celery_app.amqp.router.route({}, name)["queue"].name == queue, name
    # A worker started without -Q serves all of them.
    assert {q.name for q in celery_app.amqp.queues.values()} >= set(ROUTES.values())


def test_a_stuck_pdf_queue_does_not_delay_the_scan(
    portal_on_private_redis, agency, settings, tmp_path
):
    redis_server = portal_on_private_redis
    broker = redis_server.client()
    decision = DecisionFactory()
    with transaction.atomic():
        document = document_request(case=decision.case, kind="decision", user=decision.decided_by)
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    upload = SimpleUploadedFile("powers.xlsx", sheet([row(agency, n) for n in range(1, 4)]))
    job = import_job_create(agency=agency, upload=upload, actor=filer)
    import_job_dispatch(job=job)
    # Each message waits on its own queue before any worker runs.
    assert {q: broker.llen(q) for q in ("pdf", "imports", "scans", "celery")} == {
        "pdf": 1,
        "imports": 1,
        "scans": 0,
        "celery": 0,
    }

    db = connection.settings_dict
    blocker = psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"])
    # pg_stat_activity is read once per transaction: watch from a connection of its own.
    watcher = psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    )
    workers: list[subprocess.Popen] = []
    pdf_log, ops_log = tmp_path / "pdf.log", tmp_path / "ops.log"
    try:
        # The render waits on its document row: the PDF worker is stuck.
        blocker.execute("SELECT id FROM workflows_document WHERE id = %s FOR UPDATE", [document.pk])
        workers.append(
            start_worker(
                "pdf", redis_server.url, settings.MEDIA_ROOT, pdf_log, queues="pdf", level="INFO"
            )
        )
        workers.append(
            start_worker(
                "ops",
                redis_server.url,
                settings.MEDIA_ROOT,
                ops_log,
                queues="scans,imports,mail,celery",
                level="INFO",
            )
        )

        def render_waits():
            row_ = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                " AND wait_event_type = 'Lock' AND query LIKE %s",
                [db["NAME"], 'SELECT "workflows_document"."id"%'],  # the text is cut at 1 kB
            ).fetchone()
            return row_[0] == 1

        wait_for(render_waits, 60, "the PDF worker to wait on the locked document")
        started = time.monotonic()
        result = scan_warnings.delay()
        assert set(result.get(timeout=30)) == {"opened", "resolved"}
        scan_seconds = time.monotonic() - started
        assert scan_seconds < 15, scan_seconds
        assert render_waits()  # still stuck while the scan ran and finished
        document.refresh_from_db()
        assert document.status == Document.Status.PENDING
        wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).finished, 60, "the import on the ops worker"
        )

        blocker.rollback()  # unstuck: the render goes on
        wait_for(
            lambda: Document.objects.get(pk=document.pk).status != Document.Status.PENDING,
            90,
            "the render",
        )
        document.refresh_from_db()
        assert document.status == Document.Status.READY, document.error
    finally:
        blocker.close()
        watcher.close()
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                worker.kill()
    ran = {name: ran_tasks(log) for name, log in (("pdf", pdf_log), ("ops", ops_log))}
    assert ran == {
        "pdf": {"workflows.render_document"},
        "ops": {"powers.run_import", "oversight.scan_warnings"},
    }


def ran_tasks(log) -> set[str]:
    """The tasks a worker's log says it ran (its banner lists every task it knows)."""
    return set(re.findall(r"Task ([\w.]+)\[[0-9a-f-]+\] succeeded", log.read_text()))
