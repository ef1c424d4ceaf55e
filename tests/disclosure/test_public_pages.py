"""事前 and 事中 disclosure: agencies, registered powers, officers, inspection list, certificates."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from disclosure.models import InspectionItem
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from powers.models import Officer, Power
from tests.factories import (
    AgencyFactory,
    OfficerFactory,
    PowerBasisFactory,
    PowerFactory,
    ProvisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    agency = AgencyFactory(name="测试市市场监督管理局", code="scjg-t")
    provision = ProvisionFactory(
        article="第一百二十二条第一款",
        text="违反本法规定，未取得食品生产经营许可从事食品生产经营活动……",
    )
    registered = PowerFactory(agency=agency, code="CF-001", name="对无证经营食品的处罚")
    PowerBasisFactory(power=registered, provision=provision, kind="penalty")
    draft = PowerFactory(
        agency=agency, code="CF-002", name="草稿中的权力", status=Power.Status.DRAFT
    )
    abolished = PowerFactory(
        agency=agency, code="CF-003", name="已取消的权力", status=Power.Status.ABOLISHED
    )
    valid = OfficerFactory(agency=agency, name="王建华", certificate_number="2302001000001")
    expired = OfficerFactory(
        agency=agency,
        name="李过期",
        certificate_number="2302001000002",
        certificate_valid_until=dt.date(2024, 1, 1),
    )
    suspended = OfficerFactory(
        agency=agency,
        name="赵暂停",
        certificate_number="2302001000003",
        certificate_status=Officer.CertificateStatus.SUSPENDED,
    )
    InspectionItem.objects.create(
        agency=agency,
        item="食品经营者检查",
        sub_item="许可情况",
        inspecting_body=agency.name,
        basis="食品安全法第三十五条",
        method="现场检查",
        content="检查许可",
        ratio="5%",
        frequency="每年1次",
    )
    InspectionItem.objects.create(
        agency=agency,
        item="已撤下的检查事项",
        inspecting_body=agency.name,
        basis="x",
        method="x",
        content="x",
        ratio="1%",
        frequency="x",
        is_active=False,
    )
    AgencyFactory(name="测试市纪委监委", code="jw-t", is_enforcement_body=False)
    return locals()


def test_agency_list_counts_registered_powers_of_enforcement_bodies_only(client, city):
    html = client.get(reverse("disclosure:agencies")).content.decode()
    assert "测试市市场监督管理局" in html and "测试市纪委监委" not in html
    row = html.split("测试市市场监督管理局")[1].split("</tr>")[0]
    assert ">1</td>" in row


def test_agency_page_shows_only_what_is_registered_valid_and_published(client, city):
    html = client.get(reverse("disclosure:agency", args=["scjg-t"])).content.decode()
    assert "对无证经营食品的处罚" in html and "第一百二十二条第一款" in html
    assert "草稿中的权力" not in html and "已取消的权力" not in html
    assert "王建华" in html and "2302001000001" in html
    assert "李过期" not in html and "赵暂停" not in html
    assert "食品经营者检查" in html and "已撤下的检查事项" not in html
    assert "最后更新" in html or "last updated" in html.lower()


def test_agency_page_pages_by_cursor_with_a_fixed_query_count(
    client, django_assert_max_num_queries
):
    agency = AgencyFactory(code="many")
    for n in range(45):
        power = PowerFactory(agency=agency, code=f"P{n:03d}")
        PowerBasisFactory(power=power)
    url = reverse("disclosure:agency", args=["many"])
    with django_assert_max_num_queries(10):
        first = client.get(url)
    page = first.context["page"]
    assert [p.code for p in page.items] == [f"P{n:03d}" for n in range(20)]
    with django_assert_max_num_queries(10):
        second = client.get(url, {"cursor": page.next_cursor})
    assert [p.code for p in second.context["page"].items] == [f"P{n:03d}" for n in range(20, 40)]
    bad = client.get(url, {"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and "链接无效" in bad.content.decode()


def test_power_page_shows_article_text_and_hides_unregistered_powers(client, city):
    html = client.get(reverse("disclosure:power", args=[city["registered"].pk])).content.decode()
    assert "未取得食品生产经营许可从事食品生产经营活动" in html
    assert client.get(reverse("disclosure:power", args=[city["draft"].pk])).status_code == 404
    assert client.get(reverse("disclosure:power", args=[city["abolished"].pk])).status_code == 404


@pytest.mark.parametrize(
    ("number", "testid", "text"),
    [
        ("2302001000001", "certificate-valid", "王建华"),
        ("２３０２００１０００００１", "certificate-valid", "王建华"),  # full-width digits
        ("2302001000002", "certificate-invalid", "2024年1月1日"),
        ("2302001000003", "certificate-invalid", "暂停"),
        ("9999999999999", "certificate-unknown", "没有"),
    ],
)
def test_certificate_check(client, city, number, testid, text):
    html = client.get(reverse("disclosure:certificate_check"), {"number": number}).content.decode()
    assert f'data-testid="{testid}"' in html
    assert text in html


def test_certificate_check_rejects_malformed_input_at_the_field(client, city):
    response = client.get(reverse("disclosure:certificate_check"), {"number": "<script>x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "执法证号只能包含字母和数字" in html
    assert "<script>x" not in html and 'data-testid="certificate-result"' not in html


def test_open_data_powers_json_and_csv(client, city):
    PowerFactory(agency=city["agency"], code="CF-XSS", name='=HYPERLINK("http://evil")')
    data = json.loads(
        client.get("/open-data/powers.json", {"agency": "scjg-t", "limit": 1}).content
    )
    assert [r["code"] for r in data["results"]] == ["CF-001"]
    assert "第一百二十二条第一款" in data["results"][0]["legal_basis"]
    data2 = json.loads(
        client.get(
            "/open-data/powers.json", {"agency": "scjg-t", "cursor": data["next_cursor"]}
        ).content
    )
    assert [r["code"] for r in data2["results"]] == ["CF-XSS"] and data2["next_cursor"] is None
    response = client.get("/open-data/powers.csv", {"agency": "scjg-t"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "权力编码"
    assert rows[2][2] == '\'=HYPERLINK("http://evil")'
    assert client.get("/open-data/powers.json", {"agency": "nope"}).status_code == 400
    assert client.get("/open-data/powers.json", {"cursor": "%%%"}).status_code == 400
    assert client.get("/open-data/powers.xml").status_code == 404


def test_filer_maintains_the_inspection_list_within_the_agency(client, city, make_user):
    filer = make_user(Role.AGENCY_FILER, agency=city["agency"])
    client.force_login(filer)
    data = {
        "item": "<b>餐饮服务检查</b>",
        "sub_item": "",
        "inspecting_body": "市场监管局",
        "basis": "食品安全法",
        "method": "现场检查",
        "content": "后厨卫生",
        "ratio": "3%",
        "frequency": "每年1次",
        "is_active": "on",
    }
    response = client.post(reverse("disclosure:inspection_item_create"), data)
    assert response.status_code == 302
    item = InspectionItem.objects.get(item="<b>餐饮服务检查</b>")
    assert item.agency == city["agency"]
    assert [e.action for e in audit_history(item)] == ["inspection_item.create"]
    public = client.get(reverse("disclosure:agency", args=["scjg-t"])).content.decode()
    assert "&lt;b&gt;餐饮服务检查&lt;/b&gt;" in public and "<b>餐饮服务检查</b>" not in public

    missing = client.post(
        reverse("disclosure:inspection_item_create"), {**data, "item": "", "ratio": ""}
    )
    assert missing.status_code == 400 and "这个字段是必填项" in missing.content.decode()
    assert InspectionItem.objects.filter(agency=city["agency"]).count() == 3

    other_filer = make_user(Role.AGENCY_FILER, agency=AgencyFactory())
    client.force_login(other_filer)
    url = reverse("disclosure:inspection_item_update", args=[item.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {**data, "item": "篡改"}).status_code == 403
    item.refresh_from_db()
    assert item.item == "<b>餐饮服务检查</b>"
    assert item.pk not in [
        i.pk for i in client.get(reverse("disclosure:inspection_items")).context["items"]
    ]
