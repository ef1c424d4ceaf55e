"""With a broker, the upload is queued and a real Celery worker runs the same import."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enforcement_portal.roles import Role
from powers.models import ImportJob, Power
from tests.factories import UserFactory

from .factories import food_law, row, sheet
from .worker import import_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("import_worker")
def test_upload_is_processed_by_a_worker_with_progress(agency):
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    client = Client()
    client.force_login(filer)
    data = sheet([row(agency, n) for n in range(1, 1201)])
    client.post("/powers/import/", {"file": SimpleUploadedFile("big.xlsx", data)})
    job = ImportJob.objects.get()
    seen = []
    for _ in range(120):
        state = client.get(f"/powers/import/{job.pk}/status/").json()
        seen.append(state["percent"])
        if state["finished"]:
            break
        time.sleep(0.25)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert Power.objects.filter(agency=agency).count() == 1200
    assert seen[-1] == 100
