"""Written records and evidence files: hashed on arrival, size-limited, judged by content,
stored privately and served only through the checked, audited, hash-verifying view."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.factories import UserFactory

from .factories import add_record, case_officer, open_case, penalty_power

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 500
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 300


@pytest.fixture
def setup():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    return case, user


def test_photo_is_hashed_and_stored_outside_the_web_root(setup, settings):
    case, user = setup
    record = add_record(
        case,
        user,
        kind="photo",
        title="现场照片",
        content="",
        upload=SimpleUploadedFile("photo.png", JPEG),  # the name lies; the content decides
    )
    assert record.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert record.content_type == "image/jpeg"
    assert record.size == len(JPEG)
    stored = Path(record.file.path)
    assert stored.is_file() and Path(settings.MEDIA_ROOT) in stored.parents
    assert stored.suffix == ""  # no user-chosen name or extension on disk
    assert record.node.code == "filing"


def test_content_not_extension_decides(setup):
    case, user = setup
    with pytest.raises(ValidationError) as exc:
        add_record(
            case,
            user,
            kind="video",
            title="录像",
            content="",
            upload=SimpleUploadedFile("clip.mp4", b"MZ\x90\x00 this is a program"),
        )
    assert "upload" in exc.value.message_dict
    with pytest.raises(ValidationError):
        add_record(
            case,
            user,
            kind="photo",
            title="照片",
            content="",
            upload=SimpleUploadedFile("p.jpg", MP4),
        )
    assert not case.records.exists()


def test_size_limit_is_a_setting(setup, settings):
    case, user = setup
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        add_record(
            case,
            user,
            kind="photo",
            title="大照片",
            content="",
            upload=SimpleUploadedFile("p.jpg", JPEG),
        )
    assert "MB" in exc.value.message_dict["upload"][0]


def test_refusal_to_sign_needs_the_officers_note(setup):
    case, user = setup
    with pytest.raises(ValidationError) as exc:
        add_record(case, user, kind="inquiry", title="询问笔录", signature="refused")
    assert "refusal_note" in exc.value.message_dict
    record = add_record(
        case,
        user,
        kind="inquiry",
        title="询问笔录",
        signature="refused",
        refusal_note="当事人拒绝签字，执法人员二人在场见证。",
    )
    assert record.get_signature_display()


def test_file_view_checks_permission_audits_and_verifies(setup, client):
    case, user = setup
    record = add_record(
        case,
        user,
        kind="photo",
        title="现场照片",
        content="",
        upload=SimpleUploadedFile("p.jpg", JPEG),
    )
    url = f"/cases/records/{record.pk}/file/"
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert audit_history(record).filter(action="record.file_access").count() == 1

    stranger = UserFactory(roles=[Role.CASE_OFFICER], agency=penalty_power().agency)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client.force_login(supervisor)
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)

    Path(record.file.path).write_bytes(JPEG + b"tampered")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 409
    assert audit_history(record).filter(action="record.file_tampered").count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(setup, client):
    case, user = setup
    record = add_record(
        case, user, kind="photo", title="照片", content="", upload=SimpleUploadedFile("p", JPEG)
    )
    response = client.get(f"/cases/records/{record.pk}/file/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
