"""Appending to and reading the hash-chained audit trail (执法过程网上留痕)."""

from __future__ import annotations

import hashlib
import json
import json.scanner
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, connections, models, transaction
from django.utils import timezone

from .context import current_actor, current_request_id
from .models import _CANONICAL_JSON, AuditEvent

GENESIS_HASH = "0" * 64
# Any constant works; it only has to be the same for every appender.
_ADVISORY_LOCK_KEY = 0x6175646974  # "audit"


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


# When a model moves to another app its new events name the new label, but the events
# already in the chain keep the old one (they are hashed). Apps register the old labels
# here so an object's history reads both.
_FORMER_OBJECT_TYPES: dict[str, list[str]] = {}


def register_former_object_type(current: str, former: str) -> None:
    names = _FORMER_OBJECT_TYPES.setdefault(current, [])
    if former not in names:
        names.append(former)


def object_types_of(obj: models.Model) -> list[str]:
    """The object's type label now, followed by any label it was audited under before."""
    current = object_type_of(obj)
    return [current, *_FORMER_OBJECT_TYPES.get(current, [])]


def current_object_type(label: str) -> str:
    """The label a former object type is known by today (itself if it never moved)."""
    for current, former in _FORMER_OBJECT_TYPES.items():
        if label in former:
            return current
    return label


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
    return AuditEvent.objects.filter(object_type__in=object_types_of(obj), object_id=str(obj.pk))


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


def verify_workers(workers: int | None = None) -> int:
    """How many processes verify_chain uses: ``workers``, else AUDIT_VERIFY_WORKERS, else the cores.

    One on SQLite, inside a transaction (other processes would not see its rows) and in a
    daemonic process (it may not fork children).
    """
    if workers is None:
        workers = getattr(settings, "AUDIT_VERIFY_WORKERS", None) or min(os.cpu_count() or 1, 8)
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        or multiprocessing.current_process().daemon
    ):
        return 1
    return max(1, int(workers))


def verify_chain(
    chunk_size: int = 5000, workers: int | None = None, range_size: int = 250_000
) -> Iterator[int | ChainBreak]:
    """Walk the chain in constant memory; yields the count checked so far, then a break if any.

    A row altered, deleted or inserted out of order makes the next check fail: its
    sequence number, its link to the previous hash, or its own hash no longer agree.

    With more than one worker (PostgreSQL) the sequence numbers are cut into contiguous
    ranges of ``range_size`` verified in parallel processes, each against the stored hash
    of the row before its range; the results are taken in sequence order, so the break
    reported is the first one, with the same reason as a single walk would give.
    """
    workers = verify_workers(workers)
    top = AuditEvent.objects.aggregate(top=models.Max("seq"))["top"] if workers > 1 else None
    if workers <= 1 or top is None or top <= range_size:
        yield from _walk(chunk_size)
        return
    yield from _verify_parallel(chunk_size, workers, range_size, top)


@dataclass(frozen=True)
class _RangeResult:
    count: int  # rows checked in the range before any break
    last: tuple[int, str] | None  # (seq, hash) of the range's last row
    brk: ChainBreak | None


def _check_range(lo: int, hi: int | None, chunk_size: int) -> _RangeResult:
    """Verify rows lo <= seq <= hi (no lower bound for the first range, none above for the last)."""
    prev: str | None  # None when row lo - 1 is missing: the first link then breaks
    if lo == 1:
        prev = GENESIS_HASH
    else:
        prev = AuditEvent.objects.filter(seq=lo - 1).values_list("hash", flat=True).first()
    count, last, brk = 0, None, None
    for item in _walk(chunk_size, lo, hi, prev, progress=False, report_last=True):
        if isinstance(item, ChainBreak):
            brk = item
        elif isinstance(item, tuple):
            last = item
        else:
            count = item
    return _RangeResult(count, last, brk)


def _forget_inherited_connections() -> None:
    """In a forked child: drop every database connection inherited from the parent.

    The sockets belong to the parent (or to another of its threads); closing them here would
    end the parent's session, and using them would interleave two processes' traffic. The
    child opens connections of its own on first use.
    """
    for conn in connections.all(initialized_only=True):
        conn.connection = None
        conn.in_atomic_block = False
        conn.savepoint_ids = []
        conn.needs_rollback = False
        conn.closed_in_transaction = False


def _check_range_in_worker(lo: int, hi: int | None, chunk_size: int) -> _RangeResult:
    try:
        return _check_range(lo, hi, chunk_size)
    finally:
        connection.close()


def _verify_parallel(
    chunk_size: int, workers: int, range_size: int, top: int
) -> Iterator[int | ChainBreak]:
    bounds = list(range(1, top + 1, range_size))
    ranges = [
        (lo, lo + range_size - 1 if i < len(bounds) - 1 else None) for i, lo in enumerate(bounds)
    ]
    # Forked children must not share the parent's database socket.
    connections.close_all()
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(ranges)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_forget_inherited_connections,
    )
    try:
        futures = [pool.submit(_check_range_in_worker, lo, hi, chunk_size) for lo, hi in ranges]
        checked, last = 0, None
        for (lo, _hi), future in zip(ranges, futures, strict=True):
            if lo > 1 and (last is None or last[0] != lo - 1):
                # The ranges before ended early (rows deleted at the end of one): a single
                # walk stops at the next row there is, whichever range it falls in.
                expected = (last[0] if last else 0) + 1
                nxt = (
                    AuditEvent.objects.filter(seq__gt=expected - 1)
                    .order_by("seq")
                    .values_list("seq", "id")
                    .first()
                )
                if nxt is not None:
                    yield ChainBreak(nxt[0], nxt[1], f"expected sequence {expected}")
                    return
            result = future.result()
            checked += result.count
            if result.brk is not None:
                yield checked
                yield result.brk
                return
            last = result.last or last
            yield checked
        yield checked
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _walk(
    chunk_size: int,
    lo: int = 1,
    hi: int | None = None,
    prev_hash: str | None = GENESIS_HASH,
    *,
    progress: bool = True,
    report_last: bool = False,
) -> Iterator[Any]:
    """The per-row check over lo <= seq <= hi, expecting ``lo`` first and ``prev_hash`` before it."""
    raw = connection.vendor == "postgresql"
    batches = _raw_batches(chunk_size, lo, hi) if raw else _orm_batches(chunk_size, lo, hi)
    expected_seq = lo
    names = AuditEvent.HASHED_FIELDS
    created_at = names.index("created_at")
    iterencode, sha256 = _canonical_iterencode(), hashlib.sha256
    # json.loads without its whitespace checks: jsonb's text output has none around it.
    # typeshed types the context as the C scanner class; the C code reads a JSONDecoder's attributes.
    scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
    count, stored_hash, seq = 0, None, None
    rows = (row for batch in batches for row in batch)
    for count, values in enumerate(rows, start=1):
        seq, event_id, stored_prev, stored_hash = values[0], values[-3], values[-2], values[-1]
        if seq != expected_seq:
            if report_last:
                yield count - 1
            yield ChainBreak(seq, event_id, f"expected sequence {expected_seq}")
            return
        if stored_prev != prev_hash:
            if report_last:
                yield count - 1
            yield ChainBreak(seq, event_id, "link to the previous event is broken")
            return
        # As AuditEvent.compute_hash over AuditEvent.payload_of, without the JSON round trip
        # of ``changes`` (what the database gives back is already plain JSON).
        payload = dict(zip(names, values[:-3], strict=True))
        if raw:  # created_at comes formatted, changes as text
            if (text := payload["changes"]) is not None:
                payload["changes"] = scan(text, 0)[0]
        else:
            payload["created_at"] = values[created_at].isoformat(timespec="microseconds")
        canonical = "".join(iterencode(payload, 0))
        # stored_prev == prev_hash here, and unlike prev_hash it is never None.
        if sha256((stored_prev + canonical).encode()).hexdigest() != stored_hash:
            if report_last:
                yield count - 1
            yield ChainBreak(seq, event_id, "content does not match its hash")
            return
        prev_hash, expected_seq = stored_hash, expected_seq + 1
        if progress and count % chunk_size == 0:
            yield count
    if report_last and seq is not None:
        yield (seq, stored_hash)
    yield count if report_last else expected_seq - lo


def _bounds_sql(lo: int, hi: int | None) -> tuple[str, list[int]]:
    where, params = [], []
    if lo > 1:
        where.append("seq >= %s")
        params.append(lo)
    if hi is not None:
        where.append("seq <= %s")
        params.append(hi)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _raw_batches(chunk_size: int, lo: int, hi: int | None) -> Iterator[list[tuple]]:
    """Rows as plain tuples from a server-side cursor, a chunk at a time.

    PostgreSQL formats ``created_at`` exactly as ``isoformat(timespec="microseconds")`` of
    the UTC datetime Django would give, and ``changes`` arrives as text to decode once:
    no ORM row conversion and no datetime objects.
    """
    meta = AuditEvent._meta
    cols = []
    for name in AuditEvent.HASHED_FIELDS:
        field = meta.get_field(name)
        assert isinstance(field, models.Field) and field.column  # a concrete column
        column = connection.ops.quote_name(field.column)
        if name == "created_at":
            column = (
                f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
            )
        elif name == "changes":
            column = f"{column}::text"
        cols.append(column)
    where, params = _bounds_sql(lo, hi)
    sql = (
        f"SELECT {', '.join(cols)}, id, prev_hash, hash "  # noqa: S608 - names from _meta
        f"FROM {connection.ops.quote_name(meta.db_table)}{where} ORDER BY seq"
    )
    if not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(chunk_size):
                yield batch
        return
    # Behind PgBouncer in transaction mode a named cursor does not outlive its transaction:
    # page by sequence number instead (keyset, one short query a chunk, same rows in order).
    seq_at = AuditEvent.HASHED_FIELDS.index("seq")
    after = (lo - 1) if lo > 1 else None
    while True:
        page_where, page_params = _bounds_sql(after + 1 if after is not None else 1, hi)
        page_sql = (
            f"SELECT {', '.join(cols)}, id, prev_hash, hash "  # noqa: S608 - names from _meta
            f"FROM {connection.ops.quote_name(meta.db_table)}{page_where} ORDER BY seq LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(page_sql, [*page_params, chunk_size])
            batch = cursor.fetchall()
        if not batch:
            return
        yield batch
        after = batch[-1][seq_at]


def _orm_batches(chunk_size: int, lo: int, hi: int | None) -> Iterator[Iterator[tuple]]:
    qs = AuditEvent.objects.order_by("seq")
    if lo > 1:
        qs = qs.filter(seq__gte=lo)
    if hi is not None:
        qs = qs.filter(seq__lte=hi)
    yield qs.values_list(*AuditEvent.HASHED_FIELDS, "id", "prev_hash", "hash").iterator(
        chunk_size=chunk_size
    )


def _canonical_iterencode():
    """AuditEvent.compute_hash's encoder without rebuilding its C encoder for every row.

    ``JSONEncoder.encode`` makes a new C encoder on each call; this builds one with the
    same separators, key order and string escaping, so the text is byte-for-byte the same.
    """
    enc = _CANONICAL_JSON
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or enc.indent is not None or enc.ensure_ascii:
        return lambda obj, _level: [enc.encode(obj)]
    return make(
        None,  # no circular-reference markers: rows are plain JSON
        enc.default,
        json.encoder.encode_basestring,
        enc.indent,
        enc.key_separator,
        enc.item_separator,
        enc.sort_keys,
        enc.skipkeys,
        enc.allow_nan,
    )
