"""Private services for fault injection: a Redis server on a port of its own (a free one chosen
at run time, so parallel workers never share it) that a test may stop and start again, and the
portal pointed at it (cache and broker). The shared services are never touched."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import free_port, require

ROOT = Path(__file__).resolve().parents[2]


class PrivateRedis:
    def __init__(self, directory: Path, port: int | None = None):
        self.directory = directory
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.RedisError:
                if self.process.poll() is not None:  # the port was taken after all
                    break
                time.sleep(0.05)
        raise RuntimeError(f"private redis-server on {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_connect_timeout=1)


@pytest.fixture
def private_redis(tmp_path):
    require(shutil.which("redis-server") is not None, "redis-server (for a private Redis)")
    for attempt in range(3):  # another process may take the free port before redis binds it
        server = PrivateRedis(tmp_path)
        try:
            server.start()
            break
        except RuntimeError:
            server.stop()
            if attempt == 2:
                raise
    yield server
    server.stop()


@pytest.fixture
def portal_on_private_redis(private_redis, settings):
    """The portal's cache and Celery broker on the private Redis, tasks queued (not eager)."""
    from enforcement_portal.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "enforcement_portal.cache.ResilientRedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "portal",
            "OPTIONS": {
                "socket_connect_timeout": 1.0,
                "socket_timeout": 2.0,
                "fallback_seconds": 1.0,
            },
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend
    app.conf.update(
        task_always_eager=False, broker_url=private_redis.url, result_backend=private_redis.url
    )
    _reset_producer_pools(app)
    yield private_redis
    app.conf.update(
        task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2]
    )
    _reset_producer_pools(app)


def _reset_producer_pools(app) -> None:
    """Connections made for another broker (or an earlier server on the same port) must
    not be reused by the next test."""
    from kombu import pools

    pools.reset()
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # The result backend is built once per thread from the configuration it saw first; a
    # backend left on the private Redis (stopped after the test) breaks every later result.
    with contextlib.suppress(AttributeError):
        del app._local.backend
