"""Helpers for supervision records: a discipline unit, a supervisor in it, a record."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from enforcement_portal.roles import Role
from oversight.supervision import services as services
from tests.factories import AgencyFactory, UserFactory


def discipline_unit():
    return AgencyFactory(name="测试市纪委监委", code="unit-jw", is_enforcement_body=False)


def supervisor(unit=None):
    return UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR], agency=unit)


def leader(agency):
    return UserFactory(roles=[Role.AGENCY_LEADER], agency=agency)


def make_record(unit, agency, actor, *, checked_on=None, findings=(), **extra):
    data = {
        "unit": unit,
        "agency": agency,
        "checked_on": checked_on or timezone.localdate() - dt.timedelta(days=3),
        "method": "special",
        "matters": "专项检查行政处罚案卷",
        "case_numbers": "",
        "warning_ids": "",
        **extra,
    }
    record = services.record_create(actor=actor, data=data)
    for kind, deadline in findings:
        services.finding_add(
            record=record,
            actor=actor,
            data={
                "kind": kind,
                "description": f"问题：{kind}",
                "requirement": "限期整改",
                "deadline": deadline,
            },
        )
    return record


def pdf_upload(name="整改报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def png_upload(name="photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
