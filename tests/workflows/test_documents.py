"""PDF documents: WeasyPrint with the CJK font embedded; the text is read back with pdftotext."""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from workflows.models import Document
from workflows.services.documents import document_request

from .factories import (
    DecisionFactory,
    case_officer,
    open_case,
    penalty_power,
)

pytestmark = pytest.mark.django_db


def pdf_text(path: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def pdf_fonts(path: str) -> str:
    return subprocess.run(["pdffonts", path], capture_output=True, check=True, text=True).stdout


@pytest.fixture
def decided_case():
    decision = DecisionFactory(
        case__party_name="齐齐哈尔市鹤城百货有限公司", fine_amount=Decimal("5000.00")
    )
    decision.case.refresh_from_db()
    return decision.case, decision.decided_by


def test_decision_pdf_holds_party_amount_basis_and_art_59_contents(decided_case):
    case, user = decided_case
    document = document_request(case=case, kind="decision", user=user)
    assert document.status == Document.Status.READY, document.error
    text = pdf_text(document.file.path)
    assert "行政处罚决定书" in text
    assert "齐齐哈尔市鹤城百货有限公司" in text
    assert "人民币伍仟元整" in text and "5,000.00元" in text
    assert "《中华人民共和国食品安全法》第一百二十四条第一款" in text
    assert case.decision.number in text
    assert "行政复议" in text and "行政诉讼" in text  # remedies and their time limits
    assert case.agency.name in text
    assert "yes" in pdf_fonts(document.file.path).split("\n")[2]  # font embedded
    assert case.events.filter(kind="document").exists()


@pytest.mark.parametrize(
    ("kind", "marker"),
    [("notice", "陈述、申辩"), ("service_receipt", "送达回证"), ("file_cover", "卷内目录")],
)
def test_other_documents(decided_case, kind, marker):
    case, user = decided_case
    document = document_request(case=case, kind=kind, user=user)
    text = pdf_text(document.file.path)
    assert marker in text and case.party_name in text


def test_regenerating_replaces_the_file(decided_case, django_capture_on_commit_callbacks):
    case, user = decided_case
    first = document_request(case=case, kind="decision", user=user)
    old_path = Path(first.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        second = document_request(case=case, kind="decision", user=user)
        assert old_path.exists()  # the old file stays until the new name is committed
    assert second.pk == first.pk
    assert Path(second.file.path).is_file()
    assert old_path == Path(second.file.path) or not old_path.exists()


def test_decision_document_needs_a_decision():
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    with pytest.raises(ValidationError, match=r"decision|决定"):
        document_request(case=case, kind="decision", user=user)


def test_document_download_is_permission_checked(decided_case, client):
    from enforcement_portal.roles import Role
    from tests.factories import UserFactory

    case, user = decided_case
    document = document_request(case=case, kind="decision", user=user)
    client.force_login(user)
    response = client.get(f"/cases/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER], agency=penalty_power().agency))
    assert client.get(f"/cases/documents/{document.pk}/").status_code == 403
