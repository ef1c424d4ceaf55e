"""Core Celery tasks (thin wrappers around core services)."""

import logging

from celery import shared_task

from . import audit_bucket
from .audit import ChainBreak, verify_chain
from .audit_heads import HeadMismatch, check_bucket, check_heads, export_heads, heads_path

logger = logging.getLogger(__name__)


VERIFIED_ACTION = "audit.verified"
CHAIN_OBJECT = ("core.auditchain", "chain")


@shared_task(name="core.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Verify the whole audit chain, then the exported heads, and record the outcome.

    Returns {'ok': bool, 'checked': n, 'broken_seq': ..., 'reason': ...}. The outcome is
    appended to the chain itself (``audit.verified`` on ``core.auditchain``/``chain``), where
    the oversight rule ``audit_chain_broken`` reads the latest one.
    """
    result = _verify()
    from .audit import audit_append

    audit_append(
        action=VERIFIED_ACTION,
        object_type=CHAIN_OBJECT[0],
        object_id=CHAIN_OBJECT[1],
        changes=result,
    )
    return result


def _verify() -> dict:
    checked = 0
    for item in verify_chain():
        if isinstance(item, ChainBreak):
            logger.error("Audit chain broken at seq=%s: %s", item.seq, item.reason)
            return {"ok": False, "checked": checked, "broken_seq": item.seq, "reason": item.reason}
        checked = item
    path = heads_path()
    if path.is_file():
        for head in check_heads(path):
            if isinstance(head, HeadMismatch):
                logger.error("Audit chain does not match the exported heads: %s", head.reason)
                return {
                    "ok": False,
                    "checked": checked,
                    "broken_seq": head.seq,
                    "reason": head.reason,
                }
    if audit_bucket.configured():
        try:
            _head, problem = check_bucket()
        except audit_bucket.BucketError as exc:
            logger.error("Exported heads in the bucket unreadable: %s", exc)
            return {"ok": False, "checked": checked, "broken_seq": None, "reason": str(exc)}
        if problem:
            logger.error("Audit chain does not match the bucket's head: %s", problem.reason)
            return {
                "ok": False,
                "checked": checked,
                "broken_seq": problem.seq,
                "reason": problem.reason,
            }
    return {"ok": True, "checked": checked, "broken_seq": None, "reason": ""}


@shared_task(name="core.export_audit_head")
def export_audit_head() -> dict:
    """Append the chain head to the export file and, where configured, put it in the bucket
    (idempotent: an unchanged head is not repeated)."""
    return export_heads()


@shared_task(name="core.sweep_orphan_uploads")
def sweep_orphan_uploads() -> dict:
    """Delete stored files that no row names (a request that died after writing its upload)."""
    from .audit import audit_append
    from .uploads import sweep

    result = sweep()
    if result.deleted:
        logger.warning("Removed %d orphaned upload(s)", len(result.deleted))
        audit_append(
            action="uploads.swept",
            object_type="core.storage",
            object_id="media",
            changes={"deleted": result.deleted[:200], "count": len(result.deleted)},
        )
    return {"deleted": len(result.deleted), "young": result.kept_young}
