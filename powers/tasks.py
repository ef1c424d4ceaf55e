"""Celery tasks of the power registry (thin wrappers around services)."""

from celery import shared_task


@shared_task(name="powers.run_import")
def run_power_import(job_id: int) -> str:
    from .import_jobs import import_job_run

    return import_job_run(job_id=job_id).status
