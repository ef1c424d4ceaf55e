"""Amounts, dates and document numbers the way Chinese government documents write them."""

import datetime as dt
from decimal import Decimal

import pytest

from enforcement_portal.formatting import (
    cn_date,
    cn_date_upper,
    document_number,
    format_wan_yuan,
    format_yuan,
    rmb_upper,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "人民币零元整"),
        (5000, "人民币伍仟元整"),
        (10000, "人民币壹万元整"),
        (100000, "人民币壹拾万元整"),
        (1005, "人民币壹仟零伍元整"),
        (10050, "人民币壹万零伍拾元整"),
        (200000.5, "人民币贰拾万元伍角"),
        (1234567.89, "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        (100000000, "人民币壹亿元整"),
        (100010000, "人民币壹亿零壹万元整"),
        (Decimal("30.05"), "人民币叁拾元零伍分"),
    ],
)
def test_rmb_upper(amount, text):
    assert rmb_upper(amount) == text


def test_yuan_and_wan_yuan():
    assert format_yuan(5000) == "5,000.00元"
    assert format_yuan(Decimal("1234.5")) == "1,234.50元"
    assert format_yuan(None) == ""
    assert format_wan_yuan(5000) == "0.5"
    assert format_wan_yuan(123456) == "12.3456"


def test_dates_and_document_numbers():
    assert cn_date(dt.date(2026, 10, 9)) == "2026年10月9日"
    assert cn_date_upper(dt.date(2026, 10, 9)) == "二〇二六年十月九日"
    assert cn_date_upper(dt.date(2026, 12, 25)) == "二〇二六年十二月二十五日"
    assert document_number("齐市监罚", 2026, 12) == "齐市监罚〔2026〕12号"
