"""PDF generation on a real Celery worker with the Redis broker."""

import time

import pytest
from django.db import transaction

from enforcement_portal.celery import app as celery_app
from workflows.models import Document
from workflows.services.documents import document_request

from .factories import DecisionFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_document_renders_on_a_worker(redis_url, settings):
    from celery.contrib.testing.worker import start_worker

    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    decision = DecisionFactory()
    case, user = decision.case, decision.decided_by
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        with transaction.atomic():
            document = document_request(case=case, kind="decision", user=user)
            assert document.status == Document.Status.PENDING  # not rendered in the request
        for _ in range(120):
            document.refresh_from_db()
            if document.status != Document.Status.PENDING:
                break
            time.sleep(0.25)
    assert document.status == Document.Status.READY, document.error
    assert document.sha256 and document.file.name.endswith(".pdf")
    celery_app.conf.update(task_always_eager=True)
