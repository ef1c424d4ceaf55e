"""Each rule of a standard's bands, with its Chinese message at the offending band and field."""

from decimal import Decimal as D

import pytest

from discretion.bands import BandSpec, StatuteSpec, validate_bands, validate_statute
from discretion.models import FineBasis, Severity

M, G, S, V = Severity.MINOR, Severity.ORDINARY, Severity.SERIOUS, Severity.VERY_SERIOUS
STATUTE = StatuteSpec(
    fine_basis=FineBasis.AMOUNT,
    allowed_types=frozenset({"warning", "fine", "suspend_business"}),
    fine_min=D(1000),
    fine_max=D(50000),
)


def b(severity, *types, fine=None, fixed=None):
    return BandSpec(
        severity=severity,
        types=frozenset(types),
        fine_min=D(fine[0]) if fine else None,
        fine_max=D(fine[1]) if fine else None,
        threshold_fine_min=D(fixed[0]) if fixed else None,
        threshold_fine_max=D(fixed[1]) if fixed else None,
    )


def good():
    return [
        b(M, "no_penalty"),
        b(M, "warning", "fine", fine=(1000, 5000)),
        b(G, "fine", fine=(5000, 10000)),
        b(G, "fine", fine=(10000, 20000)),
        b(S, "fine", fine=(20000, 35000)),
        b(V, "fine", "suspend_business", fine=(35000, 50000)),
    ]


def where(problems):
    return [(p.band, p.field) for p in problems]


def test_a_good_standard_passes():
    assert validate_bands(STATUTE, good()) == []
    assert validate_statute(STATUTE) == []


def test_fewer_than_five_bands():
    bands = [
        b(M, "fine", fine=(1000, 5000)),
        b(G, "fine", fine=(5000, 10000)),
        b(S, "fine", fine=(10000, 30000)),
        b(V, "fine", fine=(30000, 50000)),
    ]
    problems = validate_bands(STATUTE, bands)
    assert where(problems) == [(None, None)]
    assert problems[0].message == "裁量基准至少需要5个处罚档次，目前只有4个。"


def test_more_than_eight_bands():
    bands = good() + [b(V, "fine", fine=(50000, 50000))] * 3
    messages = [p.message for p in validate_bands(STATUTE, bands)]
    assert "裁量基准最多只能有8个处罚档次，目前有9个。" in messages


def test_a_severity_level_without_band():
    bands = [b for b in good() if b.severity != S] + [b(V, "fine", fine=(50000, 50000))]
    problems = validate_bands(STATUTE, bands)
    assert "违法程度“严重”没有处罚档次。" in [p.message for p in problems]


def test_minor_with_only_a_no_penalty_band():
    bands = [b(M, "no_penalty"), *good()[2:]]
    problems = validate_bands(STATUTE, bands)
    assert problems[0].message.startswith("违法程度“轻微”除不予处罚档次外")


def test_overlapping_bands_are_refused_at_the_later_band():
    bands = good()
    bands[3] = b(G, "fine", fine=(8000, 20000))
    problems = validate_bands(STATUTE, bands)
    assert where(problems) == [(3, "fine_min")]
    assert problems[0].message == "罚款幅度与第3档重叠。"


def test_ranges_must_rise_with_severity():
    bands = good()
    bands[4] = b(S, "fine", fine=(2000, 4000))
    problems = validate_bands(STATUTE, bands)
    assert (4, "fine_min") in where(problems)
    assert "罚款幅度须随违法程度上升，不能低于第4档。" in [p.message for p in problems]


def test_bands_listed_out_of_severity_order():
    bands = good()
    bands[2], bands[4] = bands[4], bands[2]
    problems = validate_bands(STATUTE, bands)
    assert (2, "severity") in where(problems) or (3, "severity") in where(problems)
    assert "处罚档次须按违法程度由轻到重排列。" in [p.message for p in problems]


def test_range_outside_the_statute():
    bands = good()
    bands[1] = b(M, "warning", "fine", fine=(500, 5000))
    bands[5] = b(V, "fine", fine=(35000, 80000))
    problems = validate_bands(STATUTE, bands)
    assert where(problems) == [(1, "fine_min"), (5, "fine_max")]
    assert problems[0].message == "低于法定最低罚款1000元。"
    assert problems[1].message == "高于法定最高罚款50000元。"


def test_a_type_the_statute_does_not_allow():
    bands = good()
    bands[5] = b(V, "fine", "revoke_licence", fine=(35000, 50000))
    problems = validate_bands(STATUTE, bands)
    assert where(problems) == [(5, "penalty_types")]
    assert problems[0].message == "法定处罚种类不包括：吊销许可证件。"


def test_no_penalty_outside_minor():
    bands = good()
    bands[2] = b(G, "no_penalty")
    problems = validate_bands(STATUTE, bands)
    assert (2, "penalty_types") in where(problems)
    assert "不予处罚只能用于轻微违法行为（行政处罚法第三十三条）。" in [p.message for p in problems]


def test_no_penalty_combined_with_a_fine():
    bands = good()
    bands[0] = b(M, "no_penalty", "fine", fine=(1000, 1000))
    problems = validate_bands(STATUTE, bands)
    assert "不予处罚不能与其他处罚种类同时适用。" in [p.message for p in problems]


def test_fine_band_without_range_and_range_without_fine():
    bands = good()
    bands[2] = b(G, "fine")
    bands[1] = BandSpec(M, frozenset({"warning"}), D(1), D(2))
    problems = validate_bands(STATUTE, bands)
    assert (2, "fine_min") in where(problems) and (2, "fine_max") in where(problems)
    assert (1, "fine_min") in where(problems)


@pytest.mark.parametrize(
    ("statute", "field"),
    [
        (StatuteSpec(FineBasis.NONE, frozenset({"fine"})), "fine_basis"),
        (StatuteSpec(FineBasis.AMOUNT, frozenset({"warning"}), D(1), D(2)), "allowed_types"),
        (StatuteSpec(FineBasis.AMOUNT, frozenset({"fine"}), D(5), D(2)), "fine_max"),
        (StatuteSpec(FineBasis.AMOUNT, frozenset({"fine"}), D(1), D(2), D(100)), "base_threshold"),
        (
            StatuteSpec(FineBasis.ILLEGAL_INCOME, frozenset({"fine"}), D(1), D(2), D(100)),
            "threshold_fine_min",
        ),
    ],
)
def test_statute_problems_point_at_their_field(statute, field):
    assert field in [p.field for p in validate_statute(statute)]


def test_threshold_ranges_are_checked_too():
    statute = StatuteSpec(
        FineBasis.ILLEGAL_INCOME, frozenset({"fine"}), D(1), D(5), D(10000), D(10000), D(50000)
    )
    bands = [
        b(M, "fine", fine=(1, 2), fixed=(10000, 20000)),
        b(G, "fine", fine=(2, 3), fixed=(15000, 30000)),
        b(S, "fine", fine=(3, 4), fixed=(30000, 40000)),
        b(V, "fine", fine=(4, 4.5), fixed=(40000, 45000)),
        b(V, "fine", fine=(4.5, 5), fixed=(45000, 60000)),
    ]
    problems = validate_bands(statute, bands)
    assert where(problems) == [(4, "threshold_fine_max"), (1, "threshold_fine_min")]
