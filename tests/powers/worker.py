"""A real Celery worker on the Redis broker, with the portal's import dispatch switched to it."""

import pytest


@pytest.fixture
def import_worker(redis_url, transactional_db, settings):
    from celery.contrib.testing.worker import start_worker

    from enforcement_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False  # import_job_dispatch queues instead of running
    previous = app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        yield
    app.conf.update(
        task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2]
    )
