"""What transaction pooling changes (docs/operations.md#pgbouncer). In the ordinary suite these
run straight against PostgreSQL; `make test-pgbouncer` runs them (and the rest of the
`pgbouncer` subset) through a private PgBouncer in transaction mode, where
PORTAL_BEHIND_PGBOUNCER names the real server's port."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

from enforcement_portal.audit import audit_append, verify_chain
from powers import import_jobs as importing

pytestmark = [pytest.mark.usefixtures("require_postgres")]
BEHIND = os.environ.get("PORTAL_BEHIND_PGBOUNCER", "")


@pytest.mark.django_db
def test_the_run_goes_where_it_says():
    with connection.cursor() as cursor:
        cursor.execute("SELECT inet_server_port()")
        server_port = cursor.fetchone()[0]
    configured = int(settings.DATABASES["default"]["PORT"] or 5432)
    if BEHIND:
        # Connected to PgBouncer's port, answered by the server behind it.
        assert server_port == int(BEHIND) != configured
        assert settings.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert settings.DATABASE_TRANSACTION_POOLING is True
    else:
        assert server_port == configured


def _holds(job_id: int) -> bool:
    """Is the import lock of ``job_id`` held by anyone else? (asked on a fresh connection)"""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", [importing.IMPORT_LOCK_SPACE, job_id]
            )
            return not cursor.fetchone()[0]
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_an_import_job_lock_is_released_by_the_runner_that_took_it(settings):
    """A session advisory lock taken in autocommit would, behind PgBouncer, stay on the server
    connection that took it; under transaction pooling the runner holds a transaction lock."""
    settings.DATABASE_TRANSACTION_POOLING = bool(BEHIND) or settings.DATABASE_TRANSACTION_POOLING
    job_id = 987_654
    inside, release, seen = threading.Event(), threading.Event(), {}

    def runner():
        try:
            with importing._job_lock(job_id):
                inside.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=runner)
    thread.start()
    assert inside.wait(10)
    seen["while running"] = [_holds(job_id) for _ in range(5)]
    release.set()
    thread.join(10)
    seen["after"] = [_holds(job_id) for _ in range(5)]
    assert seen == {"while running": [True] * 5, "after": [False] * 5}


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_through_the_pool_keep_one_chain():
    """The chain's pg_advisory_xact_lock is transaction-scoped: it holds through PgBouncer."""
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(8):
                with transaction.atomic():
                    audit_append(action="test.pool", obj=None, changes={"n": n, "i": i})
                time.sleep(0.001)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(60)
    assert not errors
    items = list(verify_chain())
    assert items and items[-1] >= 32
    assert not [item for item in items if not isinstance(item, int)]
