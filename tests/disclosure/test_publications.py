"""事后公示: deadlines, masking, periods, corrections, withdrawals, expiry."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.models import Publication
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.disclosure.factories import (
    PublicationFactory,
    publicity_officer,
    publish,
    sign_off,
    valid_uscc,
)
from tests.disclosure.test_redaction import VALID_ID
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

PERSON = {
    "kind": "penalty",
    "decision_number": "测市监罚〔2026〕88号",
    "party_type": "person",
    "party_name": "张三丰",
    "party_uscc": "",
    "legal_representative": "",
    "violation_type": "无证经营食品",
    "facts": f"当事人张三丰（身份证号{VALID_ID}，手机13800138000）在自家门店无证销售食品，张三丰对事实无异议。店铺位于幸福小区3号楼。",
    "basis": "《中华人民共和国食品安全法》第一百二十二条第一款",
    "penalty_category": "罚款",
    "penalty_content": "罚款人民币伍仟元整",
    "fine_amount": Decimal("5000"),
    "confiscation_amount": None,
    "license_info": "",
    "extra_redactions": "幸福小区3号楼",
    "decided_on": dt.date(2026, 9, 30),
}


def test_due_dates_count_working_days_across_national_day():
    agency = AgencyFactory()
    penalty = services.publication_create(agency=agency, data=PERSON)
    assert penalty.due_by == dt.date(2026, 10, 15)  # 7 working days; Oct 1-7 off, Oct 10 worked
    other = services.publication_create(
        agency=agency, data={**PERSON, "kind": "other", "decision_number": "测市监〔2026〕1号"}
    )
    assert other.due_by == dt.date(2026, 10, 27)  # 15 working days


def test_publishing_masks_the_person_and_hides_marked_passages(settings):
    publication = services.publication_create(agency=AgencyFactory(), data=PERSON)
    publish(publication, on=dt.date(2026, 10, 9))
    publication.refresh_from_db()
    record = publication.public_data
    assert record["party_name"] == "张某"
    assert "张三丰" not in json.dumps(record, ensure_ascii=False)
    assert VALID_ID not in record["facts"] and "13800138000" not in record["facts"]
    assert record["facts"].count("张某") == 2
    assert "幸福小区3号楼" not in record["facts"] and "***" in record["facts"]
    assert "张三丰" not in publication.search_text and "张某" in publication.search_text
    # the private columns stay for staff
    assert publication.party_name == "张三丰"
    assert publication.publish_until == dt.date(2027, 1, 9)  # a small fine: 3 months
    assert [e.action for e in audit_history(publication)] == [
        "publication.create",
        "publication.sign_off",
        "publication.publish",
    ]


def test_organisations_keep_their_name_credit_code_and_legal_representative():
    publication = PublicationFactory(
        legal_representative="李四", party_name="齐齐哈尔市鑫源食品有限公司"
    )
    publish(publication, on=dt.date(2026, 11, 5))
    record = Publication.objects.get(pk=publication.pk).public_data
    assert record["party_name"] == "齐齐哈尔市鑫源食品有限公司"
    assert record["party_uscc"] == publication.party_uscc
    assert record["legal_representative"] == "李四"


@pytest.mark.parametrize(
    ("category", "fine", "until"),
    [
        ("通报批评", None, dt.date(2027, 2, 5)),
        ("罚款", Decimal("10000"), dt.date(2027, 2, 5)),
        ("罚款", Decimal("10000.01"), dt.date(2029, 11, 5)),
        ("罚款；没收违法所得", Decimal("500"), dt.date(2029, 11, 5)),
        ("警告", None, dt.date(2029, 11, 5)),
        ("吊销许可证件", None, dt.date(2029, 11, 5)),
    ],
)
def test_publication_period(category, fine, until):
    publication = PublicationFactory(penalty_category=category, fine_amount=fine)
    publish(publication, on=dt.date(2026, 11, 5))
    assert Publication.objects.get(pk=publication.pk).publish_until == until


def test_publishing_twice_is_refused():
    publication = PublicationFactory()
    publish(publication)
    with pytest.raises(ValidationError):
        services.publication_publish(publication=publication)


def test_a_correction_is_shown_as_a_correction(client):
    publication = PublicationFactory()
    publish(publication)
    services.publication_correct(
        publication=publication,
        data={"penalty_content": "没收违法所得，并处罚款人民币肆万元整"},
        note="罚款金额录入错误",
        reviewer=publicity_officer(publication.agency),
    )
    html = client.get(reverse("disclosure:decision", args=[publication.pk])).content.decode()
    assert "没收违法所得，并处罚款人民币肆万元整" in html
    assert "罚款金额录入错误" in html and "<del>没收违法所得，并处罚款人民币伍万元整</del>" in html
    assert timezone.localdate().strftime("%Y年%-m月%-d日") in html
    with pytest.raises(ValidationError):
        services.publication_correct(
            publication=publication,
            data={},
            note="没有变化",
            reviewer=publicity_officer(publication.agency),
        )


def test_withdrawal_leaves_only_a_notice(client):
    publication = PublicationFactory(facts="当事人销售过期食品。")
    publish(publication)
    services.publication_withdraw(
        publication=publication,
        reason="该处罚决定已被复议机关撤销",
        revoked_on=dt.date(2026, 9, 30),
    )
    publication.refresh_from_db()
    assert publication.withdrawal_due == dt.date(2026, 10, 10)  # 3 working days across the holiday
    html = client.get(reverse("disclosure:decision", args=[publication.pk])).content.decode()
    assert 'data-testid="withdrawal-notice"' in html and "该处罚决定已被复议机关撤销" in html
    assert "销售过期食品" not in html and publication.party_name not in html
    listing = client.get(reverse("disclosure:decisions")).content.decode()
    assert "该处罚决定已被复议机关撤销" in listing and publication.party_name not in listing
    data = json.loads(client.get("/open-data/decisions.json").content)
    row = data["results"][0]
    assert row["status"] == "withdrawn" and row["facts"] == "" and row["party_name"] == ""
    with pytest.raises(ValidationError):
        services.publication_withdraw(publication=publication, reason="再次撤回")


def test_withdrawal_needs_a_reason_and_a_past_date():
    publication = PublicationFactory()
    publish(publication)
    with pytest.raises(ValidationError):
        services.publication_withdraw(publication=publication, reason="  ")
    with pytest.raises(ValidationError):
        services.publication_withdraw(
            publication=publication,
            reason="撤销",
            revoked_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert Publication.objects.get(pk=publication.pk).status == "published"


def test_drafts_and_expired_records_are_not_public(client):
    draft = PublicationFactory()
    expired = PublicationFactory(penalty_category="通报批评", fine_amount=None)
    publish(expired, on=timezone.localdate() - dt.timedelta(days=120))
    for publication in (draft, expired):
        assert client.get(reverse("disclosure:decision", args=[publication.pk])).status_code == 404
    assert client.get(reverse("disclosure:decisions")).context["page"].items == []


def test_staff_of_another_agency_cannot_see_or_act_on_a_record(client, make_user):
    publication = PublicationFactory()
    client.force_login(make_user(Role.CASE_OFFICER, agency=AgencyFactory()))
    assert client.get(reverse("disclosure:publication", args=[publication.pk])).status_code == 403
    url = reverse("disclosure:publication_action", args=[publication.pk, "publish"])
    assert client.post(url).status_code == 403
    assert Publication.objects.get(pk=publication.pk).status == "draft"


def test_staff_enter_preview_and_publish_with_errors_at_the_field(client, make_user):
    agency = AgencyFactory()
    client.force_login(make_user(Role.CASE_OFFICER, agency=agency))
    bad = {
        **PERSON,
        "party_type": "organisation",
        "party_uscc": "91230200MA0000000X",
        "fine_amount": "-5",
        "decided_on": "2026-13-45",
    }
    bad["confiscation_amount"] = ""
    response = client.post(reverse("disclosure:publication_create"), bad)
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "不是有效的统一社会信用代码" in html
        and "金额不能为负数" in html
        and "输入一个有效的日期" in html
    )
    assert not Publication.objects.exists()

    good = {**PERSON, "fine_amount": "5000", "confiscation_amount": "", "decided_on": "2026-11-02"}
    response = client.post(reverse("disclosure:publication_create"), good)
    publication = Publication.objects.get()
    assert response.status_code == 302
    preview = client.get(reverse("disclosure:publication", args=[publication.pk])).content.decode()
    assert "张某" in preview.split('data-testid="public-preview"')[1]
    assert "13800138000" not in preview.split('data-testid="public-preview"')[1]
    refused = client.post(
        reverse("disclosure:publication_action", args=[publication.pk, "publish"])
    )
    assert refused.status_code == 400 and "公示审核员尚未审核签批" in refused.content.decode()
    assert Publication.objects.get(pk=publication.pk).status == "draft"
    sign_off(publication)
    client.post(reverse("disclosure:publication_action", args=[publication.pk, "publish"]))
    publication.refresh_from_db()
    assert publication.status == "published" and publication.public_data["party_name"] == "张某"
    again = client.post(reverse("disclosure:publication_action", args=[publication.pk, "publish"]))
    assert again.status_code == 400 and "已经公示" in again.content.decode()

    missing_reason = client.post(
        reverse("disclosure:publication_action", args=[publication.pk, "withdraw"]),
        {"revoked_on": "2026-11-03", "withdrawal_reason": ""},
    )
    assert (
        missing_reason.status_code == 400 and "这个字段是必填项" in missing_reason.content.decode()
    )
    assert Publication.objects.get(pk=publication.pk).status == "published"


def test_decision_row_uses_ten_thousand_yuan_like_the_credit_layout(client):
    publication = PublicationFactory(fine_amount=Decimal("52000"), party_name="=cmd|' /C calc'!A0")
    publish(publication)
    csv_text = client.get("/open-data/decisions.csv").content.decode("utf-8-sig")
    assert ",5.2," in csv_text
    assert "'=cmd|" in csv_text
    assert valid_uscc(1)[:8] in csv_text or publication.party_uscc in csv_text


def test_atom_feed_lists_new_publications(client):
    publication = PublicationFactory()
    publish(publication)
    feed = client.get("/open-data/decisions.atom").content.decode()
    assert "<feed" in feed and publication.decision_number in feed


def test_the_desk_counts_unpublished_and_overdue_records(client, make_user):
    agency = AgencyFactory()
    PublicationFactory(agency=agency, due_by=timezone.localdate() - dt.timedelta(days=1))
    PublicationFactory(agency=agency, due_by=timezone.localdate() + dt.timedelta(days=3))
    PublicationFactory()  # another agency's
    client.force_login(make_user(Role.CASE_OFFICER, agency=agency))
    panel = client.get("/").content.decode().split('data-testid="publication-deadlines"')[1]
    assert '<div class="stat-figure">2</div>' in panel
    assert "1 条已逾期" in panel
