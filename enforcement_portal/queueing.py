"""Queueing work for Celery so that none of it is lost silently.

``queue_check()`` is called by a service before it writes anything that needs a worker: when
the broker cannot be reached within a bounded time it raises a ValidationError with a
Chinese message, the request's transaction rolls back and the user sees the refusal.
``enqueue_on_commit()`` publishes after the commit (a worker never sees uncommitted rows);
if the publish still fails (the broker died in between), ``on_failure`` marks the work as
failed where the user can see it, and the log says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = _(
    "The background task service is unavailable at the moment, so this was not accepted and "
    "nothing was saved. Please try again in a few minutes."
)
QUEUE_LOST = _(
    "The background task service became unavailable before this could be queued; nothing "
    "was done. Please try again."
)


def queue_check() -> None:
    """Raise ValidationError(QUEUE_UNAVAILABLE) unless the broker answers (bounded time)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0.2, interval_max=0.2
            )
    except Exception as exc:  # kombu raises OperationalError, redis/socket errors vary
        logger.error("Broker unreachable, refusing work that needs a worker: %s", exc)
        raise ValidationError(QUEUE_UNAVAILABLE, code="queue_unavailable") from exc


def enqueue_on_commit(task, *args, on_failure: Callable[[], None]) -> None:
    """Publish ``task(*args)`` after the commit; ``on_failure()`` if publishing fails."""

    def publish() -> None:
        try:
            # Nobody waits on these results; ignore_result also keeps the web process from
            # subscribing to a result channel per task.
            task.apply_async(args=args, ignore_result=True)
        except Exception:
            logger.exception("Could not queue %s%r; marking it failed", task.name, args)
            on_failure()

    transaction.on_commit(publish)
