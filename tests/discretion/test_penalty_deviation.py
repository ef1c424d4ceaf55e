"""Whether a decided penalty leaves the recommended band (the workflows app asks this)."""

from decimal import Decimal as D

import pytest

from discretion import services

from .factories import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return make_standard()


def _rec(standard, severity, *kinds):
    chosen = [c for c in standard.circumstances.all() if c.kind in kinds]
    return services.recommend_penalty(standard=standard, severity=severity, circumstances=chosen)


def test_inside_the_band_is_no_deviation(standard):
    rec = _rec(standard, "ordinary")
    result = services.penalty_deviation(
        recommendation=rec, fine_amount=D(8000), penalty_types=["fine"]
    )
    assert not result and result.reasons == ()
    for edge in (D(5000), D(10000)):
        assert not services.penalty_deviation(
            recommendation=rec, fine_amount=edge, penalty_types=["fine"]
        )


def test_a_fine_outside_the_band_deviates(standard):
    rec = _rec(standard, "ordinary")
    result = services.penalty_deviation(
        recommendation=rec, fine_amount=D("10000.01"), penalty_types=["fine"]
    )
    assert result.deviates
    assert result.explanation == "罚款10000.01元超出建议的5000元至10000元。"


def test_extra_types_and_missing_fine_deviate(standard):
    rec = _rec(standard, "ordinary")
    result = services.penalty_deviation(
        recommendation=rec, fine_amount=None, penalty_types=["warning", "suspend_business"]
    )
    assert result.reasons == (
        "处罚种类超出建议档次：责令停产停业、警告。",
        "建议档次应当罚款，但决定未处罚款。",
    )


def test_any_penalty_where_none_is_recommended_deviates(standard):
    rec = _rec(standard, "minor", "no_penalty")
    assert not services.penalty_deviation(recommendation=rec, fine_amount=None, penalty_types=[])
    assert not services.penalty_deviation(
        recommendation=rec, fine_amount=None, penalty_types=["no_penalty"]
    )
    result = services.penalty_deviation(recommendation=rec, fine_amount=D(100), penalty_types=[])
    assert result.reasons == ("建议不予处罚，但决定给予了处罚。",)


def test_penalty_type_objects_are_accepted(standard):
    rec = _rec(standard, "very_serious")
    types = list(rec.band.penalty_types.all())
    assert not services.penalty_deviation(
        recommendation=rec, fine_amount=D(40000), penalty_types=types
    )
