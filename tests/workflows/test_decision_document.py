"""The decision document (行政处罚决定书) laid out after GB/T 9704-2012 and stating what the
case says: the band applied and why, a deviation, the payment route, the surcharge cap and the
reconsideration body and court of the agency; read back with pdftotext."""

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from enforcement_portal.formatting import cn_date, format_yuan, rmb_upper
from tests.discretion.factories import make_standard
from workflows.services.documents import document_request

from .factories import CaseFactory, decide, penalty_power
from .test_documents import pdf_text

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


@pytest.fixture
def deviating_case(settings):
    settings.CASE_PAYMENT_ROUTES = {
        "default": {"bank": "中国建设银行齐齐哈尔分行", "account_name": "齐齐哈尔市财政局"},
    }
    power = penalty_power()
    make_standard(power=power)
    settings.CASE_PAYMENT_ROUTES[power.agency.code] = {"account": "0802 0211 0902 4500 123"}
    case = CaseFactory(power=power, at="decision")
    decide(
        case,
        case.created_by,
        fine=Decimal("30000"),
        penalty_types="",
        penalty_type_codes=["fine"],
        deviation_reason="当事人多次违法，依法从重处罚。",
    )
    case.refresh_from_db()
    return case


def render(case):
    document = document_request(case=case, kind="decision", user=case.created_by)
    return document.file.path


def test_decision_states_band_deviation_payment_cap_and_remedies(deviating_case):
    case = deviating_case
    decision = case.decision
    text = pdf_text(render(case))
    assert case.party_name in text and decision.number in text
    assert "人民币叁万元整" in text and "30,000.00元" in text
    assert "《中华人民共和国食品安全法》第一百二十四条第一款" in text
    assert f"适用{decision.recommendation['band']}" in text
    assert "建议罚款5,000.00元至10,000.00元" in text.replace("5000.00", "5,000.00")
    assert "超出裁量基准推荐档次" in text and "当事人多次违法，依法从重处罚" in text
    assert "开户银行中国建设银行齐齐哈尔分行" in text and "户名齐齐哈尔市财政局" in text
    assert "账号0802021109024500123" in text  # per-agency setting over the default
    assert "加处罚款的数额不得超出罚款的数额" in text and "第七十二条" in text
    assert "十五日内" in text and "六十日内" in text and "六个月内" in text
    assert "向齐齐哈尔市人民政府申请行政复议" in text or "人民政府申请行政复议" in text
    assert "人民法院提起行政诉讼" in text
    assert cn_date(decision.decided_on) in text  # Arabic numerals (GB/T 9704 §7.3.5.1)
    assert "—1—" in text  # page number


def test_remedy_bodies_are_settings_per_agency_or_level(deviating_case, settings):
    case = deviating_case
    settings.CASE_REMEDY_BODIES = {case.agency.level: ("测试县人民政府", "测试县人民法院")}
    text = pdf_text(render(case))
    assert "向测试县人民政府申请行政复议" in text and "向测试县人民法院提起行政诉讼" in text


def test_layout_follows_gb_t_9704(deviating_case):
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils is not installed")
    path = render(deviating_case)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(a), float(b), float(c), float(d), w)
        for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', bbox
        )
    ]
    body = [w for w in words if "—" not in w[4]]
    left = min(w[0] for w in body)
    right = max(w[2] for w in body)
    top = min(w[1] for w in body)
    assert 27 * MM <= left <= 30 * MM  # left margin 28 mm
    assert right <= (210 - 26) * MM + 1  # right margin 26 mm
    assert 35 * MM <= top <= 40 * MM  # top margin 37 mm
    page_number = [w for w in words if w[4].strip("— ") == "1"]
    assert page_number and page_number[0][0] > 105 * MM  # odd page: on the right
    assert page_number[0][1] > (297 - 35) * MM  # below the text area


def test_notice_and_service_receipt_name_the_party_provisions_and_arabic_dates(deviating_case):
    case = deviating_case
    told = case.penalty_notices.get()
    case.penalty_notices.update(issued_on=told.issued_on - dt.timedelta(days=3))
    notice = document_request(case=case, kind="notice", user=case.created_by)
    text = pdf_text(notice.file.path)
    assert case.party_name in text and "陈述、申辩" in text
    for basis in case.power.bases.select_related("provision__regulation"):
        assert str(basis.provision).replace(" ", "") in text  # the provisions the decision cites
    # Dated the day the notice was issued (not the day the PDF was made), in Arabic numerals.
    told = case.penalty_notices.get()
    assert cn_date(told.issued_on) in text.split("（印章）")[-1] and "二〇" not in text
    # The amount the party was told: the notice's own, in 大写 and in figures.
    assert rmb_upper(told.fine_amount) in text and format_yuan(told.fine_amount) in text
    receipt = document_request(case=case, kind="service_receipt", user=case.created_by)
    receipt_text = pdf_text(receipt.file.path)
    assert "送达回证" in receipt_text and case.party_name in receipt_text
