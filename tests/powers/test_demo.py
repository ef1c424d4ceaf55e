"""The demo registry: the powers other apps' seeders look up, real bases, flags, idempotence."""

import pytest
from django.core.management import call_command

from powers.models import Power, PowerVersion

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("scjg", "CF-SCJG-001"): (
        "对未取得食品经营许可从事食品经营活动的行政处罚",
        "中华人民共和国食品安全法",
        {("第三十五条第一款", "setting"), ("第一百二十二条第一款", "penalty")},
    ),
    ("sthj", "CF-STHJ-001"): (
        "对超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的行政处罚",
        "中华人民共和国大气污染防治法",
        {("第十八条", "setting"), ("第九十九条", "penalty")},
    ),
    ("yjgl", "CF-YJGL-001"): (
        "对未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的行政处罚",
        "中华人民共和国安全生产法",
        {("第三十五条", "setting"), ("第九十九条", "penalty")},
    ),
}


def test_seed_demo_registry():
    call_command("seed_demo", "--quiet")
    counts = (Power.objects.count(), PowerVersion.objects.count())
    call_command("seed_demo", "--quiet")
    assert (Power.objects.count(), PowerVersion.objects.count()) == counts
    assert counts[0] >= 200
    for (agency, code), (name, law, bases) in EXPECTED.items():
        power = Power.objects.get(agency__code=agency, code=code)
        assert power.name == name
        assert power.category == Power.Category.PENALTY
        assert power.status == Power.Status.REGISTERED
        got = {(b.provision.article, b.kind) for b in power.bases.select_related("provision")}
        assert got == bases
        assert {b.provision.regulation.title for b in power.bases.all()} == {law}
    flagged = set(Power.objects.filter(basis_needs_review=True).values_list("code", flat=True))
    assert {"CF-SCJG-090", "CF-JTYS-050"} <= flagged
    assert PowerVersion.objects.filter(status=PowerVersion.Status.SUBMITTED).exists()
