"""Public reports moved from oversight to the reports app without losing a row or a file.

The database is taken back to the state before the move (oversight 0006, no reports app),
seeded through the historical models the way the code of that time stored reports, then
migrated forward; every report, receipt and attachment must still be there, read by the
new app's models, and still verify.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports import receipts
from reports.models import Report, ReportAttachment
from reports.selectors import report_by_receipt
from reports.uploads import clean_image
from tests.factories import AgencyFactory
from tests.reports.factories import jpeg_with_gps

BEFORE = [("oversight", "0006_agency_day"), ("reports", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state of what is applied now, every app included.
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_reports_receipts_and_attachments_survive_the_move(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    agency = AgencyFactory()
    ContentType.objects.get_for_model(Report)  # as post_migrate left it on a live database

    old = _migrate(BEFORE)
    assert "reports" not in {m._meta.app_label for m in old.get_models()}
    OldReport = old.get_model("oversight", "Report")
    OldAttachment = old.get_model("oversight", "ReportAttachment")
    OldWarning = old.get_model("oversight", "EarlyWarning")
    OldRule = old.get_model("oversight", "WarningRule")
    OldContentType = old.get_model("contenttypes", "ContentType")
    assert OldContentType.objects.filter(app_label="oversight", model="report").exists()

    seeded = {}
    for n in range(3):
        code = receipts.receipt_generate()
        report = OldReport.objects.create(
            lookup=code.lookup,
            secret_hash=receipts.receipt_hash(code),
            agency_id=agency.pk,
            violation_type="arbitrary_penalty",
            subject=f"执法人员乱罚款 {n}",
            description="没有开具票据。",
            received_on=dt.date(2026, 11, 2),
            accept_due=dt.date(2026, 11, 17),
        )
        clean = clean_image(jpeg_with_gps())
        attachment = OldAttachment(
            report=report,
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
            source="reporter",
            added_on=dt.date(2026, 11, 2),
        )
        # The historical model has no upload_to callable bound to the new app: name it as
        # attachment_path did (reports/<report id>/<random name>).
        attachment.file.save(
            f"{report.pk}/{clean.content.name}", ContentFile(clean.content.read()), save=False
        )
        attachment.save()
        seeded[report.pk] = (code, attachment.pk, clean.sha256)
    rule, _ = OldRule.objects.get_or_create(
        code="report_overdue", defaults={"name": "举报超期", "level": "yellow"}
    )
    OldWarning.objects.create(
        rule=rule,
        subject_type="oversight.report",
        subject_id=next(iter(seeded)),
        subject_label="举报",
        level="yellow",
        opened_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )

    _migrate(_latest())

    assert set(Report.objects.values_list("pk", flat=True)) == set(seeded)
    for pk, (code, attachment_pk, digest) in seeded.items():
        assert report_by_receipt(code.display) == Report.objects.get(pk=pk)
        assert report_by_receipt(code.display.replace(code.secret[:4], "0000")) is None
        attachment = ReportAttachment.objects.get(pk=attachment_pk, report_id=pk)
        with attachment.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == digest == attachment.sha256
    content_type = ContentType.objects.get(app_label="reports", model="report")
    assert content_type.model_class() is Report
    assert not ContentType.objects.filter(app_label="oversight", model="report").exists()
    from oversight.models import EarlyWarning

    assert list(EarlyWarning.objects.values_list("subject_type", flat=True)) == ["reports.report"]
