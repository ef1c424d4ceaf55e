"""Demo data: each demo agency's no-penalty, first-violation and lighter-penalty lists (清单)
for its demo penalty power, filed through ``discretion.lists`` by the agency's filer.
Runs after the standards (order 35). Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from enforcement_portal.roles import Role
from powers.demo import demo_password_hash
from powers.models import Power

from .lists import list_entry_create
from .models import OutcomeListEntry

K = OutcomeListEntry.Kind
ART_33_1 = "《中华人民共和国行政处罚法》第三十三条第一款"
ART_33_2 = "《中华人民共和国行政处罚法》第三十三条第二款"
ART_32 = "《中华人民共和国行政处罚法》第三十二条"

# agency, power code, [(list, violation, basis, conditions)]
LISTS = [
    (
        "scjg",
        "CF-SCJG-001",
        [
            (
                K.FIRST_VIOLATION,
                "食品经营许可证有效期届满后首次未及时办理延续、继续经营未超过30日",
                f"{ART_33_1}；《中华人民共和国食品安全法》第一百二十二条第一款",
                "初次违法；危害后果轻微；在责令改正期限内办结许可延续",
            ),
            (
                K.NO_PENALTY,
                "销售的食品货值金额不足500元且已全部召回、未造成危害后果",
                ART_33_1,
                "违法行为轻微并及时改正，没有造成危害后果",
            ),
            (
                K.LIGHTER,
                "主动消除违法经营危害后果、配合查处",
                ART_32,
                "主动消除或者减轻违法行为危害后果，或者配合行政机关查处违法行为有立功表现",
            ),
        ],
    ),
    (
        "sthj",
        "CF-STHJ-001",
        [
            (
                K.FIRST_VIOLATION,
                "首次超标排放大气污染物、超标倍数不足0.1倍且持续时间不超过1小时",
                ART_33_1,
                "初次违法；及时停止超标排放并完成整改；未造成环境污染后果",
            ),
            (
                K.NO_PENALTY,
                "因在线监测设备故障导致数据异常、当事人能够证明无主观过错",
                ART_33_2,
                "当事人有证据足以证明没有主观过错",
            ),
        ],
    ),
    (
        "yjgl",
        "CF-YJGL-001",
        [
            (
                K.FIRST_VIOLATION,
                "首次未在较大危险因素场所设置明显的安全警示标志",
                ART_33_1,
                "初次违法；在责令限期改正期限内设置完毕；未造成生产安全事故",
            ),
            (
                K.LIGHTER,
                "主动报告并立即整改安全警示标志缺失问题",
                ART_32,
                "主动消除违法行为危害后果",
            ),
        ],
    ),
]


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def _filer(agency):
    """The agency's filer; an agency of the demo city without one gets ``<code>_filer``."""
    User = get_user_model()
    found = User.objects.filter(agency=agency, groups__name=Role.AGENCY_FILER).first()
    if found is not None:
        return found
    user, created = User.objects.get_or_create(
        username=f"{agency.code}_filer", defaults={"display_name": "清单填报员", "agency": agency}
    )
    if created:
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=Role.AGENCY_FILER)[0])
    return user


def seed_lists(*, stdout=None, quiet: bool = False) -> None:
    for agency_code, power_code, entries in LISTS:
        power = Power.objects.filter(agency__code=agency_code, code=power_code).first()
        if power is None or power.category != Power.Category.PENALTY:
            _say(stdout, quiet, f"  discretion: {agency_code}/{power_code} missing, list skipped")
            continue
        user = _filer(power.agency)
        for kind, violation, basis, conditions in entries:
            if OutcomeListEntry.objects.filter(agency=power.agency, violation=violation).exists():
                continue
            list_entry_create(
                user=user,
                kind=kind,
                power=power,
                violation=violation,
                basis=basis,
                conditions=conditions,
            )
        _say(stdout, quiet, f"  discretion: lists of {power.agency.name}")
