"""Per-request context (request id, acting user) that logs and the audit trail read.

Kept free of model imports so logging can load it before Django's apps are ready.
"""

import contextvars
import logging
from typing import Any

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
current_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("actor", default=None)


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get() or "-"
        return True
