"""The cache backend: Redis, falling back to this process's memory while Redis is unreachable.

Nothing the portal keeps in the cache is the only copy of anything (sign-in failure counts,
import progress, used report-form challenges), so a Redis outage must not turn pages into
errors. While Redis fails, each process answers from its own in-memory cache and logs the
fact; after a failure Redis is left alone for CACHE_FALLBACK_SECONDS, so a dead server costs
one bounded connect attempt per process per period, not one per call. What this means for
each use is written in docs/reliability.md ("Redis stopped").
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_WRAPPED = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "set_many",
    "delete_many",
    "clear",
)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        self.fallback_seconds = float(params["OPTIONS"].pop("fallback_seconds", 5))
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"portal-fallback:{server}", {"TIMEOUT": params.get("TIMEOUT", 300)}
        )
        self._redis_again_at = 0.0

    @property
    def using_fallback(self) -> bool:
        return time.monotonic() < self._redis_again_at

    def _call(self, name: str, *args, **kwargs):
        if not self.using_fallback:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as exc:
                self._redis_again_at = time.monotonic() + self.fallback_seconds
                logger.error(
                    "Cache (Redis) unavailable, using this process's memory for %ss: %s",
                    self.fallback_seconds,
                    exc,
                )
        return getattr(self._fallback, name)(*args, **kwargs)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call("incr", key, delta, version=version)
        except ValueError:
            if not self.using_fallback:
                raise  # Redis answered: the key really is missing
            # Redis died between an add() and this incr(): the count starts again in memory.
            self._fallback.set(key, delta, version=version)
            return delta


def _make(name: str):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in _WRAPPED:
    setattr(ResilientRedisCache, _name, _make(_name))
