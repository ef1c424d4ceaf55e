"""The decision step with the discretion calculator: recommended band, deviation, justification."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.discretion.factories import make_standard
from workflows import penalty

from .factories import (
    CaseFactory,
    decide,
    penalty_power,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_decision():
    power = penalty_power()
    standard = make_standard(power=power)
    case = CaseFactory(power=power, at="decision")
    return case, case.created_by, standard


def test_calculator_recommends_a_band(at_decision):
    case, _user, _standard = at_decision
    assert penalty.calculator_available()
    rec = penalty.recommend(power=case.power, severity="ordinary", circumstances=[])
    assert rec is not None and rec.fine_min is not None and rec.band.startswith("第")


def test_penalty_inside_the_band_is_no_deviation(at_decision):
    case, user, _standard = at_decision
    rec = penalty.recommend(power=case.power, severity="ordinary", circumstances=[])
    decision = decide(case, user, fine=rec.fine_min, penalty_types="", penalty_type_codes=["fine"])
    assert not decision.is_deviation
    assert decision.recommendation["band"] == rec.band
    assert decision.penalty_types  # names filled from the standard's types


def test_penalty_outside_the_band_needs_a_justification(at_decision):
    case, user, _standard = at_decision
    with pytest.raises(ValidationError) as exc:
        decide(case, user, fine=Decimal("49000"), penalty_types="", penalty_type_codes=["fine"])
    assert "deviation_reason" in exc.value.message_dict
    assert not hasattr(case, "decision") or case.decision is None
    decision = decide(
        case,
        user,
        fine=Decimal("49000"),
        penalty_types="",
        penalty_type_codes=["fine"],
        deviation_reason="当事人拒不改正且货值较大，依法从重。",
    )
    assert decision.is_deviation
    assert decision.recommendation["deviation_reasons"]


def test_decision_page_shows_the_recommended_band(at_decision, client):
    case, user, standard = at_decision
    client.force_login(user)
    html = client.get(f"/cases/{case.pk}/decision/").content.decode()
    assert 'data-testid="recommend"' in html
    circumstance = standard.circumstances.first()
    html = client.post(
        f"/cases/{case.pk}/decision/",
        {
            "recommend": "1",
            "version": case.version,
            "severity": "ordinary",
            "circumstance_ids": [circumstance.pk],
        },
    ).content.decode()
    assert 'data-testid="recommendation"' in html
    assert "This field is required" not in html and "这个字段是必填项" not in html


def test_decision_form_outside_the_band_asks_for_the_justification(at_decision, client):
    case, user, _standard = at_decision
    client.force_login(user)
    data = {
        "version": case.version,
        "severity": "ordinary",
        "facts": "销售过期食品。",
        "evidence": "现场检查笔录。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
        "penalty_type_codes": ["fine"],
        "fine_amount": "30000",
    }
    html = client.post(f"/cases/{case.pk}/decision/", data).content.decode()
    assert "超出推荐档次" in html or "outside the recommended band" in html
    case.refresh_from_db()
    assert case.status == "open"
    data["deviation_reason"] = "当事人多次违法，依法从重处罚。"
    response = client.post(f"/cases/{case.pk}/decision/", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decision.is_deviation and case.decision.fine_amount == 30000
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="deviation"' in html
