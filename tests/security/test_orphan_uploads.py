"""#17.7a: an upload stored before its transaction fails is not left behind.

Two layers (enforcement_portal/uploads.py): a service's ``uploads.atomic`` removes what it
stored when it fails; the daily sweep removes what a killed process or a later rollback left.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DataError, transaction

from enforcement_portal import uploads
from enforcement_portal.models import AuditEvent
from enforcement_portal.tasks import sweep_orphan_uploads
from reports.models import ReportAttachment
from tests.factories import AgencyFactory
from tests.reports.factories import jpeg_with_gps, submit_report
from tests.workflows.factories import add_record, case_officer, open_case, penalty_power
from workflows.models import Record

pytestmark = pytest.mark.django_db(transaction=True)

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 500
ROOT = Path(__file__).resolve().parents[2]


def stored_files() -> set[str]:
    return set(uploads._walk(default_storage))


def age(name: str, hours: float) -> None:
    path = default_storage.path(name)
    then = (dt.datetime.now() - dt.timedelta(hours=hours)).timestamp()
    os.utime(path, (then, then))


def test_a_failed_block_removes_what_it_stored_and_a_good_one_keeps_it():
    before = stored_files()
    with pytest.raises(RuntimeError), uploads.atomic():
        name = uploads.store(Record().file, "evidence", ContentFile(b"x", name="x"))
        assert default_storage.exists(name)
        raise RuntimeError("the service failed after storing the file")
    assert not default_storage.exists(name)
    with uploads.atomic():
        kept = uploads.store(Record().file, "evidence", ContentFile(b"y", name="y"))
    assert default_storage.exists(kept)
    assert stored_files() - before == {kept}


def test_an_inner_block_that_succeeded_goes_when_the_outer_one_fails():
    with pytest.raises(RuntimeError), uploads.atomic():
        with uploads.atomic():
            name = uploads.store(Record().file, "evidence", ContentFile(b"z", name="z"))
        raise RuntimeError
    assert not default_storage.exists(name)


def test_evidence_whose_row_cannot_be_written_leaves_no_file():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    before = stored_files()
    with pytest.raises(DataError):  # PostgreSQL refuses the over-long title after the file
        add_record(
            case,
            user,
            kind="photo",
            title="照" * 5000,
            content="",
            upload=SimpleUploadedFile("photo.jpg", JPEG),
        )
    assert not Record.objects.filter(case=case).exists()
    assert stored_files() == before


def test_a_report_whose_attachment_row_cannot_be_written_leaves_no_photo():
    from reports.uploads import CleanFile, clean_image

    good = clean_image(jpeg_with_gps())
    # The photo is stored, then its row is refused (a content type longer than the column).
    bad = CleanFile(
        content=good.content, content_type="image/" + "j" * 500, size=good.size, sha256=good.sha256
    )
    before = stored_files()
    with pytest.raises(DataError):
        submit_report(AgencyFactory(), files=[bad])
    assert not ReportAttachment.objects.exists()
    assert stored_files() == before


def test_the_sweep_deletes_old_orphans_and_keeps_referenced_and_young_files():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    record = add_record(
        case,
        user,
        kind="photo",
        title="现场照片",
        content="",
        upload=SimpleUploadedFile("p.jpg", JPEG),
    )
    orphan = default_storage.save("evidence/orphan.jpg", ContentFile(b"left behind"))
    young = default_storage.save("evidence/young.jpg", ContentFile(b"still uploading"))
    age(orphan, 30)
    age(record.file.name, 30)  # old, but named by its row

    dry = uploads.sweep(dry_run=True)
    assert orphan in dry.deleted and default_storage.exists(orphan)

    result = sweep_orphan_uploads()
    assert result["deleted"] >= 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(young)
    assert default_storage.exists(record.file.name)
    swept = AuditEvent.objects.filter(action="uploads.swept", object_type="core.storage")
    assert orphan in swept.latest("seq").changes["deleted"]


def test_the_command_lists_without_deleting_on_a_dry_run(capsys):
    orphan = default_storage.save("power-imports/forgotten.xlsx", ContentFile(b"PK"))
    age(orphan, 48)
    call_command("sweep_orphan_uploads", "--dry-run")
    assert f"would delete {orphan}" in capsys.readouterr().out
    assert default_storage.exists(orphan)
    call_command("sweep_orphan_uploads", "--older-than-hours", "1")
    assert not default_storage.exists(orphan)


def test_every_file_field_is_written_through_uploads_store():
    """The class, not the instance: no service saves a FileField around ``uploads.store``."""
    offenders = []
    pattern = re.compile(r"\.(file|attachment)\.save\(")
    for app in ("enforcement_portal", "powers", "discretion", "workflows", "disclosure",
                "reports", "oversight"):  # fmt: skip
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "uploads.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
    assert {f"{m._meta.label}.{f}" for m, f in uploads.file_fields()} >= {
        "workflows.Record.file",
        "reports.ReportAttachment.file",
        "powers.ImportJob.file",
    }


def test_transaction_rollback_outside_any_service_is_left_to_the_sweep():
    with pytest.raises(RuntimeError), transaction.atomic():
        name = uploads.store(Record().file, "evidence", ContentFile(b"w", name="w"))
        raise RuntimeError
    assert default_storage.exists(name)  # plain atomic does not know about files
    age(name, 25)
    assert name in uploads.sweep().deleted
