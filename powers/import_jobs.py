"""Import jobs: the upload stored as a job, run by the Celery task or inline, with its
progress for the page and one run per job at a time."""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append
from enforcement_portal.queueing import QUEUE_LOST, enqueue_on_commit, queue_check
from enforcement_portal.tables import excerpt

from .importing import power_import_file, progress_key
from .models import (
    Agency,
    ImportJob,
)


def import_progress(job: ImportJob) -> dict:
    state = cache.get(progress_key(job.pk)) or {}
    if job.finished:
        state = {"phase": "done", "done": job.total_rows, "total": job.total_rows}
    total = state.get("total") or 0
    done = state.get("done") or 0
    # Validating is the first half of the bar, writing the second.
    percent = 0
    if total:
        share = done / total
        percent = int(share * 50) if state.get("phase") == "validating" else 50 + int(share * 50)
    if job.finished:
        percent = 100
    return {
        "status": job.status,
        "finished": job.finished,
        "phase": state.get("phase", "queued"),
        "done": done,
        "total": total,
        "percent": min(percent, 100),
    }


@contextmanager
def _job_lock(job_id: int):
    """One runner per job at a time (PostgreSQL advisory lock keyed on the job).

    A redelivered task (its first worker was killed, or the broker handed it out twice)
    waits here until any other runner is done, then finds the job finished and does nothing.
    In autocommit (a Celery worker) the lock belongs to the session, so a killed worker's
    lock goes with its connection; inside a transaction it ends with the transaction.
    """
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block and settings.DATABASE_TRANSACTION_POOLING:
        # Behind PgBouncer in transaction mode a session lock would stay on whichever server
        # connection took it (the unlock may run on another): hold a transaction-scoped lock
        # for the whole run instead. The job's progress then shows when the run commits.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [IMPORT_LOCK_SPACE, job_id])
            yield
        return
    in_transaction = connection.in_atomic_block
    with connection.cursor() as cursor:
        if in_transaction:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [IMPORT_LOCK_SPACE, job_id])
        else:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [IMPORT_LOCK_SPACE, job_id])
    try:
        yield
    finally:
        if not in_transaction:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [IMPORT_LOCK_SPACE, job_id])


IMPORT_LOCK_SPACE = 7101  # advisory-lock namespace of power import jobs


def import_job_run(*, job_id: int) -> ImportJob:
    """Run one import job (the Celery task and the inline path both call this)."""
    with _job_lock(job_id):
        return _import_job_run(job_id)


def _import_job_run(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("agency", "created_by").get(pk=job_id)
    if job.finished:
        return job  # a redelivered task does nothing twice
    job.start()
    job.save(update_fields=["status"])
    key = progress_key(job.pk)

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(key, {"phase": phase, "done": done, "total": total}, 3600)

    with job.file.open("rb") as handle:
        data = handle.read()
    with translation.override(settings.LANGUAGE_CODE):
        result = power_import_file(
            agency=job.agency,
            data=data,
            filename=job.filename,
            actor=job.created_by,
            progress=progress,
        )
        errors = [p.as_dict() | {"text": excerpt(str(p), 600)} for p in result.problems]
    if result.ok:
        job.succeed()
    else:
        job.fail()
    job.total_rows = result.total
    job.created_count = result.created
    job.updated_count = result.updated
    job.unchanged_count = result.unchanged
    job.errors = errors
    job.batch = result.batch
    job.save()
    cache.delete(key)
    return job


@uploads.atomic()
def import_job_create(*, agency: Agency, upload, actor=None) -> ImportJob:
    """Store the upload as a job; refused (ValidationError) while no worker can be reached."""
    queue_check()
    job = ImportJob(agency=agency, created_by=actor, filename=upload.name[:200])
    uploads.store(job.file, upload.name, upload)
    job.save()
    audit_append(
        action="powers.import_upload", obj=job, actor=actor, changes={"file": job.filename}
    )
    return job


def import_job_dispatch(*, job: ImportJob) -> None:
    """Queue the job on Celery when a broker is configured, else run it right here.

    The caller has already passed ``queue_check()`` (see ImportView); should the publish
    still fail after the commit, the job is marked failed with the reason, so the user sees
    it on the job page instead of a bar that never moves.
    """
    from .tasks import run_power_import

    if settings.CELERY_TASK_ALWAYS_EAGER:
        import_job_run(job_id=job.pk)
    else:
        enqueue_on_commit(run_power_import, job.pk, on_failure=lambda: _job_not_queued(job.pk))


@transaction.atomic
def _job_not_queued(job_id: int) -> None:
    job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.finished:
        return
    with translation.override(settings.LANGUAGE_CODE):
        message = str(QUEUE_LOST)
    job.fail()
    job.errors = [{"row": None, "column": "", "message": message, "text": message}]
    job.save(update_fields=["status", "errors", "finished_at"])
    audit_append(
        action="powers.import_not_queued",
        obj=job,
        actor=job.created_by,
        changes={"file": job.filename},
    )
