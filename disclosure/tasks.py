"""Celery tasks of disclosure: thin, idempotent wrappers."""

from celery import shared_task


@shared_task(name="disclosure.sync_publications")
def sync_publications() -> int:
    from .cases import publications_sync_from_cases

    return publications_sync_from_cases()
