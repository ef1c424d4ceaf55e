"""Celery tasks of public reports: thin, idempotent wrappers around services."""

from celery import shared_task


# The name it had under oversight, so a schedule saved in django-celery-beat keeps working.
@shared_task(name="oversight.tasks.purge_expired_reports")
def purge_expired_reports() -> int:
    from .services import reports_purge_expired

    return reports_purge_expired()
