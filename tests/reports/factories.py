"""Helpers to file reports the way the public does, and handlers to act on them."""

from __future__ import annotations

import io
import re

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from enforcement_portal.roles import Role
from reports import services
from reports.challenge import challenge_solve
from reports.models import Report
from tests.factories import AgencyFactory, UserFactory


class ReportFactory(factory.Factory):
    """A report filed through ``report_submit``, as the public form files it (receipt, deadlines,
    handling body, audit event); the code the reporter was shown is ``report.receipt_code``."""

    class Meta:
        model = Report

    agency = factory.SubFactory(AgencyFactory)
    officer = None
    violation_type = "arbitrary_penalty"
    subject = "执法人员乱罚款"
    description = "2026年10月在某路口被罚款500元，没有开具票据。"
    is_anonymous = True
    files = None

    @classmethod
    def _create(cls, model_class, *, files, **data):
        handling_body()
        report, code = services.report_submit(data=data, files=files)
        report.receipt_code = code
        return report


def submit_report(agency, **overrides):
    """Through the service, as the public form would; returns (report, code)."""
    report = ReportFactory(agency=agency, **overrides)
    return report, report.receipt_code


def handling_body():
    """The body whose handlers handle reports (the demo city's discipline commission)."""
    from powers.models import Agency

    return Agency.objects.filter(code="jwjw").first() or AgencyFactory(
        code="jwjw", is_enforcement_body=False
    )


def handler(body=None, **kwargs):
    return UserFactory(roles=[Role.REPORT_HANDLER], agency=body or handling_body(), **kwargs)


def challenge_from(html: str) -> tuple[str, int]:
    match = re.search(r"<input[^>]*name=\"challenge\"[^>]*>", html)
    assert match, "the form carries a challenge"
    tag = match.group(0)
    token = re.search(r'value="([^"]+)"', tag).group(1)
    bits = int(re.search(r'data-bits="(\d+)"', tag).group(1))
    return token, bits


def solved_post(client, data: dict, *, url="/public/reports/", **extra):
    """GET the form, solve its challenge like the browser script, POST the report."""
    page = client.get(url, **extra)
    token, bits = challenge_from(page.content.decode())
    payload = {"challenge": token, "proof": challenge_solve(token, bits), **data}
    return client.post(url, payload, **extra)


def jpeg_with_gps(name="photo.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "DistinctiveCameraMaker"  # Make
    exif[0x0131] = "SecretPhoneSoftware"  # Software
    gps = {1: "N", 2: (45.0, 21.0, 30.0), 3: "E", 4: (123.0, 57.0, 10.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png_with_text(name="shot.png") -> SimpleUploadedFile:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "DistinctiveAuthorName")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
