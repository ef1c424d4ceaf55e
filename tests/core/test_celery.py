"""A real Celery worker on the real Redis broker runs a core task."""

import pytest
from celery.contrib.testing.worker import start_worker

from enforcement_portal.audit import audit_append
from enforcement_portal.celery import app as celery_app
from enforcement_portal.tasks import verify_audit_chain


@pytest.fixture
def celery_worker(redis_url, transactional_db):
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield
    celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1])


def test_worker_runs_the_audit_verification_task(celery_worker):
    for i in range(3):
        audit_append(action="test.worker", changes={"i": i})
    result = verify_audit_chain.delay().get(timeout=60)
    assert result == {"ok": True, "checked": 3, "broken_seq": None, "reason": ""}
