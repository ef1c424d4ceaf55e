"""Redis (cache and broker) stopped: pages still render, sign-in still works (throttled per
process), and work that needs a worker is refused visibly or marked failed, never lost."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers.import_jobs import import_job_create, import_job_dispatch
from powers.models import ImportJob
from tests.factories import UserFactory
from tests.powers.factories import food_law, row, sheet

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-2026"
REFUSED = "后台任务服务暂时不可用"


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf_token(client.get("/accounts/login/").text)
    return client.post(
        "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
    )


def upload(client: httpx.Client, data: bytes) -> httpx.Response:
    token = csrf_token(client.get("/powers/import/").text)
    return client.post(
        "/powers/import/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("powers.xlsx", data)},
    )


def test_pages_render_and_queued_work_is_refused_while_redis_is_stopped(
    portal_on_private_redis, live_server, agency
):
    redis_server = portal_on_private_redis
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    data = sheet([row(agency, n) for n in range(1, 4)])
    redis_server.stop()

    # Every request is bounded: a hang fails the test instead of stalling it.
    with httpx.Client(base_url=live_server.url, timeout=20) as client:
        for path in (
            "/",
            "/public/agencies/",
            "/public/decisions/?q=食品",
            "/open-data/powers.json",
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            assert "Traceback" not in response.text

        signed_in = sign_in(client, filer.username)
        assert signed_in.status_code == 302, signed_in.text[:500]
        desk = client.get("/")
        assert 'data-testid="desk"' in desk.text

        refused = upload(client, data)
        assert refused.status_code == 200
        assert REFUSED in refused.text
        assert not ImportJob.objects.exists()
        assert not AuditEvent.objects.filter(action="powers.import_upload").exists()

        # Redis back: the same upload is accepted and really queued for a worker.
        redis_server.start()
        accepted = upload(client, data)
        assert accepted.status_code == 302
        job = ImportJob.objects.get()
        assert accepted.headers["location"].endswith(f"/powers/import/{job.pk}/")
        assert redis_server.client().llen("imports") == 1  # its own queue (CELERY_TASK_ROUTES)
        page = client.get(f"/powers/import/{job.pk}/")
        assert page.status_code == 200 and 'data-testid="import-progress"' in page.text


def test_a_publish_that_fails_after_the_check_marks_the_job_failed(portal_on_private_redis, agency):
    redis_server = portal_on_private_redis
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    upload_file = SimpleUploadedFile("powers.xlsx", sheet([row(agency, 1)]))
    job = import_job_create(agency=agency, upload=upload_file, actor=filer)  # broker up
    redis_server.stop()  # ...and gone before the publish
    import_job_dispatch(job=job)  # autocommit here: the on-commit publish runs at once
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "后台任务服务" in job.errors[0]["message"]
    assert AuditEvent.objects.filter(action="powers.import_not_queued").count() == 1

    client = Client()
    client.force_login(filer)
    page = client.get(f"/powers/import/{job.pk}/")
    assert "后台任务服务" in page.content.decode()


def test_document_generation_is_refused_while_redis_is_stopped(portal_on_private_redis):
    from tests.workflows.factories import case_officer, open_case, penalty_power
    from workflows.models import Document
    from workflows.services.documents import document_request

    redis_server = portal_on_private_redis
    power = penalty_power()
    officer = case_officer(power.agency)
    case = open_case(power, user=officer)
    redis_server.stop()
    with pytest.raises(ValidationError) as refused:
        document_request(case=case, kind=Document.Kind.NOTICE, user=officer)
    assert REFUSED in " ".join(refused.value.messages)
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action="document.request").exists()

    redis_server.start()
    document = document_request(case=case, kind=Document.Kind.NOTICE, user=officer)
    assert document.status == Document.Status.PENDING
    assert redis_server.client().llen("pdf") == 1  # its own queue (CELERY_TASK_ROUTES)


def test_sign_in_throttling_falls_back_to_process_memory(portal_on_private_redis, settings):
    redis_server = portal_on_private_redis
    user = UserFactory(roles=[Role.CASE_OFFICER])
    redis_server.stop()
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post(
            "/accounts/login/", {"username": user.username, "password": "wrong-password"}
        )
        assert response.status_code == 200
    locked = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 200
    assert "登录失败次数过多" in locked.content.decode()


def test_the_cache_answers_from_memory_while_redis_is_down_then_returns_to_redis(
    portal_on_private_redis,
):
    from django.core.cache import cache

    redis_server = portal_on_private_redis
    cache.set("kept", 1)
    cache.add("failures", 0)
    assert redis_server.client().exists("portal:1:kept")
    redis_server.stop()

    assert cache.get("kept") is None  # a miss, not an error
    assert cache.incr("failures") == 1  # Redis died between add() and incr()
    assert cache.incr("failures") == 2
    cache.set("local", "x")
    assert cache.get("local") == "x"

    redis_server.start()
    time.sleep(1.2)  # the fixture's CACHE_FALLBACK_SECONDS is 1: Redis is tried again
    cache.set("back", 2)
    assert redis_server.client().exists("portal:1:back")
    assert cache.get("back") == 2


def test_work_is_queued_again_once_redis_has_restarted(portal_on_private_redis, agency):
    """The web process's pooled broker connections die with Redis; the next publish must
    reconnect instead of failing the job."""
    redis_server = portal_on_private_redis
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)

    def queue_one() -> ImportJob:
        upload_file = SimpleUploadedFile("powers.xlsx", sheet([row(agency, 1)]))
        job = import_job_create(agency=agency, upload=upload_file, actor=filer)
        import_job_dispatch(job=job)
        job.refresh_from_db()
        return job

    assert not queue_one().finished
    assert redis_server.client().llen("imports") == 1  # its own queue (CELERY_TASK_ROUTES)
    upload_file = SimpleUploadedFile("powers.xlsx", sheet([row(agency, 1)]))
    lost = import_job_create(agency=agency, upload=upload_file, actor=filer)
    redis_server.stop()
    import_job_dispatch(job=lost)  # fails during the outage: marked failed
    lost.refresh_from_db()
    assert lost.status == ImportJob.Status.FAILED
    redis_server.start()  # empty: this test's Redis keeps nothing on disk
    job = queue_one()
    assert not job.finished, job.errors
    assert redis_server.client().llen("imports") == 1


def test_a_failed_first_publish_does_not_spoil_the_next_ones(portal_on_private_redis, agency):
    """The process's very first publish fails (Redis went down after the check); once Redis
    is back the next job is queued normally, without restarting anything."""
    redis_server = portal_on_private_redis
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)

    def create() -> ImportJob:
        upload_file = SimpleUploadedFile("powers.xlsx", sheet([row(agency, 1)]))
        return import_job_create(agency=agency, upload=upload_file, actor=filer)

    lost = create()
    redis_server.stop()
    import_job_dispatch(job=lost)
    lost.refresh_from_db()
    assert lost.status == ImportJob.Status.FAILED
    redis_server.start()
    job = create()
    import_job_dispatch(job=job)
    job.refresh_from_db()
    assert not job.finished, job.errors
    assert redis_server.client().llen("imports") == 1
