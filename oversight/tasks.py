"""Celery tasks of oversight: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task(name="oversight.scan_warnings")
def scan_warnings() -> dict:
    """The periodic early-warning scan (idempotent: a rerun opens nothing twice)."""
    from .warnings.engine import scan

    result = scan()
    return {"opened": result.opened, "resolved": result.resolved}


# The subpackages' tasks, registered with the app's (autodiscovery imports this module only).
from .inbox.tasks import send_digests, send_message_mail  # noqa: E402, F401
from .reminders.tasks import send_reminders  # noqa: E402, F401
