"""Core Celery tasks (thin wrappers around core services)."""

from celery import shared_task

from .audit import ChainBreak, verify_chain


@shared_task(name="core.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Verify the whole audit chain; returns {'ok': bool, 'checked': n, 'broken_seq': ...}."""
    checked = 0
    for item in verify_chain():
        if isinstance(item, ChainBreak):
            return {"ok": False, "checked": checked, "broken_seq": item.seq, "reason": item.reason}
        checked = item
    return {"ok": True, "checked": checked, "broken_seq": None, "reason": ""}
