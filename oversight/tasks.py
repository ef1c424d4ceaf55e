"""Celery tasks of oversight: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task(name="oversight.scan_warnings")
def scan_warnings() -> dict:
    """The periodic early-warning scan (idempotent: a rerun opens nothing twice)."""
    from .warnings.engine import scan

    result = scan()
    return {"opened": result.opened, "resolved": result.resolved}
