"""Test settings: the database and broker come from DATABASE_URL / REDIS_URL when set.

Under pytest-xdist every worker (PYTEST_XDIST_WORKER = gw0, gw1, ...) gets its own Redis
database number (REDIS_URL's number + the worker's index) for the cache, the Celery broker and
the result backend, and its own media and audit-head folders; pytest-django already gives it
its own test database (test_<name>_gw0, ...). So two workers never see each other's queued
tasks, cached pages or files.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL

DEBUG = False
# Fast hashing for test users only; production keeps Django's PBKDF2 default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inline unless a test starts a real worker against the Redis broker (or a real
# beat process, which sets PORTAL_TEST_EAGER=0 so it queues what it schedules).
CELERY_TASK_ALWAYS_EAGER = os.environ.get("PORTAL_TEST_EAGER", "1") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No collectstatic outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None

# ------------------------------------------------------------------ one pytest-xdist worker
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_WORKER_INDEX = int(TEST_WORKER[2:]) if TEST_WORKER[2:].isdigit() else 0


def worker_redis_url(url: str, index: int) -> str:
    """``redis://host:port/N`` -> ``redis://host:port/N+index`` (N is 0 when not given)."""
    parts = urlsplit(url)
    base = parts.path.strip("/")
    number = (int(base) if base.isdigit() else 0) + index
    return urlunsplit((parts.scheme, parts.netloc, f"/{number}", parts.query, parts.fragment))


# A process a test starts with these settings (a Celery worker, manage.py) inherits both
# variables and must not add the index a second time.
if TEST_WORKER and REDIS_URL and os.environ.get("PORTAL_TEST_REDIS_WORKER") != TEST_WORKER:
    REDIS_URL = worker_redis_url(REDIS_URL, TEST_WORKER_INDEX)
    CACHES["default"]["LOCATION"] = REDIS_URL
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["PORTAL_TEST_REDIS_WORKER"] = TEST_WORKER

# Files written outside a test's own tmp_path (module and session fixtures, code that runs
# before the per-test override in tests/conftest.py) go to a folder of this process's own,
# removed at exit, never to the checkout's var/ that `make run` uses.
if "MEDIA_ROOT" not in os.environ or "AUDIT_HEAD_EXPORT_DIR" not in os.environ:
    _RUN_DIR = Path(tempfile.mkdtemp(prefix=f"portal-test-{TEST_WORKER or 'main'}-"))
    atexit.register(shutil.rmtree, _RUN_DIR, ignore_errors=True)
    if "MEDIA_ROOT" not in os.environ:
        MEDIA_ROOT = _RUN_DIR / "media"
    if "AUDIT_HEAD_EXPORT_DIR" not in os.environ:
        AUDIT_HEAD_EXPORT_DIR = _RUN_DIR / "audit-heads"
