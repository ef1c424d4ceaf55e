"""Read replicas: the public site's reads go to a PostgreSQL streaming standby, all else to
the primary (docs/operations.md#read-replicas).

- ``DATABASE_REPLICA_URLS`` names the standbys; settings turn each into an alias
  ``replica1``, ``replica2``, ... One of the healthy ones is chosen per request.
- Only safe reads are routed: a GET or HEAD under ``DATABASE_REPLICA_PATHS`` (the decision
  list and search, open data, feeds, power and standard pages), by a visitor who is not
  signed in and has not just written (read-your-writes, below). Staff reads, every write,
  Celery tasks and management commands use the primary. Sessions and users are always read
  from the primary.
- Read-your-writes: any POST, and any request under ``DATABASE_PRIMARY_PATHS`` (filing a
  report, looking up a receipt code), sets a cookie that keeps that visitor's reads on the
  primary for ``DATABASE_READ_YOUR_WRITES_SECONDS``.
- Lag: before a replica is used its lag is measured (the primary's current WAL position
  against the standby's replayed position; when behind, the age of the standby's last
  replayed commit) and cached for ``DATABASE_REPLICA_CHECK_SECONDS``. A replica is used only
  while ``lag + check interval <= DATABASE_REPLICA_MAX_LAG_SECONDS``, so no page ever shows
  data older than the allowed lag (a withdrawn decision stays public at most that long).
  Beyond it, or when the replica does not answer, the request reads from the primary; the
  change is logged once per state change and counted in ``stats()``.
- A replica that fails in the middle of a request: the request is answered again from the
  primary (GET only, so running the view twice is harmless).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import random
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.utils.connection import ConnectionDoesNotExist

logger = logging.getLogger("enforcement_portal.dbrouting")

_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "portal_read_alias", default=None
)
# Never read from a standby: a session or user written a moment ago must be found.
PRIMARY_ONLY_APPS = {"sessions", "django_celery_beat", "admin"}
COOKIE = "portal_rw"
HEADER = "X-Database-Read"

_lock = threading.Lock()
_health: dict[str, tuple[float, bool, float | None]] = {}  # alias -> (checked, usable, lag)
_state: dict[str, str] = {}  # alias -> last logged state, so each change is logged once
_stats: Counter = Counter()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def stats() -> dict[str, int]:
    """Counters for this process: reads.replica, reads.primary, fallback.lag, fallback.down,
    retry.primary (a replica failed mid-request). Kept in memory; the log carries each
    fallback as it starts and ends."""
    return dict(_stats)


def reset() -> None:
    with _lock:
        _health.clear()
        _samples.clear()
        _state.clear()
        _stats.clear()


def current_read_alias() -> str | None:
    return _read_alias.get()


def lsn(text: str) -> int:
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


_samples: dict[str, list[tuple[float, int]]] = {}  # alias -> [(wall time, primary flush LSN)]
SAMPLES_KEPT = 256


def measure_lag(alias: str) -> float:
    """An upper bound, in seconds, on how much older the standby's data is than the primary's:
    0 when it has replayed everything the primary had flushed when we asked. Otherwise the
    smaller of (a) the time since the newest earlier sample of the primary's flush position
    that the standby has replayed past (everything committed before that sample is on the
    standby) and (b) the age of the last commit it replayed. Raises the database's error
    when one of them does not answer."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()::text, extract(epoch from now())")
        text, primary_now = cursor.fetchone()
        primary = lsn(text)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            " extract(epoch from pg_last_xact_replay_timestamp())"
        )
        in_recovery, replayed_text, replayed_at = cursor.fetchone()
    now = float(primary_now)
    history = _samples.setdefault(alias, [])
    history.append((now, primary))
    del history[:-SAMPLES_KEPT]
    if not in_recovery:  # promoted, or a primary named by mistake: it is current
        return 0.0
    replayed = lsn(replayed_text) if replayed_text else -1
    if replayed >= primary:
        return 0.0
    bounds = [now - when for when, position in history if position <= replayed]
    if replayed_at is not None:
        bounds.append(now - float(replayed_at))
    return max(0.0, min(bounds)) if bounds else float("inf")


def _note(alias: str, state: str, detail: str) -> None:
    if _state.get(alias) != state:
        _state[alias] = state
        level = logging.INFO if state == "ok" else logging.WARNING
        logger.log(level, "replica %s %s: %s", alias, state, detail)


def usable(alias: str) -> bool:
    interval = settings.DATABASE_REPLICA_CHECK_SECONDS
    now = time.monotonic()
    cached = _health.get(alias)
    if cached and now - cached[0] < interval:
        return cached[1]
    allowed = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
    try:
        lag = measure_lag(alias)
    except (OperationalError, InterfaceError) as exc:
        _close(alias)
        ok, lag = False, None
        _stats["fallback.down"] += 1
        _note(
            alias, "down", f"{type(exc).__name__}: {str(exc).strip()[:200]}; reading from primary"
        )
    else:
        ok = lag + interval <= allowed
        if ok:
            _note(alias, "ok", f"lag {lag:.2f}s")
        else:
            _stats["fallback.lag"] += 1
            _note(
                alias,
                "lagging",
                f"lag {lag:.2f}s + check {interval}s > allowed {allowed}s; reading from primary",
            )
    with _lock:
        _health[alias] = (now, ok, lag)
    return ok


def _close(alias: str) -> None:
    with contextlib.suppress(ConnectionDoesNotExist, OperationalError, InterfaceError):
        connections[alias].close()


def mark_down(alias: str, why: str) -> None:
    _close(alias)
    with _lock:
        _health[alias] = (time.monotonic(), False, None)
    _note(alias, "down", why)


def choose_replica() -> str | None:
    candidates = replica_aliases()
    random.shuffle(candidates)
    for alias in candidates:
        if usable(alias):
            return alias
    return None


def _under(path: str, prefixes) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


def routable(request) -> bool:
    """May this request's reads come from a replica at all?"""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if not _under(path, settings.DATABASE_REPLICA_PATHS):
        return False
    if _under(path, settings.DATABASE_PRIMARY_PATHS):
        return False
    if request.COOKIES.get(COOKIE):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def needs_own_writes(request) -> bool:
    return request.method not in ("GET", "HEAD", "OPTIONS") or _under(
        request.path_info, settings.DATABASE_PRIMARY_PATHS
    )


class ReplicaRoutingMiddleware:
    """Chooses the read database for the request (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = choose_replica() if replica_aliases() and routable(request) else None
        response = self._respond(request, alias)
        if alias and getattr(request, "_replica_failed", False):
            _stats["retry.primary"] += 1
            response = self._respond(request, None)
        if replica_aliases() and needs_own_writes(request):
            response.set_cookie(
                COOKIE,
                "1",
                max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def _respond(self, request, alias):
        token = _read_alias.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        _stats["reads.replica" if alias else "reads.primary"] += 1
        if settings.DATABASE_ROUTING_HEADER:
            response[HEADER] = alias or "primary"
        return response

    def process_exception(self, request, exception):
        alias = _read_alias.get()
        if alias and isinstance(exception, (OperationalError, InterfaceError)):
            mark_down(alias, f"failed mid-request: {str(exception).strip()[:200]}")
            request._replica_failed = True
        return None


class ReplicaRouter:
    """Reads follow the alias the middleware chose; writes and migrations the primary."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if model._meta.label == settings.AUTH_USER_MODEL:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas are copies of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
