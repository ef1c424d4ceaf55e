"""Shared fixtures. Real PostgreSQL, Redis and Chromium: under CI=true a test that needs one
of them fails when it is missing; elsewhere it is skipped with the reason."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
from pathlib import Path

import pytest
from django.conf import settings

from .factories import AgencyFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API keeps a loop
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# ---------------------------------------------------------------------------- slow tests
# `make test-fast` runs `-m "not slow"`: everything but these. A folder or a module name
# marks its tests; a test that drives the browser is slow wherever it lives.
SLOW_FOLDERS = {"browser", "reliability"}  # headless Chromium; fault injection, load
SLOW_MODULE_PREFIXES = ("test_bench", "test_fuzz")  # the city benchmarks; hypothesis fuzzing
SLOW_MODULES = {
    "tests/oversight/test_scan_worker.py",  # a Celery worker SIGKILLed in the middle of a scan
}
TESTS = Path(__file__).resolve().parent


def is_slow(item: pytest.Item) -> bool:
    path = Path(str(item.path)).resolve()
    try:
        relative = path.relative_to(TESTS.parent).as_posix()
    except ValueError:
        return False
    parts = path.relative_to(TESTS).parts
    return (
        (len(parts) > 1 and parts[0] in SLOW_FOLDERS)
        or path.name.startswith(SLOW_MODULE_PREFIXES)
        or relative in SLOW_MODULES
        or item.get_closest_marker("browser") is not None
        or "browser" in getattr(item, "fixturenames", ())
    )


# `make test-pgbouncer` (scripts/test_pgbouncer.sh) re-runs these modules through PgBouncer
# in transaction mode: every app, the audit chain's and the import jobs' advisory locks, and
# the concurrency tests (each thread its own connection, so its own pooled transactions).
PGBOUNCER_MODULES = {
    "tests/core/test_pgbouncer.py",
    "tests/core/test_audit.py",
    "tests/core/test_audit_parallel.py",
    "tests/core/test_paging.py",
    "tests/powers/test_filing.py",
    "tests/powers/test_import.py",
    "tests/discretion/test_services.py",
    "tests/workflows/test_concurrency.py",
    "tests/workflows/test_lifecycle.py",
    "tests/disclosure/test_publications.py",
    "tests/disclosure/test_search.py",
    "tests/disclosure/test_decision_list_cache.py",
    "tests/reports/test_intake.py",
    "tests/reports/test_receipts.py",
    "tests/oversight/test_legal_review_concurrency.py",
    "tests/oversight/test_warnings.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
        with contextlib.suppress(ValueError):
            relative = Path(str(item.path)).resolve().relative_to(TESTS.parent).as_posix()
            if relative in PGBOUNCER_MODULES:
                item.add_marker(pytest.mark.pgbouncer)


# ---------------------------------------------------------------------------- services


def free_port() -> int:
    """A TCP port nobody listens on now, picked by the kernel, so parallel workers (and other
    checkouts on the machine) never start two servers on one port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require(available: bool, what: str) -> None:
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true but is not available", pytrace=False)
    pytest.skip(f"{what} is not available")


@pytest.fixture
def require_postgres(db):
    from django.db import connection

    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


AUDIT_TRUNCATE_TRIGGER = "core_auditevent_no_truncate"  # migration core.0004


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrated, with the audit table's TRUNCATE guard switched off.

    Transactional and live-server tests empty every table with one TRUNCATE after each test,
    which that guard refuses. Only this trigger is switched off, only in the test database;
    the row trigger refusing UPDATE and DELETE stays on, and
    ``test_postgresql_trigger_refuses_truncate`` switches this one on again in its own
    transaction.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ALTER TABLE core_auditevent DISABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER}"
                )


@pytest.fixture(scope="session")
def redis_url() -> str:
    """This worker's Redis database (settings/test.py adds the xdist worker's index)."""
    url = settings.REDIS_URL
    ok, why = False, ""
    if url:
        import redis

        try:
            # Fails with "DB index is out of range" when the base number + the worker's index
            # is past the server's `databases` (16 by default).
            ok = bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
        except redis.RedisError as exc:
            ok, why = False, f" ({url}: {exc})"
    require(ok, f"Redis (set REDIS_URL){why}")
    return url


@pytest.fixture(autouse=True)
def _fresh_signin_throttle():
    # Sign-in failures are counted per address in the cache, and every test client signs in
    # from 127.0.0.1: one test's failures must not ask the next one for a proof of work.
    from enforcement_portal import signin

    signin.signin_forget_address("127.0.0.1")


@pytest.fixture(autouse=True)
def _gate_registry():
    # A test that registers or removes gates leaves the registry as the apps made it: one that
    # restored "the built-ins" put workflows' fail-closed legal-review placeholder back in place
    # of oversight's real gate, and a later test in the same process could never pass review.
    from workflows import gates

    checks, labels = dict(gates._gates), dict(gates._labels)
    yield
    gates._gates.clear()
    gates._gates.update(checks)
    gates._labels.clear()
    gates._labels.update(labels)


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_HEAD_EXPORT_DIR = tmp_path / "audit-heads"


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def other_agency(db):
    return AgencyFactory()


@pytest.fixture
def make_user(db):
    def _make(*roles, agency=None, **kwargs):
        return UserFactory(roles=roles, agency=agency, **kwargs)

    return _make


# ---------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    require(
        shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM), f"Chromium at {CHROMIUM}"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def login(page, live_server):
    """Sign in through the real login form; returns the page on the user's desk."""

    def _login(user, password="pw-Secret-2026"):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("#login-form [type=submit]")
        page.wait_for_selector("[data-testid=desk]")
        return page

    return _login
