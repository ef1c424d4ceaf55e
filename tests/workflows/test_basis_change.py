"""The notice and the decision cite the same provisions (Arts. 44-45: the party was told the
basis and defended against it) unless the decision records why the basis changed; the
decision document then states the reason. Broken through the service, a direct POST and the
page; the comparison reads the provisions, not the punctuation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.workdays import add_workdays
from workflows.models import Decision
from workflows.provisions import cited_provisions, same_provisions
from workflows.services.documents import document_request

from .factories import DecisionFactory, to_node
from .procedure_factories import TODAY, at_notice, served_notice
from .test_documents import pdf_text

pytestmark = pytest.mark.django_db
OTHER = "《中华人民共和国食品安全法》第一百二十五条第一款第（二）项"


def test_the_provisions_are_read_from_the_citation():
    notice = "《中华人民共和国食品安全法》第一百二十四条第一款、第一百二十五条"
    assert same_provisions(notice, "依据《食品安全法》第一百二十五条和第一百二十四条 第一款")
    assert not same_provisions(notice, "《食品安全法》第一百二十四条第一款")
    assert cited_provisions("《行政处罚法》第三十二条第一项、第二项") == {
        "行政处罚法第三十二条第一项",
        "行政处罚法第三十二条第二项",
    }


def _at_decision():
    case = at_notice()
    served_notice(case, received_on=add_workdays(TODAY, -6), fine=Decimal("5000"))
    return to_node(case, case.created_by, "decision")


def _decide(case, **kwargs):
    case.refresh_from_db()
    return DecisionFactory(
        case=case, user=case.created_by, fine_amount=Decimal("5000"), approve=False, **kwargs
    )


def test_another_basis_without_a_reason_is_refused(client):
    case = _at_decision()
    with pytest.raises(ValidationError) as exc:
        _decide(case, legal_basis=OTHER)
    message = " ".join(exc.value.messages)
    assert "第四十四条" in message and "第四十五条" in message and OTHER in message
    client.force_login(case.created_by)
    case.refresh_from_db()
    data = {
        "version": case.version,
        "severity": "ordinary",
        "facts": "销售过期食品。",
        "evidence": "现场检查笔录。",
        "legal_basis": OTHER,
        "penalty_types": "罚款",
        "fine_amount": "5000",
    }
    html = client.post(f"/cases/{case.pk}/decision/", data).content.decode()
    assert "第四十四条" in html and not Decision.objects.filter(case=case).exists()
    # The form starts from the basis the party was told.
    page = client.get(f"/cases/{case.pk}/decision/").content.decode()
    assert "第一百二十四条第一款" in page and 'name="basis_change_reason"' in page
    data["basis_change_reason"] = "经审查，当事人的行为应适用食品安全法第一百二十五条。"
    response = client.post(f"/cases/{case.pk}/decision/", data)
    assert response.status_code == 302
    decision = Decision.objects.get(case=case)
    assert decision.basis_change_reason.startswith("经审查")


def test_the_same_provisions_however_written_need_no_reason_and_the_pdf_states_a_reason():
    case = _at_decision()
    decision = _decide(case, legal_basis="《食品安全法》 第一百二十四条 第一款")
    assert decision.basis_change_reason == ""
    other = _at_decision()
    decision = _decide(other, legal_basis=OTHER, basis_change_reason="适用条款变更，理由如下。")
    document = document_request(case=other, kind="decision", user=other.created_by)
    text = pdf_text(document.file.path)
    assert "与行政处罚事先告知书所列不一致" in text and "适用条款变更，理由如下" in text
    # The notice document states the basis the party was actually told.
    notice = document_request(case=other, kind="notice", user=other.created_by)
    notice_text = pdf_text(notice.file.path)
    told = other.penalty_notices.get()
    assert told.basis in notice_text and told.facts in notice_text
    assert "第一百二十五条" not in notice_text
