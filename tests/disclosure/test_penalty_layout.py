"""The national 双公示 layout for penalties: open data (public, masked) and the credit
platform's upload (staff only), one row per decision, the platform's columns in its order.
The schema test runs on the demo city."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from stdnum.cn import ric, uscc

from disclosure.models import Publication
from disclosure.opendata import PENALTY_COLUMNS, penalty_row
from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from enforcement_portal.tables import read_table
from tests.disclosure.factories import publish
from tests.disclosure.test_from_cases import decided
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

# DOMAIN.md, "The national 双公示 layout for penalties", in order
HEADER = [
    "行政相对人名称",
    "行政相对人类别",
    "行政相对人代码_1(统一社会信用代码)",
    "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)",
    "行政相对人代码_4(税务登记号)",
    "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)",
    "法定代表人",
    "法定代表人证件类型",
    "法定代表人证件号码",
    "证件类型",
    "证件号码",
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额（万元）",
    "没收违法所得、没收非法财物的金额（万元）",
    "暂扣或吊销证照名称及编号",
    "处罚决定日期",
    "处罚有效期",
    "公示截止期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
]
DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")
WAN_YUAN = re.compile(r"^(0|[1-9]\d*)(\.\d{1,6})?$")
CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{1,2}某$")


def check_row(row: dict, *, public: bool) -> None:
    """Every column's format, as the platform validates it."""
    category = row["行政相对人类别"]
    assert category in ("法人及非法人组织", "自然人", "个体工商户"), row
    person = category == "自然人"
    if person:
        assert row["行政相对人代码_1(统一社会信用代码)"] == ""
        if public:
            assert CJK_NAME.match(row["行政相对人名称"]), row["行政相对人名称"]
            assert row["证件类型"] == "" and row["证件号码"] == ""
        elif row["证件号码"]:
            assert row["证件类型"] == "身份证" and ric.is_valid(row["证件号码"])
    else:
        assert uscc.is_valid(row["行政相对人代码_1(统一社会信用代码)"]), row
        assert row["证件类型"] == "" and row["证件号码"] == ""
    for code in range(2, 7):
        assert row[HEADER[2 + code - 1]] == ""  # not held: empty, never a placeholder
    assert row["法定代表人证件类型"] == "" and row["法定代表人证件号码"] == ""
    assert re.match(r"^.+〔\d{4}〕\d+号$", row["行政处罚决定书文号"])
    for column in ("违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容"):
        assert row[column].strip(), column
    assert "案" not in row["违法行为类型"][-1:]  # the violation, not a case's title
    assert WAN_YUAN.match(row["罚款金额（万元）"]) or row["罚款金额（万元）"] == ""
    assert (
        WAN_YUAN.match(row["没收违法所得、没收非法财物的金额（万元）"])
        or not row["没收违法所得、没收非法财物的金额（万元）"]
    )
    for column in ("处罚决定日期", "处罚有效期", "公示截止期"):
        assert DATE.match(row[column]), (column, row[column])
    assert row["处罚决定日期"] <= row["公示截止期"] <= row["处罚有效期"]
    assert row["处罚机关"] and uscc.is_valid(row["处罚机关统一社会信用代码"])
    assert row["数据来源单位"] == row["处罚机关"]
    assert uscc.is_valid(row["数据来源单位统一社会信用代码"])


def test_the_demo_citys_open_data_and_credit_upload_follow_the_national_layout(client):
    call_command("seed_demo", quiet=True)
    response = client.get(reverse("disclosure:open_data_penalties", args=["csv"]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == HEADER
    rows = [dict(zip(HEADER, values, strict=True)) for values in table[1:]]
    published = Publication.objects.filter(kind="penalty", status="published")
    # The demo city has a year of decisions; the open data gives them a page at a time.
    assert published.count() >= 200
    numbers = [r["行政处罚决定书文号"] for r in rows]
    assert 0 < len(rows) <= published.count() and len(set(numbers)) == len(numbers)
    assert set(numbers) <= set(published.values_list("decision_number", flat=True))
    for row in rows:
        check_row(row, public=True)
    persons = [r for r in rows if r["行政相对人类别"] == "自然人"]
    assert persons and all(r["行政相对人名称"].endswith("某") for r in persons)
    assert "王丽华" not in response.content.decode("utf-8-sig")
    record = penalty_row(Publication.objects.get(decision_number="齐市监罚〔2026〕102号"))
    first = {label: record[key] for key, label in PENALTY_COLUMNS}
    assert first["罚款金额（万元）"] == "5" and first["处罚决定日期"] == "2026/11/04"

    as_json = client.get(reverse("disclosure:open_data_penalties", args=["json"])).json()
    assert len(as_json["results"]) == len(rows)
    assert list(as_json["results"][0]) == [key for key, _label in PENALTY_COLUMNS]

    client.force_login(get_demo_user("publicity"))
    upload = client.get(reverse("disclosure:credit_upload"))
    assert upload["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = [values for _n, values in read_table(upload.content, kind="xlsx")]
    assert sheet[0] == HEADER
    credit = [dict(zip(HEADER, v + [""] * (len(HEADER) - len(v)), strict=True)) for v in sheet[1:]]
    scjg = published.filter(agency__code="scjg").count()
    assert len(credit) == scjg >= 50  # the officer's own agency only
    for row in credit:
        check_row({k: "" if v is None else str(v) for k, v in row.items()}, public=False)
    assert "王丽华" in {r["行政相对人名称"] for r in credit}  # the platform needs the name


def get_demo_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_a_natural_persons_id_goes_to_the_credit_platform_only(
    client, make_user, django_capture_on_commit_callbacks
):
    body = "23020219850315123"
    resident_id = body + ric.calc_check_digit(body + "0")
    case = decided(
        django_capture_on_commit_callbacks,
        party_kind="person",
        party_name="李秀英",
        party_id_number=resident_id,
    )
    publication = publish(Publication.objects.get(case=case))
    public = client.get(reverse("disclosure:open_data_penalties", args=["csv"]))
    text = public.content.decode("utf-8-sig")
    assert resident_id not in text and "李秀英" not in text and "李某" in text

    anonymous = client.get(reverse("disclosure:credit_upload"))
    assert anonymous.status_code == 302
    client.force_login(make_user(Role.CASE_OFFICER, agency=AgencyFactory()))
    other = client.get(reverse("disclosure:credit_upload") + "?format=csv")
    assert resident_id not in other.content.decode("utf-8-sig")  # another agency's staff
    client.force_login(make_user(Role.CASE_OFFICER, agency=publication.agency))
    upload = client.get(reverse("disclosure:credit_upload") + "?format=csv")
    rows = list(csv.reader(io.StringIO(upload.content.decode("utf-8-sig"))))
    row = dict(zip(HEADER, rows[1], strict=True))
    assert row["行政相对人名称"] == "李秀英" and row["证件类型"] == "身份证"
    assert row["证件号码"] == resident_id and "李秀英" not in row["违法事实"]
    event = AuditEvent.objects.filter(action="publication.credit_upload").order_by("seq").last()
    assert event.changes["rows"] == 1

    bad = client.get(reverse("disclosure:credit_upload") + "?date_from=2026-13-01")
    assert bad.status_code == 400 and "有效的日期" in bad.content.decode()
