"""Periodic re-verification of evidence files: results per file, audit events, the oversight
warning that makes a mismatch visible, and the task on a real Celery worker."""

import hashlib
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from enforcement_portal.audit import audit_history
from enforcement_portal.celery import app as celery_app
from enforcement_portal.models import AuditEvent
from oversight.models import EarlyWarning, Level
from oversight.warnings.engine import scan
from workflows.integrity import evidence_verify
from workflows.models import EvidenceCheck
from workflows.tasks import verify_evidence

from .factories import add_record, case_officer, open_case, penalty_power

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 500
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 700


def _evidence(n=3):
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    add_record(case, user, title="现场检查笔录")  # written, no file: not re-hashed
    records = [
        add_record(
            case,
            user,
            kind="photo",
            title=f"现场照片{i}",
            content="",
            upload=SimpleUploadedFile("p.jpg", (JPEG if i % 2 else PNG) + bytes([i])),
        )
        for i in range(n)
    ]
    return case, records


def _status():
    return dict(EvidenceCheck.objects.values_list("record_id", "result"))


@pytest.mark.django_db
def test_intact_files_are_recorded_batch_by_batch(capsys):
    _case, records = _evidence(3)
    call_command("verify_evidence", "--batch-size", "2")
    assert "3 evidence files checked: 3 intact" in capsys.readouterr().out
    assert _status() == {r.pk: "ok" for r in records}
    check = EvidenceCheck.objects.get(record=records[0])
    assert check.found_sha256 == records[0].sha256 and check.failed_since is None
    summary = AuditEvent.objects.filter(action="evidence.verify").get()
    assert summary.changes == {"checked": 3, "ok": 3, "mismatch": 0, "missing": 0, "failing": []}
    assert not AuditEvent.objects.filter(action__startswith="record.integrity").exists()


@pytest.mark.django_db
def test_altered_and_missing_files_are_named_audited_and_warned():
    case, records = _evidence(3)
    altered, missing, intact = records
    Path(altered.file.path).write_bytes(JPEG + b"tampered")
    Path(missing.file.path).unlink()

    with pytest.raises(
        CommandError, match=rf"1 do not match.*1 missing.*{altered.pk}, {missing.pk}"
    ):
        call_command("verify_evidence", "--batch-size", "1")
    assert _status() == {altered.pk: "mismatch", missing.pk: "missing", intact.pk: "ok"}
    bad = EvidenceCheck.objects.get(record=altered)
    assert bad.found_sha256 == hashlib.sha256(JPEG + b"tampered").hexdigest()
    first_failed = bad.failed_since
    assert first_failed is not None
    event = audit_history(altered).get(action="record.integrity_failed")
    assert event.agency_id == case.agency_id
    assert event.changes["sha256"] == altered.sha256 and event.changes["status"] == "mismatch"
    assert audit_history(missing).filter(action="record.integrity_failed").count() == 1

    # The oversight warning: red at once, seen by the case's agency, naming the case.
    scan(codes=["evidence_integrity"])
    warnings = EarlyWarning.objects.filter(
        rule__code="evidence_integrity", status__in=EarlyWarning.OPEN
    )
    assert {w.subject_id for w in warnings} == {str(altered.pk), str(missing.pk)}
    warning = warnings.get(subject_id=str(missing.pk))
    assert warning.level == Level.RED and warning.agency_id == case.agency_id
    assert case.number in warning.subject_label and "现场照片1" in warning.subject_label
    assert warning.detail.startswith("证据文件缺失")
    assert "不符" in warnings.get(subject_id=str(altered.pk)).detail

    # A rerun neither repeats the per-file events nor moves "failing since".
    evidence_verify()
    assert audit_history(altered).filter(action="record.integrity_failed").count() == 1
    assert EvidenceCheck.objects.get(record=altered).failed_since == first_failed

    # The original file put back: the check clears, and so does the warning.
    Path(altered.file.path).write_bytes(PNG + bytes([0]))
    summary = evidence_verify().as_dict()
    assert summary["failing"] == [missing.pk] and summary["ok"] == 2
    assert audit_history(altered).filter(action="record.integrity_restored").count() == 1
    assert EvidenceCheck.objects.get(record=altered).failed_since is None
    scan(codes=["evidence_integrity"])
    assert {w.subject_id for w in warnings.all()} == {str(missing.pk)}


@pytest.mark.django_db
def test_check_only_writes_nothing():
    _case, records = _evidence(2)
    Path(records[0].file.path).unlink()
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="1 missing"):
        call_command("verify_evidence", "--check-only")
    assert not EvidenceCheck.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.fixture
def celery_worker(redis_url, transactional_db):
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield
    celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1])


def test_the_periodic_task_runs_on_a_real_worker(celery_worker, settings):
    assert settings.CELERY_BEAT_SCHEDULE["verify-evidence"]["task"] == verify_evidence.name
    _case, records = _evidence(2)
    Path(records[1].file.path).write_bytes(PNG + b"changed")
    result = verify_evidence.delay().get(timeout=120)
    assert result == {
        "checked": 2,
        "ok": 1,
        "mismatch": 1,
        "missing": 0,
        "failing": [records[1].pk],
    }
    assert _status() == {records[0].pk: "ok", records[1].pk: "mismatch"}
