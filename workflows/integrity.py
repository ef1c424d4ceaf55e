"""Periodic re-verification of evidence files against the SHA-256 taken on arrival.

Records with a file are walked in primary-key order a batch at a time (keyset paging, so a
run over a million files holds one batch in memory); each file is re-hashed in 1 MB chunks,
and each batch's results are upserted into ``EvidenceCheck`` with one statement. A file that
starts failing (or recovers) gets its own audit event; every run ends with a summary event.
A rerun, or two runs at once, only rewrite the same rows: the job is idempotent.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from enforcement_portal.audit import audit_append

from .evidence import read_chunks, sha256_of
from .models import EvidenceCheck, Record

logger = logging.getLogger(__name__)

FAILING_LISTED = 100  # ids named in the summary event; the counts are always complete
_ADVISORY_LOCK_KEY = 0x65766964  # "evid"


@dataclass
class EvidenceSummary:
    counts: Counter = field(default_factory=Counter)
    failing: list[int] = field(default_factory=list)

    @property
    def checked(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {
            "checked": self.checked,
            "ok": self.counts[EvidenceCheck.Status.OK],
            "mismatch": self.counts[EvidenceCheck.Status.MISMATCH],
            "missing": self.counts[EvidenceCheck.Status.MISSING],
            "failing": self.failing[:FAILING_LISTED],
        }


def rehash(name: str) -> tuple[str, str]:
    """(status, digest found) for one stored file, streamed in chunks."""
    storage = Record._meta.get_field("file").storage
    try:
        with storage.open(name, "rb") as handle:
            digest, _size = sha256_of(read_chunks(handle))
    except FileNotFoundError:
        return EvidenceCheck.Status.MISSING, ""
    except OSError:
        logger.exception("Evidence file %s could not be read", name)
        return EvidenceCheck.Status.MISSING, ""
    return EvidenceCheck.Status.OK, digest


def evidence_verify(*, batch_size: int | None = None, record: bool = True) -> EvidenceSummary:
    """Re-hash every stored evidence file; with ``record=False`` nothing is written."""
    batch_size = batch_size or settings.EVIDENCE_VERIFY_BATCH
    summary = EvidenceSummary()
    files = Record.objects.exclude(file="").order_by("pk")
    last_pk = 0
    while batch := list(
        files.filter(pk__gt=last_pk).values("pk", "file", "sha256", "case_id", "case__agency_id")[
            :batch_size
        ]
    ):
        last_pk = batch[-1]["pk"]
        now = timezone.now()
        results = []
        for row in batch:
            status, found = rehash(row["file"])
            if status == EvidenceCheck.Status.OK and found != row["sha256"]:
                status = EvidenceCheck.Status.MISMATCH
            summary.counts[status] += 1
            if status != EvidenceCheck.Status.OK:
                summary.failing.append(row["pk"])
                logger.error("Evidence record %s: %s", row["pk"], status)
            results.append((row, status, found))
        if record:
            _record_batch(results, now)
    if record:
        audit_append(
            action="evidence.verify",
            object_type="workflows.evidence",
            object_id=timezone.localdate().isoformat(),
            changes=summary.as_dict(),
        )
    return summary


@transaction.atomic
def _record_batch(results: Sequence[tuple[Mapping[str, Any], str, str]], now) -> None:
    # Two runs at once take turns per batch, so the second sees the first's results and does
    # not repeat a file's "failed" event.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    previous = {
        row["record_id"]: row
        for row in EvidenceCheck.objects.select_for_update()
        .filter(record_id__in=[r[0]["pk"] for r in results])
        .values("record_id", "result", "failed_since")
    }
    checks = []
    for row, status, found in results:
        before = previous.get(row["pk"])
        was_failing = before is not None and before["result"] in EvidenceCheck.FAILED
        failing = status in EvidenceCheck.FAILED
        failed_since = None
        if failing:
            failed_since = before["failed_since"] if before is not None and was_failing else now
        checks.append(
            EvidenceCheck(
                record_id=row["pk"],
                result=status,
                found_sha256=found,
                verified_at=now,
                failed_since=failed_since,
            )
        )
        if failing != was_failing or (
            failing and before is not None and before["result"] != status
        ):
            audit_append(
                action="record.integrity_failed" if failing else "record.integrity_restored",
                object_type="workflows.record",
                object_id=row["pk"],
                agency_id=row["case__agency_id"],
                changes={
                    "case": row["case_id"],
                    "status": status,
                    "sha256": row["sha256"],
                    "found": found,
                },
            )
    EvidenceCheck.objects.bulk_create(
        checks,
        update_conflicts=True,
        unique_fields=["record"],
        update_fields=["result", "found_sha256", "verified_at", "failed_since"],
    )
