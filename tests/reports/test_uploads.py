"""Pictures: type by content, size limit, metadata (EXIF, GPS, text chunks) removed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports.models import Report

from .factories import jpeg_with_gps, png_with_text, solved_post

pytestmark = pytest.mark.django_db


def _form(agency, pictures):
    return {
        "agency": agency.pk,
        "violation_type": "arbitrary_penalty",
        "subject": "罚款不开票",
        "description": "罚款后不给票据。",
        "is_anonymous": "1",
        "pictures": pictures,
    }


def test_exif_and_gps_are_removed_before_storing(client, agency):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original.read())).getexif().get_ifd(0x8825)
    original.seek(0)
    response = solved_post(client, _form(agency, [original, png_with_text()]))
    assert response.status_code == 200
    stored = list(Report.objects.get().attachments.order_by("id"))
    assert [a.content_type for a in stored] == ["image/jpeg", "image/png"]
    jpeg = stored[0].file.open("rb").read()
    image = Image.open(io.BytesIO(jpeg))
    assert not image.getexif()
    assert "exif" not in image.info
    assert b"DistinctiveCameraMaker" not in jpeg and b"Exif" not in jpeg
    assert image.size == (64, 48)
    png = stored[1].file.open("rb").read()
    assert b"DistinctiveAuthorName" not in png
    assert not Image.open(io.BytesIO(png)).text
    # The stored name is random, not the reporter's.
    assert "photo" not in stored[0].file.name


def test_a_file_pretending_to_be_a_photo_is_refused_at_the_field(client, agency):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = solved_post(client, _form(agency, [fake]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "photo.jpg" in html and "JPEG" in html
    assert Report.objects.count() == 0


def test_size_limit(client, agency, settings):
    settings.REPORTS_UPLOAD_MAX_BYTES = 1000
    big = Image.effect_noise((200, 200), 100).convert("RGB")
    out = io.BytesIO()
    big.save(out, "PNG")
    upload = SimpleUploadedFile("big.png", out.getvalue(), content_type="image/png")
    response = solved_post(client, _form(agency, [upload]))
    assert response.status_code == 400
    assert "big.png" in response.content.decode()
    assert Report.objects.count() == 0
