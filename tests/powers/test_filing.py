"""Filing, submitting, reviewing, registering and versioning powers (services)."""

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers import services
from powers.citations import Citation
from powers.models import FilingBatch, Power, PowerVersion
from powers.selectors import exercisable_powers, version_diff
from tests.factories import UserFactory

from .factories import FOOD, FilingBatchFactory, food_law

pytestmark = pytest.mark.django_db

BASES = [
    Citation(FOOD, "第三十五条第一款", "setting"),
    Citation(FOOD, "第一百二十二条第一款", "penalty"),
]
CONTENT = {
    "name": "对无证经营的行政处罚",
    "category": Power.Category.PENALTY,
    "time_limit": "九十日",
}


@pytest.fixture
def people(agency):
    food_law()
    return (
        UserFactory(roles=[Role.AGENCY_FILER], agency=agency),
        UserFactory(roles=[Role.REGISTRY_REVIEWER], agency=None),
    )


def file_one(batch, filer, code="CF-1", **content):
    return services.power_create(
        batch=batch, code=code, citations=BASES, actor=filer, **{**CONTENT, **content}
    )


def test_file_submit_register(agency, people):
    filer, reviewer = people
    batch = FilingBatchFactory(agency=agency)
    version = file_one(batch, filer)
    power = version.power
    assert power.status == Power.Status.DRAFT
    assert not exercisable_powers(agency).exists()

    assert services.batch_submit(batch=batch, actor=filer) == 1
    power.refresh_from_db()
    batch.refresh_from_db()
    assert power.status == Power.Status.SUBMITTED
    assert batch.status == FilingBatch.Status.SUBMITTED

    services.version_register(version=version, actor=reviewer, comment="同意备案")
    power.refresh_from_db()
    batch.refresh_from_db()
    assert power.status == Power.Status.REGISTERED
    assert power.registration_number.startswith(agency.short_name + "权备〔")
    assert power.registered_on is not None
    assert sorted(power.bases.values_list("provision__article", "kind")) == [
        ("第一百二十二条第一款", "penalty"),
        ("第三十五条第一款", "setting"),
    ]
    assert batch.status == FilingBatch.Status.CLOSED
    assert list(exercisable_powers(agency)) == [power]
    actions = list(
        AuditEvent.objects.filter(object_type="powers.power", object_id=str(power.pk)).values_list(
            "action", "actor_id"
        )
    )
    assert actions == [("power.file", filer.pk), ("power.register", reviewer.pk)]


def test_return_needs_a_comment_and_revising_resubmits(agency, people):
    filer, reviewer = people
    batch = FilingBatchFactory(agency=agency)
    version = file_one(batch, filer)
    services.batch_submit(batch=batch, actor=filer)
    with pytest.raises(ValidationError):
        services.version_return(version=version, actor=reviewer, comment="  ")
    services.version_return(version=version, actor=reviewer, comment="处罚依据条款不准确")
    version.refresh_from_db()
    assert version.status == PowerVersion.Status.RETURNED
    assert version.power.status == Power.Status.RETURNED
    assert version.review_comment == "处罚依据条款不准确"

    batch2 = FilingBatchFactory(agency=agency)
    revised = services.power_edit(
        power=version.power, batch=batch2, citations=BASES[:1], actor=filer, **CONTENT
    )
    assert revised.pk == version.pk and revised.status == PowerVersion.Status.DRAFT
    assert revised.batch == batch2
    services.batch_submit(batch=batch2, actor=filer)
    services.version_register(version=revised, actor=reviewer)
    assert Power.objects.get(pk=version.power_id).status == Power.Status.REGISTERED


def test_editing_a_registered_power_keeps_the_registered_version_in_force(agency, people):
    filer, reviewer = people
    batch = FilingBatchFactory(agency=agency)
    v1 = file_one(batch, filer)
    services.batch_submit(batch=batch, actor=filer)
    services.version_register(version=v1, actor=reviewer)
    first_number = Power.objects.get(pk=v1.power_id).registration_number

    batch2 = FilingBatchFactory(agency=agency)
    v2 = services.power_edit(
        power=v1.power,
        batch=batch2,
        citations=BASES,
        actor=filer,
        **{**CONTENT, "name": "对未取得许可经营食品的行政处罚"},
    )
    power = Power.objects.get(pk=v1.power_id)
    assert v2.number == 2
    assert power.name == CONTENT["name"]  # still the registered content
    assert power.status == Power.Status.REGISTERED
    assert exercisable_powers(agency).filter(pk=power.pk).exists()
    v2 = PowerVersion.objects.select_related("power").get(pk=v2.pk)
    changed = [c.label for c in version_diff(v2) if c.changed]
    assert changed == ["权力名称"] or changed == ["power name"]

    services.batch_submit(batch=batch2, actor=filer)
    with pytest.raises(ValidationError):  # under review: no edits
        services.power_edit(power=power, batch=batch2, citations=BASES, actor=filer, **CONTENT)
    services.version_register(version=v2, actor=reviewer)
    power.refresh_from_db()
    assert power.name == "对未取得许可经营食品的行政处罚"
    assert power.registration_number != first_number
    statuses = dict(power.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "registered"}


def test_batch_rules(agency, other_agency, people):
    filer, _reviewer = people
    empty = FilingBatchFactory(agency=agency)
    with pytest.raises(ValidationError):
        services.batch_submit(batch=empty, actor=filer)
    foreign = FilingBatchFactory(agency=other_agency)
    version = file_one(FilingBatchFactory(agency=agency), filer)
    with pytest.raises(ValidationError):
        services.power_edit(
            power=version.power, batch=foreign, citations=BASES, actor=filer, **CONTENT
        )
    with pytest.raises(ValidationError):
        file_one(FilingBatchFactory(agency=agency), filer, code="CF-1")  # duplicate code
    with pytest.raises(ValidationError) as exc:
        services.power_create(
            batch=empty,
            code="CF-9",
            citations=[Citation("不存在的条例", "第一条")],
            actor=filer,
            **CONTENT,
        )
    assert "不存在的条例" in str(exc.value)
