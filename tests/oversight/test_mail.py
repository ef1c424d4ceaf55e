"""Reminders by e-mail through a real SMTP server on loopback, sent by a real Celery worker
(and, last, scheduled by a real beat): who gets which mail, retries on a refusing server,
the delivery choice per kind, nothing sent twice, nothing about a reporter in any mail."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from enforcement_portal.models import AuditEvent
from enforcement_portal.workdays import add_workdays
from oversight.inbox.models import Delivery, DeliveryPreference, Message
from oversight.inbox.services import mail_dispatch
from oversight.inbox.tasks import send_digests
from oversight.reminders.services import reminders_send
from reports.models import Report
from tests.factories import AgencyFactory
from tests.reports.factories import ReportFactory, handler

from .reminder_factories import at, case_due
from .smtp import smtp  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db(transaction=True)]

DUE = dt.date(2026, 10, 9)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_app(redis_url, settings):
    from enforcement_portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.task_always_eager, app.conf.broker_url, app.conf.result_backend
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    yield app
    app.conf.update(
        task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2]
    )


@pytest.fixture
def worker(celery_app):
    from celery.contrib.testing.worker import start_worker

    celery_app.control.purge()  # nothing left over from an earlier, interrupted run
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        yield celery_app


@pytest.fixture
def inline():
    """Tasks run in the calling process (whatever an earlier worker test left in the conf)."""
    from enforcement_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def wait_for(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def officers_of(case):
    return [o.user for o in case.officers.select_related("user")]


@pytest.mark.redis
def test_each_officer_gets_one_mail_per_reminder_on_a_real_worker(smtp, worker):  # noqa: F811
    case = case_due(DUE)
    people = officers_of(case)
    worker.send_task("oversight.send_reminders", kwargs={"today": "2026-09-29"}).get(timeout=60)
    again = worker.send_task("oversight.send_reminders", kwargs={"today": "2026-09-29"})
    assert again.get(timeout=60)["sent"] == 0
    assert wait_for(lambda: len(smtp.received) >= 2)
    time.sleep(1)  # anything sent twice would arrive now
    assert len(smtp.received) == 2
    for user in people:
        (mail,) = smtp.to(user.email)
        assert case.number in mail["Subject"]
        body = smtp.body(mail)
        assert "2026-10-09" in body and "/oversight/inbox/" in body
    assert wait_for(lambda: Message.objects.filter(mail_status=Message.Mail.SENT).count() == 2)
    # The 1-day reminder after the holiday is a second, separate mail.
    worker.send_task("oversight.send_reminders", kwargs={"today": "2026-10-08"}).get(timeout=60)
    assert wait_for(lambda: len(smtp.received) == 4)


@pytest.mark.redis
def test_a_refusing_server_is_retried_and_the_mail_sent_once(smtp, worker, settings):  # noqa: F811
    smtp.refuse = 2  # "451" twice, then accepted
    case = case_due(DUE, team=None)
    first = officers_of(case)[0]
    DeliveryPreference.objects.create(
        user=officers_of(case)[1], kind="case_decision_due", mode="inbox"
    )
    worker.send_task("oversight.send_reminders", kwargs={"today": "2026-09-29"}).get(timeout=60)
    assert wait_for(lambda: len(smtp.received) == 1, seconds=90)
    assert smtp.refused == 2
    assert len(smtp.to(first.email)) == 1
    sent = Message.objects.filter(recipient=first, mail_status=Message.Mail.SENT)
    assert wait_for(sent.exists)  # the status commits just after the server took the mail
    assert sent.get().mailed_at


@pytest.mark.redis
def test_after_the_last_retry_the_message_is_marked_failed(smtp, worker, settings):  # noqa: F811
    settings.OVERSIGHT_MAIL_RETRIES = 1
    smtp.refuse = 10
    case = case_due(DUE)
    reminders_send(today=dt.date(2026, 9, 29), now=at(dt.date(2026, 9, 29)))
    mail_dispatch()
    assert wait_for(
        lambda: Message.objects.filter(mail_status=Message.Mail.FAILED).count() == 2, seconds=30
    ), list(Message.objects.values_list("pk", "mail_status"))
    assert smtp.received == [] and smtp.refused == 4  # each tried twice
    assert (
        Message.objects.filter(recipient__in=officers_of(case), read_at__isnull=True).count() == 2
    )


def test_the_delivery_choice_per_kind(smtp, inline):  # noqa: F811 (tasks run inline here)
    case = case_due(DUE)
    inbox_only, in_digest = officers_of(case)
    DeliveryPreference.objects.create(
        user=inbox_only, kind="case_decision_due", mode=Delivery.INBOX
    )
    DeliveryPreference.objects.create(
        user=in_digest, kind="case_decision_due", mode=Delivery.DIGEST
    )
    reminders_send(today=dt.date(2026, 9, 29), now=at(dt.date(2026, 9, 29)))
    mail_dispatch()
    assert smtp.received == []
    assert Message.objects.get(recipient=inbox_only).mail_status == Message.Mail.NONE
    assert Message.objects.get(recipient=in_digest).mail_status == Message.Mail.DIGEST
    send_digests.delay(today="2026-09-30").get()
    (digest,) = smtp.received
    assert in_digest.email in digest["To"] and case.number in smtp.body(digest)
    send_digests.delay(today="2026-09-30").get()  # a second run the same day: nothing
    assert len(smtp.received) == 1
    assert Message.objects.filter(category="digest").count() == 1


def test_no_address_no_mail_but_the_inbox_has_it(smtp, inline):  # noqa: F811
    case = case_due(DUE)
    for user in officers_of(case):
        user.email = ""
        user.save(update_fields=["email"])
    reminders_send(today=dt.date(2026, 9, 29), now=at(dt.date(2026, 9, 29)))
    mail_dispatch()
    assert smtp.received == [] and Message.objects.count() == 2


def test_nothing_about_the_reporter_in_any_mail(smtp, inline):  # noqa: F811
    who = handler(email="handler@example.org")
    report = ReportFactory(
        agency=AgencyFactory(),
        is_anonymous=False,
        reporter_name="王秘密",
        reporter_contact="13900001111",
        subject="举报人王秘密反映",
        description="我是王秘密，电话13900001111",
    )
    Report.objects.filter(pk=report.pk).update(accept_due=DUE)
    reminders_send(today=dt.date(2026, 9, 29), now=at(dt.date(2026, 9, 29)))
    mail_dispatch()
    (mail,) = smtp.to(who.email)
    raw = mail.as_string() + smtp.body(mail) + str(mail["Subject"])
    for secret in ("王秘密", "13900001111", report.lookup, report.subject):
        assert secret not in raw
    assert f"#{report.pk}" in str(mail["Subject"])


# ------------------------------------------------------------------ a real beat


def beat_process(redis_url: str, tmp_path) -> subprocess.Popen:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.test",
        "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "PYTHONPATH": str(ROOT),
        "REMINDER_RUN_SECONDS": "1",
        "PORTAL_TEST_EAGER": "0",
        "CONN_MAX_AGE": "0",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "enforcement_portal", "beat",
        "--loglevel=WARNING", f"--pidfile={tmp_path / 'beat.pid'}",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


@pytest.mark.redis
@pytest.mark.postgres
def test_beat_schedules_the_job_and_nothing_is_sent_twice(smtp, worker, redis_url, tmp_path):  # noqa: F811
    today = timezone.localdate()
    case = case_due(add_workdays(today, 1))
    beat = beat_process(redis_url, tmp_path)
    try:
        # Beat fires the job every second; let it run several times.
        assert wait_for(
            lambda: AuditEvent.objects.filter(action="reminders.run").count() >= 4, seconds=90
        )
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    assert wait_for(lambda: len(smtp.received) >= 2)
    time.sleep(1)
    assert sorted(str(m["To"]) for m in smtp.received) == sorted(u.email for u in officers_of(case))
    assert Message.objects.filter(category="reminder").count() == 2
