"""Filing, expert review, registration and versions of discretion standards."""

import datetime as dt
from decimal import Decimal as D

import pytest

from discretion import selectors, services
from discretion.models import DiscretionStandard, ExpertOpinion, PenaltyBand
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import PowerFactory, UserFactory

from .factories import M, amount_input, band, make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def filer_and_power():
    power = PowerFactory()
    return UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency), power


@pytest.fixture
def expert():
    return UserFactory(roles=[Role.REGISTRY_REVIEWER])


def test_create_saves_a_draft_with_bands_and_circumstances(filer_and_power):
    filer, power = filer_and_power
    standard = services.standard_create(power=power, data=amount_input(), actor=filer)
    assert standard.status == DiscretionStandard.Status.DRAFT
    assert standard.version == 1 and standard.agency_id == power.agency_id
    assert [b.position for b in standard.bands.all()] == [1, 2, 3, 4, 5, 6]
    assert [t.code for t in standard.bands.get(position=6).penalty_types.order_by("order")] == [
        "fine",
        "suspend_business",
    ]
    assert standard.circumstances.count() == 4
    event = audit_history(standard).get()
    assert event.action == "discretion.standard_created"
    assert event.changes["bands"][1] == {
        "severity": "minor",
        "types": ["fine", "warning"],
        "fine_min": "1000",
        "fine_max": "5000",
    }


def test_an_invalid_standard_saves_nothing(filer_and_power):
    filer, power = filer_and_power
    data = amount_input(bands=amount_input().bands[:4])
    with pytest.raises(services.StandardInvalid) as caught:
        services.standard_create(power=power, data=data, actor=filer)
    assert caught.value.problems[0].message == "裁量基准至少需要5个处罚档次，目前只有4个。"
    assert not DiscretionStandard.objects.exists()
    assert not PenaltyBand.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"status": Power.Status.DRAFT}, {"category": Power.Category.PERMIT}],
)
def test_only_registered_penalty_powers_get_a_standard(change):
    power = PowerFactory(**change)
    with pytest.raises(services.StandardInvalid) as caught:
        services.standard_create(power=power, data=amount_input())
    assert caught.value.problems[0].field == "power"


def test_one_open_version_per_power(filer_and_power):
    filer, power = filer_and_power
    services.standard_create(power=power, data=amount_input(), actor=filer)
    with pytest.raises(services.StandardInvalid) as caught:
        services.standard_create(power=power, data=amount_input(), actor=filer)
    assert "已有正在填报或评审" in caught.value.problems[0].message


def test_review_return_resubmit_and_register(filer_and_power, expert):
    filer, power = filer_and_power
    standard = services.standard_create(power=power, data=amount_input(), actor=filer)
    services.standard_submit(standard=standard, actor=filer)
    standard.refresh_from_db()
    assert standard.status == "submitted" and standard.submission_round == 1

    with pytest.raises(services.StandardInvalid, match="至少需要一份专家评审意见"):
        services.standard_register(standard=standard, actor=expert)
    with pytest.raises(services.StandardInvalid, match="请说明需要修改的内容"):
        services.standard_add_opinion(standard=standard, reviewer=expert, verdict="revise")
    services.standard_add_opinion(
        standard=standard, reviewer=expert, verdict="revise", comment="特别严重档次过宽"
    )
    with pytest.raises(services.StandardInvalid, match="有专家提出修改意见"):
        services.standard_register(standard=standard, actor=expert)
    with pytest.raises(services.StandardInvalid, match="只有草稿或被退回的版本可以修改"):
        services.standard_update(standard=standard, data=amount_input(), actor=filer)
    with pytest.raises(services.StandardInvalid, match="请填写退回理由"):
        services.standard_return(standard=standard, actor=expert, reason=" ")
    services.standard_return(standard=standard, actor=expert, reason="特别严重档次过宽")
    standard.refresh_from_db()
    assert standard.status == "returned" and standard.return_reason == "特别严重档次过宽"

    services.standard_update(standard=standard, data=amount_input(), actor=filer)
    services.standard_submit(standard=standard, actor=filer)
    services.standard_add_opinion(standard=standard, reviewer=expert, verdict="agree")
    with pytest.raises(services.StandardInvalid, match="已对本次提交提出过意见"):
        services.standard_add_opinion(standard=standard, reviewer=expert, verdict="agree")
    services.standard_register(standard=standard, actor=expert, day=dt.date(2026, 5, 6))
    standard.refresh_from_db()
    assert standard.status == "registered" and standard.submission_round == 2
    assert standard.registration_number == f"{power.agency.short_name}裁备〔2026〕1号"
    assert standard.registered_on == dt.date(2026, 5, 6)
    actions = list(audit_history(standard).values_list("action", flat=True))
    assert actions == [
        "discretion.standard_created",
        "discretion.standard_submitted",
        "discretion.opinion_given",
        "discretion.standard_returned",
        "discretion.standard_updated",
        "discretion.standard_submitted",
        "discretion.opinion_given",
        "discretion.standard_registered",
    ]
    assert ExpertOpinion.objects.filter(standard=standard).count() == 2


def test_the_registered_version_stays_in_force_until_a_new_one_is_registered(expert):
    v1 = make_standard()
    v2 = services.standard_new_version(standard=v1)
    assert v2.version == 2 and v2.status == "draft"
    assert selectors.registered_standard_for(v1.power) == v1
    # The draft is changed: a narrower very-serious band.
    data = services.input_from(v2)
    data = amount_input(
        bands=[*data.bands[:5], band(data.bands[5].severity, ["fine"], ("35000", "45000"))]
    )
    services.standard_update(standard=v2, data=data)
    services.standard_submit(standard=v2)
    services.standard_add_opinion(standard=v2, reviewer=expert, verdict="agree")
    services.standard_register(standard=v2, number="自定义备案号")
    v1.refresh_from_db()
    assert v1.status == "superseded"
    current = selectors.registered_standard_for(v1.power.pk)
    assert current == v2 and current.registration_number == "自定义备案号"
    assert current.bands.all()[5].fine_max == D(45000)


def test_submit_rechecks_the_saved_bands(filer_and_power):
    filer, power = filer_and_power
    standard = services.standard_create(power=power, data=amount_input(), actor=filer)
    # A band changed behind the service's back (e.g. through the admin) is caught at submission.
    PenaltyBand.objects.filter(standard=standard, position=3).update(severity=M)
    PenaltyBand.objects.filter(standard=standard, position=4).update(severity=M)
    with pytest.raises(services.StandardInvalid, match="违法程度“一般”没有处罚档次"):
        services.standard_submit(standard=standard, actor=filer)
    standard.refresh_from_db()
    assert standard.status == "draft"


def test_new_version_refuses_while_one_is_open():
    v1 = make_standard()
    services.standard_new_version(standard=v1)
    with pytest.raises(services.StandardInvalid):
        services.standard_new_version(standard=v1)
    assert v1.power.discretion_standards.count() == 2


def test_published_standards_loads_everything_in_few_queries(django_assert_max_num_queries):
    for _ in range(3):
        make_standard()
    make_standard(registered=False)
    with django_assert_max_num_queries(6):
        rows = [
            (s.power.code, [b.penalty_text for b in s.bands.all()], list(s.circumstances.all()))
            for s in selectors.published_standards()
        ]
    assert len(rows) == 3
    assert rows[0][1][1] == "警告，处1000元以上5000元以下罚款"


def test_built_in_penalty_types_come_back_after_a_flush():
    from discretion.models import PenaltyType

    PenaltyType.objects.filter(code__in=["fine", "warning"]).delete()
    PenaltyType.objects.create(code="custom", name="其他处罚", order=999)
    services.penalty_types_ensure()
    services.penalty_types_ensure()
    assert PenaltyType.objects.count() == 14
    assert PenaltyType.objects.get(code="fine").name == "罚款"
