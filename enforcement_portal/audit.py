"""Appending to and reading the hash-chained audit trail (执法过程网上留痕)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .context import current_actor, current_request_id
from .models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant works; it only has to be the same for every appender.
_ADVISORY_LOCK_KEY = 0x6175646974  # "audit"


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _lock_chain_head() -> None:
    """Serialise appends until the surrounding transaction ends, so the chain never forks.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the IMMEDIATE transaction
    mode set in settings already holds the database write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


@transaction.atomic
def audit_append(
    *,
    action: str,
    obj: models.Model | None = None,
    actor: Any = None,
    changes: dict | None = None,
    object_type: str = "",
    object_id: str | int = "",
    agency_id: int | None = None,
) -> AuditEvent:
    """Append one event. The actor and request id default to the current request's."""
    if actor is None:
        actor = current_actor.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or obj.pk
        if agency_id is None:
            agency_id = getattr(obj, "agency_id", None)
    if agency_id is None and actor is not None:
        agency_id = actor.agency_id

    _lock_chain_head()
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)

    event = AuditEvent(
        seq=seq,
        created_at=timezone.now(),
        actor_id=actor.pk if actor else None,
        actor_name=str(actor) if actor else "",
        role=",".join(sorted(actor.role_codes)) if actor else "",
        agency_id=agency_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        changes=changes or {},
        request_id=current_request_id.get(),
        prev_hash=prev_hash,
    )
    event.hash = AuditEvent.compute_hash(
        prev_hash, AuditEvent.payload_of({f: getattr(event, f) for f in AuditEvent.HASHED_FIELDS})
    )
    event.save(force_insert=True)
    return event


def audit_history(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event about one object, oldest first."""
    return AuditEvent.objects.filter(object_type=object_type_of(obj), object_id=str(obj.pk))


def model_changes(instance: models.Model, fields: list[str], before: dict | None = None) -> dict:
    """A JSON-ready {field: [old, new]} dict (or {field: new} without ``before``)."""
    after = {f: _jsonable(getattr(instance, f)) for f in fields}
    if before is None:
        return after
    return {f: [before.get(f), after[f]] for f in fields if before.get(f) != after[f]}


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    return {f: _jsonable(getattr(instance, f)) for f in fields}


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: int
    reason: str


def verify_chain(chunk_size: int = 5000) -> Iterator[int | ChainBreak]:
    """Walk the chain in constant memory; yields the count checked so far, then a break if any.

    A row altered, deleted or inserted out of order makes the next check fail: its
    sequence number, its link to the previous hash, or its own hash no longer agree.
    """
    expected_seq, prev_hash = 1, GENESIS_HASH
    names = AuditEvent.HASHED_FIELDS
    hashed = len(names)
    compute = AuditEvent.compute_hash
    rows = (
        AuditEvent.objects.order_by("seq")
        .values_list(*names, "id", "prev_hash", "hash")
        .iterator(chunk_size=chunk_size)
    )
    for count, values in enumerate(rows, start=1):
        payload = dict(zip(names, values[:hashed], strict=True))
        event_id, stored_prev, stored_hash = values[hashed:]
        if payload["seq"] != expected_seq:
            yield ChainBreak(payload["seq"], event_id, f"expected sequence {expected_seq}")
            return
        if stored_prev != prev_hash:
            yield ChainBreak(payload["seq"], event_id, "link to the previous event is broken")
            return
        # As AuditEvent.payload_of, without its JSON round trip of ``changes``: what the
        # database gives back is already plain JSON, so the round trip changes nothing.
        payload["created_at"] = payload["created_at"].isoformat(timespec="microseconds")
        if compute(prev_hash, payload) != stored_hash:
            yield ChainBreak(payload["seq"], event_id, "content does not match its hash")
            return
        prev_hash, expected_seq = stored_hash, expected_seq + 1
        if count % chunk_size == 0:
            yield count
    yield expected_seq - 1
