"""The calculator's recommendation for each severity and circumstance mix, pinned."""

from decimal import Decimal as D

import pytest

from discretion import services
from discretion.demo import seed_standards
from discretion.models import Circumstance
from discretion.selectors import registered_standard_for
from powers.demo import seed_city
from powers.models import Power

from .factories import income_input, make_standard

pytestmark = pytest.mark.django_db


def _kinds(standard, *kinds):
    return [c for c in standard.circumstances.all() if c.kind in kinds]


@pytest.fixture
def amount_standard():
    return make_standard()


@pytest.fixture
def income_standard():
    return make_standard(data=income_input())


@pytest.mark.parametrize(
    ("severity", "kinds", "band", "low", "high"),
    [
        ("minor", (), 2, "1000", "5000"),
        ("minor", ("lighter",), 2, "1000", "3000"),
        ("minor", ("heavier",), 2, "3000", "5000"),
        ("minor", ("reduced",), 2, "1000", "3000"),
        ("ordinary", (), 3, "5000", "10000"),
        ("ordinary", ("lighter",), 3, "5000", "10000"),
        ("ordinary", ("heavier",), 4, "10000", "20000"),
        ("ordinary", ("lighter", "heavier"), 3, "5000", "10000"),
        ("ordinary", ("reduced",), 2, "1000", "5000"),
        ("serious", (), 5, "20000", "35000"),
        ("serious", ("lighter",), 5, "20000", "27500"),
        ("serious", ("heavier",), 5, "27500", "35000"),
        ("very_serious", (), 6, "35000", "50000"),
        ("very_serious", ("no_penalty",), 6, "35000", "50000"),
    ],
)
def test_amount_standard(amount_standard, severity, kinds, band, low, high):
    rec = services.recommend_penalty(
        standard=amount_standard,
        severity=severity,
        circumstances=_kinds(amount_standard, *kinds),
    )
    assert (rec.band_position, rec.fine_min, rec.fine_max) == (band, D(low), D(high))
    assert not rec.no_penalty
    assert "fine" in rec.penalty_types
    assert rec.explanation.startswith("违法程度：")


def test_no_penalty_case(amount_standard):
    rec = services.recommend_penalty(
        standard=amount_standard,
        severity="minor",
        circumstances=_kinds(amount_standard, "no_penalty", "heavier"),
    )
    assert rec.no_penalty and rec.band_position == 1
    assert rec.fine_min is None and rec.fine_max is None
    assert rec.penalty_type_names == ("不予处罚",)
    assert rec.explanation == (
        "违法程度：轻微。具有不予处罚情形（行政处罚法第三十三条）："
        "违法行为轻微并及时改正，没有造成危害后果的；适用第1档，不予行政处罚。"
    )


def test_no_penalty_circumstance_is_not_counted_above_minor(amount_standard):
    rec = services.recommend_penalty(
        standard=amount_standard,
        severity="serious",
        circumstances=_kinds(amount_standard, "no_penalty"),
    )
    assert not rec.no_penalty and rec.band_position == 5
    assert "不予处罚情形仅适用于轻微违法行为，违法程度为严重时不考虑" in rec.explanation


def test_reduced_explains_the_step_down_and_the_deviation(amount_standard):
    rec = services.recommend_penalty(
        standard=amount_standard,
        severity="ordinary",
        circumstances=_kinds(amount_standard, "reduced"),
    )
    assert rec.explanation == (
        "违法程度：一般。具有减轻处罚情形：受他人胁迫或者诱骗实施违法行为的，降低一个档次。"
        "减轻处罚（第三十二条）：罚款可以低于法定最低限度，属于依法减轻，不属于偏离裁量基准。"
        "适用第2档（适用情形）。建议罚款1000元至5000元。"
    )


@pytest.mark.parametrize(
    ("severity", "kinds", "income", "band", "low", "high"),
    [
        ("ordinary", (), "20000", 2, "40000", "60000"),
        ("minor", (), "5000", 1, "10000", "20000"),
        ("minor", ("lighter",), "5000", 1, "10000", "15000"),
        ("very_serious", (), "100000", 4, "400000", "450000"),
        ("very_serious", ("heavier",), "100000", 5, "450000", "500000"),
        ("ordinary", (), "12345.67", 2, "24691.34", "37037.01"),
        ("serious", ("lighter",), "33333.33", 3, "99999.99", "116666.65"),
        ("serious", (), "0", 3, "30000", "40000"),
    ],
)
def test_multiples_of_illegal_income(income_standard, severity, kinds, income, band, low, high):
    rec = services.recommend_penalty(
        standard=income_standard,
        severity=severity,
        circumstances=_kinds(income_standard, *kinds),
        illegal_income=D(income),
    )
    assert (rec.band_position, rec.fine_min, rec.fine_max) == (band, D(low), D(high))
    assert rec.statutory_fine_min <= rec.fine_min <= rec.fine_max <= rec.statutory_fine_max


def test_the_heaviest_income_band_adds_revocation(income_standard):
    rec = services.recommend_penalty(
        standard=income_standard,
        severity="very_serious",
        circumstances=_kinds(income_standard, "heavier"),
        illegal_income=D(100000),
    )
    assert rec.penalty_type_names == ("没收违法所得", "罚款", "吊销许可证件")
    assert "违法所得100000元 × 4.5至5倍。" in rec.explanation


def test_missing_income_is_an_input_error(income_standard):
    with pytest.raises(services.CalculatorInputError) as caught:
        services.recommend_penalty(standard=income_standard, severity="minor")
    assert caught.value.field == "illegal_income"
    assert caught.value.messages == ["本基准按违法所得的倍数计算罚款，请填写违法所得。"]


def test_foreign_circumstances_and_bad_severity_are_refused(amount_standard, income_standard):
    other = income_standard.circumstances.first()
    with pytest.raises(services.CalculatorInputError) as caught:
        services.recommend_penalty(
            standard=amount_standard, severity="minor", circumstances=[other]
        )
    assert caught.value.field == "circumstances"
    with pytest.raises(services.CalculatorInputError):
        services.recommend_penalty(standard=amount_standard, severity="grave")


def test_demo_food_standard_by_goods_value():
    seed_city()
    seed_standards()
    power = Power.objects.get(agency__code="scjg", code="CF-SCJG-001")
    standard = registered_standard_for(power)
    small = services.recommend_penalty(standard=standard, severity="ordinary", goods_value=D(5000))
    assert (small.fine_min, small.fine_max) == (D(60000), D(70000))
    assert "货值金额5000元，不足10000元，按固定数额罚款。" in small.explanation
    large = services.recommend_penalty(standard=standard, severity="serious", goods_value=D(30000))
    assert (large.fine_min, large.fine_max) == (D(420000), D(510000))
    assert large.penalty_type_names == ("没收违法所得", "没收非法财物", "罚款")
    assert set(large.penalty_types) == {"confiscate_income", "confiscate_property", "fine"}
    minor = services.recommend_penalty(
        standard=standard,
        severity="minor",
        circumstances=standard.circumstances.filter(kind=Circumstance.Kind.NO_PENALTY)[:1],
        goods_value=D(800),
    )
    assert minor.no_penalty and minor.band_position == 1
