"""The demo seeder: registered standards for four demo penalty powers, idempotent, and
able to run without the power registry's seeder having created the powers."""

import io

import pytest
from django.core.management import CommandError, call_command

from discretion.demo import seed_standards
from discretion.models import DiscretionStandard
from discretion.selectors import published_standards, registered_standard_for
from enforcement_portal.audit import verify_chain
from enforcement_portal.registry import demo_seeders
from powers.demo import seed_city
from powers.models import Agency, Power, Provision, Regulation

pytestmark = pytest.mark.django_db

CODES = {
    "scjg": "CF-SCJG-001",
    "sthj": "CF-STHJ-001",
    "yjgl": "CF-YJGL-001",
    "wglv": "CF-WGLV-001",
}


def test_seeder_is_registered_after_the_power_registry():
    seeders = {s.key: s.order for s in demo_seeders()}
    assert seeders["discretion.standards"] == 30
    assert seeders["powers.city"] < 30


def test_seeds_registered_standards_when_the_powers_are_missing():
    seed_city()
    assert not Power.objects.exists()
    seed_standards()
    standards = list(published_standards())
    assert {(s.agency.code, s.power.code) for s in standards} == set(CODES.items())
    for standard in standards:
        assert standard.power.status == Power.Status.REGISTERED
        assert standard.power.category == Power.Category.PENALTY
        assert 5 <= standard.bands.count() <= 8
        assert standard.registration_number.endswith("〔2026〕1号")
        assert standard.opinions.get().reviewer.username == "registrar"
    food = registered_standard_for(Power.objects.get(code="CF-SCJG-001"))
    assert str(food.penalty_provision) == "《中华人民共和国食品安全法》第一百二十二条第一款"
    assert "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款" in food.penalty_provision.text
    assert food.statutory_fine_text == (
        "处货值金额10倍以上20倍以下罚款（货值金额不足1万元的，处5万元以上10万元以下罚款）"
    )
    safety = registered_standard_for(Power.objects.get(code="CF-YJGL-001"))
    assert safety.statutory_fine_text == "处20万元以下罚款"
    assert list(verify_chain())[-1] > 0  # an int count: the chain is intact


def test_uses_powers_that_exist_and_is_idempotent():
    seed_city()
    existing = Power.objects.create(
        agency=Agency.objects.get(code="sthj"),
        code="CF-STHJ-001",
        name="已有的权力名称",
        category=Power.Category.PENALTY,
        status=Power.Status.REGISTERED,
    )
    seed_standards()
    seed_standards()
    assert DiscretionStandard.objects.count() == 4
    assert registered_standard_for(existing).power.name == "已有的权力名称"
    assert Regulation.objects.count() == 4
    assert Provision.objects.count() == 8


def test_seed_demo_command_runs_twice():
    out = io.StringIO()
    call_command("seed_demo", "--quiet", stdout=out)
    call_command("seed_demo", "--quiet", stdout=out)
    assert DiscretionStandard.objects.filter(status="registered").count() == 4
    for standard in published_standards():
        assert standard.penalty_provision.text and standard.violated_provision.text
        assert standard.power.name.startswith("对")


def test_export_and_import_commands(tmp_path):
    seed_city()
    seed_standards()
    path = tmp_path / "standards.xlsx"
    out = io.StringIO()
    call_command("export_discretion", str(path), "--agency", "scjg", stdout=out)
    assert "Wrote 1 standards" in out.getvalue()
    call_command("import_discretion", str(path), "--agency", "scjg", stdout=out)
    power = Power.objects.get(code="CF-SCJG-001")
    assert power.discretion_standards.filter(status="draft", version=2).exists()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_discretion", str(path), "--agency", "sthj", stdout=out, stderr=out)
