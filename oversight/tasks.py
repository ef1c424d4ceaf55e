"""Celery tasks of oversight: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task
def purge_expired_reports() -> int:
    from .services.reports import reports_purge_expired

    return reports_purge_expired()
