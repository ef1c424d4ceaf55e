"""The 听证通知书 (Art. 64) and the 催告书 (行政强制法 Arts. 35, 54), rendered by the one PDF
module and read back with pdftotext: party, hearing date, time, place and host, the party's
rights and the service deadline; the decision, the amount owed in figures and in 大写 on the
notice's date, the 10 days and the right to state and defend. Each refused before its step,
through the service and a direct POST; linked from the case page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.formatting import cn_date, format_yuan, rmb_upper
from workflows import deadlines
from workflows.balance import balance, enforcement_window
from workflows.models import Document
from workflows.services.documents import document_request
from workflows.services.enforcement import urge_record
from workflows.services.procedure_hearing import hearing_schedule

from .execution_helpers import at_execution
from .procedure_factories import at_notice, outsider, scheduled_hearing, served_notice
from .test_documents import pdf_text

pytestmark = pytest.mark.django_db


def test_the_hearing_notice_names_party_date_place_host_rights_and_deadline(client):
    case = at_notice()
    host = outsider(case.agency)
    host.display_name = "王主持"
    host.save(update_fields=["display_name"])
    hearing = scheduled_hearing(case, host=host)
    hearing = hearing_schedule(
        hearing=hearing,
        user=case.created_by,
        hearing_on=hearing.hearing_on,
        hearing_time=dt.time(9, 30),
        host=host,
        place="本局三楼听证室",
    )
    document = document_request(case=case, kind="hearing_notice", user=case.created_by)
    assert document.status == Document.Status.READY, document.error
    text = pdf_text(document.file.path)
    assert "听证通知书" in text and case.party_name in text
    assert cn_date(hearing.hearing_on) + "9时30分" in text
    assert "本局三楼听证室" in text and "听证主持人：王主持" in text
    assert "申请回避" in text and "委托一至二人代理" in text
    latest = deadlines.hearing_notice_latest(hearing.hearing_on)
    assert "七日前送达" in text and f"不迟于{cn_date(latest)}送达" in text
    assert "第六十四条" in text
    client.force_login(case.created_by)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="hearing-notice-generate"' in page
    assert f"/cases/documents/{document.pk}/" in page  # the download link at the hearing
    assert client.get(f"/cases/documents/{document.pk}/").status_code == 200


def test_no_hearing_notice_before_the_hearing_is_scheduled(client):
    case = at_notice()
    served_notice(case)
    with pytest.raises(ValidationError) as exc:
        document_request(case=case, kind="hearing_notice", user=case.created_by)
    assert "第六十四条" in str(exc.value)
    client.force_login(case.created_by)
    response = client.post(f"/cases/{case.pk}/documents/hearing_notice/", follow=True)
    assert "第六十四条" in response.content.decode()
    assert not Document.objects.filter(case=case, kind="hearing_notice").exists()


def test_the_urge_notice_states_decision_amounts_deadline_and_rights(client):
    case, user = at_execution(days_ago=230, received_days_ago=229, fine="1000.00")
    opens, _closes = enforcement_window(case.decision)
    with pytest.raises(ValidationError) as exc:
        document_request(case=case, kind="urge", user=user)
    assert "第五十四条" in str(exc.value)
    urge = urge_record(case=case, user=user, number="齐市监催〔2026〕7号", issued_on=opens)
    owed = balance(case, on=opens)
    assert owed.surcharge_outstanding == owed.fine == owed.fine_outstanding  # capped at the fine
    document = document_request(case=case, kind="urge", user=user)
    assert document.status == Document.Status.READY, document.error
    text = pdf_text(document.file.path)
    decision = case.decision
    assert "催告书" in text and urge.number in text and case.party_name in text
    assert decision.number in text and cn_date(decision.received_on) in text
    for amount in (owed.fine_outstanding, owed.surcharge_outstanding, owed.total_outstanding):
        assert rmb_upper(amount) in text and format_yuan(amount).replace(" ", "") in text
    assert "人民币贰仟元整" in text  # 1,000 fine + 1,000 surcharge (capped)
    assert f"截至{cn_date(opens)}" in text
    assert "收到本催告书之日起十日内" in text and "陈述权和申辩权" in text
    assert "第三十五条" in text and "第五十四条" in text
    assert cn_date(opens) in text  # dated the day it was issued
    client.force_login(user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="urge-generate"' in page and 'data-testid="serve-urge"' in page
    assert f"/cases/documents/{document.pk}/" in page


def test_the_urge_notice_by_post_and_its_deadline_once_served(client):
    from .test_execution_enforcement import serve_urge

    case, user = at_execution(days_ago=230, received_days_ago=229)
    opens, _closes = enforcement_window(case.decision)
    client.force_login(user)
    response = client.post(f"/cases/{case.pk}/documents/urge/", follow=True)
    assert "第五十四条" in response.content.decode()
    assert not Document.objects.filter(case=case, kind="urge").exists()
    urge_record(case=case, user=user, number="催2", issued_on=opens)
    serve_urge(case, user, opens, opens + dt.timedelta(days=1))
    client.post(f"/cases/{case.pk}/documents/urge/")
    document = Document.objects.get(case=case, kind="urge")
    text = pdf_text(document.file.path)
    ends = deadlines.urge_period_ends(opens + dt.timedelta(days=1))
    assert f"即{cn_date(ends)}前" in text
