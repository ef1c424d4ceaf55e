"""The audit chain's head, exported to a file outside the database, and the check against it.

The hash chain alone catches a changed, removed or inserted row, but not someone with write
access to the database who rewrites every row and recomputes every hash, or who cuts rows off
the end. Each export appends the head (sequence number and hash) as one JSON line to
``AUDIT_HEAD_EXPORT_DIR/audit-heads.jsonl`` and, where ``AUDIT_HEAD_S3_BUCKET`` is set, puts it
into that bucket (``audit_bucket``); later, every exported (seq, hash) must still be in the
chain with that hash, and the chain must reach at least the last exported seq.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit_bucket
from .models import AuditEvent

logger = logging.getLogger(__name__)

HEADS_FILE = "audit-heads.jsonl"
_LINE_TAIL = 4096  # a head line is about 200 bytes; the last line is always within this


def heads_path(directory: str | Path | None = None) -> Path:
    return Path(directory or settings.AUDIT_HEAD_EXPORT_DIR) / HEADS_FILE


@checks.register(checks.Tags.security)
def check_export_dir(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The heads must live apart from the media root (and, in production, from the database)."""
    heads = Path(settings.AUDIT_HEAD_EXPORT_DIR).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if heads == media or media in heads.parents:
        return [
            checks.Error(
                "AUDIT_HEAD_EXPORT_DIR is inside MEDIA_ROOT.",
                hint="Put the exported audit heads on storage apart from the media and the "
                "database (docs/reliability.md).",
                id="core.E101",
            )
        ]
    return []


def _last_line(path: Path) -> str:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - _LINE_TAIL))
        lines = handle.read().decode("utf-8", errors="replace").splitlines()
    return next((line for line in reversed(lines) if line.strip()), "")


def export_head(path: Path | None = None) -> dict:
    """Append the current head to the export file unless it is already the file's last line.

    Returns ``{"exported": bool, "seq": n, "hash": h, "path": str}``; an empty chain exports
    nothing. Appends are serialised with an exclusive file lock and fsync'ed.
    """
    path = path or heads_path()
    head = AuditEvent.objects.order_by("-seq").values("seq", "hash", "created_at").first()
    if head is None:
        return {"exported": False, "seq": 0, "hash": "", "path": str(path)}
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "seq": head["seq"],
            "hash": head["hash"],
            "event_at": head["created_at"].isoformat(),
            "exported_at": timezone.now().isoformat(),
        },
        sort_keys=True,
    )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            last = json.loads(_last_line(path) or "{}")
        except ValueError:
            last = {}
        if (last.get("seq"), last.get("hash")) == (head["seq"], head["hash"]):
            return {"exported": False, "seq": head["seq"], "hash": head["hash"], "path": str(path)}
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock
    logger.info("Audit chain head exported: seq=%s hash=%s", head["seq"], head["hash"])
    return {"exported": True, "seq": head["seq"], "hash": head["hash"], "path": str(path)}


def export_heads() -> dict:
    """The scheduled export: the file, then the bucket where one is configured.

    The file is written first, so a bucket that is down still leaves the head outside the
    database; the bucket's error is then raised, so the beat task is seen to fail.
    """
    result = export_head()
    result["bucket"] = None
    if audit_bucket.configured() and result["seq"]:
        head = AuditEvent.objects.filter(seq=result["seq"]).values("seq", "hash", "created_at")
        result["bucket"] = audit_bucket.export_head(head.get())
    return result


def mismatch_reason(seq: int, digest: str, exported_at: str, chain_end: int, stored) -> str:
    """Why the chain no longer matches one exported head (``stored``: the chain's hash at
    ``seq``, None when it has no such event); empty when it matches."""
    if seq > chain_end:
        return _(
            "the audit chain was shortened: it now ends at seq=%(end)s, but seq=%(seq)s was "
            "exported at %(at)s, so %(missing)s events were removed from its end"
        ) % {"end": chain_end, "seq": seq, "at": exported_at, "missing": seq - chain_end}
    if stored != digest:
        return _(
            "the hash of seq=%(seq)s differs from the one exported at %(at)s: the chain was "
            "rewritten"
        ) % {"seq": seq, "at": exported_at}
    return ""


@dataclass(frozen=True)
class HeadMismatch:
    seq: int
    line: int
    reason: str


@dataclass(frozen=True)
class _Exported:
    line: int
    seq: int
    hash: str
    exported_at: str


def _read_heads(path: Path) -> Iterator[_Exported | HeadMismatch]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
                seq, digest = int(row["seq"]), str(row["hash"])
            except (ValueError, KeyError, TypeError):
                yield HeadMismatch(0, number, _("the export file has an unreadable line"))
                return
            yield _Exported(number, seq, digest, str(row.get("exported_at", "")))


def check_heads(path: Path | None = None, chunk_size: int = 1000) -> Iterator[int | HeadMismatch]:
    """Compare the chain with every exported head, in constant memory.

    Yields the number of exported heads checked so far, then a mismatch if any. The file is
    read a chunk of lines at a time and each chunk is looked up with one query.
    """
    path = path or heads_path()
    chain_end = AuditEvent.objects.aggregate(end=Max("seq"))["end"] or 0
    checked, chunk = 0, []

    def compare(rows: list[_Exported]) -> HeadMismatch | None:
        stored = dict(
            AuditEvent.objects.filter(seq__in={r.seq for r in rows}).values_list("seq", "hash")
        )
        for row in rows:
            reason = mismatch_reason(
                row.seq, row.hash, row.exported_at, chain_end, stored.get(row.seq)
            )
            if reason:
                return HeadMismatch(row.seq, row.line, reason)
        return None

    for item in _read_heads(path):
        if isinstance(item, HeadMismatch):
            yield item
            return
        chunk.append(item)
        if len(chunk) >= chunk_size:
            if problem := compare(chunk):
                yield problem
                return
            checked += len(chunk)
            chunk = []
            yield checked
    if chunk:
        if problem := compare(chunk):
            yield problem
            return
        checked += len(chunk)
    yield checked


def check_bucket() -> tuple[audit_bucket.BucketHead | None, HeadMismatch | None]:
    """Compare the chain with the newest head in the bucket (raises BucketError when it
    cannot be read). Returns that head (None: the bucket holds none) and the mismatch, if any.
    """
    head = audit_bucket.latest_head()
    if head is None:
        return None, None
    chain_end = AuditEvent.objects.aggregate(end=Max("seq"))["end"] or 0
    stored = AuditEvent.objects.filter(seq=head.seq).values_list("hash", flat=True).first()
    reason = mismatch_reason(head.seq, head.hash, head.exported_at, chain_end, stored)
    return head, (HeadMismatch(head.seq, 0, reason) if reason else None)
