"""Demo data: registered discretion standards for the demo penalty powers. Idempotent.

The bands follow the shape of published municipal benchmarks for the same violations
(market regulation, ecology and environment, emergency management); the statutory ranges are
the laws' own. The powers, regulations and provisions are found, or created with the same
keys the power registry's seeder uses, so this seeder also runs on its own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from django.contrib.auth import get_user_model

from powers.models import Agency, Power, PowerBasis, Provision, Regulation

from .models import DiscretionStandard, ExpertOpinion, FineBasis, PenaltyType, Severity
from .services import (
    BandInput,
    StandardInput,
    penalty_types_ensure,
    standard_add_opinion,
    standard_create,
    standard_register,
    standard_submit,
)

LAW = Regulation.Level.LAW
NPC = "全国人民代表大会常务委员会"
FOOD = ("中华人民共和国食品安全法", dt.date(2015, 4, 24), dt.date(2015, 10, 1))
AIR = ("中华人民共和国大气污染防治法", dt.date(2015, 8, 29), dt.date(2016, 1, 1))
SAFETY = ("中华人民共和国安全生产法", dt.date(2021, 6, 10), dt.date(2021, 9, 1))
TOURISM = ("中华人民共和国旅游法", dt.date(2013, 4, 25), dt.date(2013, 10, 1))

ARTICLES = {
    (FOOD[0], "第三十五条第一款"): (
        "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。"
        "但是，销售食用农产品和仅销售预包装食品的，不需要取得许可。仅销售预包装食品的，应当报"
        "所在地县级以上地方人民政府食品安全监督管理部门备案。"
    ),
    (FOOD[0], "第一百二十二条第一款"): (
        "违反本法规定，未取得食品生产经营许可从事食品生产经营活动，或者未取得食品添加剂生产"
        "许可从事食品添加剂生产活动的，由县级以上人民政府食品安全监督管理部门没收违法所得和"
        "违法生产经营的食品、食品添加剂以及用于违法生产经营的工具、设备、原料等物品；违法生产"
        "经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万"
        "元以上的，并处货值金额十倍以上二十倍以下罚款。"
    ),
    (AIR[0], "第十八条"): (
        "企业事业单位和其他生产经营者建设对大气环境有影响的项目，应当依法进行环境影响评价、"
        "公开环境影响评价文件；向大气排放污染物的，应当符合大气污染物排放标准，遵守重点大气"
        "污染物排放总量控制要求。"
    ),
    (AIR[0], "第九十九条"): (
        "违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制"
        "生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府"
        "批准，责令停业、关闭：（一）未依法取得排污许可证排放大气污染物的；（二）超过大气污染物"
        "排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的；（三）通过逃避监管的"
        "方式排放大气污染物的。"
    ),
    (SAFETY[0], "第三十五条"): (
        "生产经营单位应当在有较大危险因素的生产经营场所和有关设施、设备上，设置明显的安全警示标志。"
    ),
    (SAFETY[0], "第九十九条"): (
        "生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元"
        "以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下"
        "的罚款；情节严重的，责令停产停业整顿；构成犯罪的，依照刑法有关规定追究刑事责任：（一）未在"
        "有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的；……"
    ),
    (TOURISM[0], "第二十八条"): (
        "设立旅行社，招徕、组织、接待旅游者，为其提供旅游服务，应当具备下列条件，取得旅游主管"
        "部门的许可，依法办理工商登记：（一）有固定的经营场所；（二）有必要的营业设施；（三）有"
        "符合规定的注册资本；（四）有必要的经营管理人员和导游；（五）法律、行政法规规定的其他条件。"
    ),
    (TOURISM[0], "第九十五条第一款"): (
        "违反本法规定，未经许可经营旅行社业务的，由旅游主管部门或者市场监督管理部门责令改正，"
        "没收违法所得，并处一万元以上十万元以下罚款；违法所得十万元以上的，并处违法所得一倍以上"
        "五倍以下罚款；对有关责任人员，处二千元以上二万元以下罚款。"
    ),
}

# Art. 32 (从轻/减轻), common 从重 circumstances, Art. 33 (不予处罚).
LIGHTER = [
    "主动消除或者减轻违法行为危害后果的",
    "受他人胁迫或者诱骗实施违法行为的",
    "主动供述行政机关尚未掌握的违法行为的",
    "配合行政机关查处违法行为有立功表现的",
]
REDUCED = ["已满十四周岁不满十八周岁的未成年人有违法行为的", "主动消除违法行为危害后果且情节较轻的"]
HEAVIER = [
    "一年内因同一种违法行为受过行政处罚的",
    "拒绝、阻碍或者以暴力威胁执法人员依法执行职务的",
    "伪造、隐匿、毁灭违法行为证据的",
    "在发生突发事件期间实施违法行为的",
]
NO_PENALTY = [
    "违法行为轻微并及时改正，没有造成危害后果的",
    "初次违法且危害后果轻微并及时改正的",
    "当事人有证据足以证明没有主观过错的",
]

M, G, S, V = Severity.MINOR, Severity.ORDINARY, Severity.SERIOUS, Severity.VERY_SERIOUS

STANDARDS: list[dict[str, Any]] = [
    {
        "agency": "scjg",
        "code": "CF-SCJG-001",
        "name": "对未取得食品经营许可从事食品经营活动的行政处罚",
        "law": FOOD,
        "violated": "第三十五条第一款",
        "penalty": "第一百二十二条第一款",
        "violation": "未取得食品经营许可从事食品经营活动",
        "allowed": ["confiscate_income", "confiscate_property", "fine"],
        "basis": FineBasis.GOODS_VALUE,
        "range": (D(10), D(20)),
        "threshold": (D(10000), D(50000), D(100000)),
        "bands": [
            (
                M,
                "食品经营许可证有效期届满未超过30日继续经营，及时改正，没有造成危害后果的",
                ["no_penalty"],
                None,
                None,
            ),
            (
                M,
                "违法经营时间不满1个月，且货值金额不足2000元，没有造成危害后果的",
                ["confiscate_income", "confiscate_property", "fine"],
                (D(10), D(12)),
                (D(50000), D(60000)),
            ),
            (
                G,
                "违法经营时间1个月以上不满3个月，或者货值金额2000元以上不足1万元的",
                ["confiscate_income", "confiscate_property", "fine"],
                (D(12), D(14)),
                (D(60000), D(70000)),
            ),
            (
                S,
                "违法经营时间3个月以上，或者货值金额1万元以上不足5万元的",
                ["confiscate_income", "confiscate_property", "fine"],
                (D(14), D(17)),
                (D(70000), D(85000)),
            ),
            (
                V,
                "经责令改正拒不改正，或者货值金额5万元以上，或者造成食源性疾病等危害后果的",
                ["confiscate_income", "confiscate_property", "fine"],
                (D(17), D(20)),
                (D(85000), D(100000)),
            ),
        ],
    },
    {
        "agency": "sthj",
        "code": "CF-STHJ-001",
        "name": (
            "对超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的行政处罚"
        ),
        "law": AIR,
        "violated": "第十八条",
        "penalty": "第九十九条",
        "violation": "超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物",
        "allowed": ["fine", "restrict_business", "suspend_business", "close"],
        "basis": FineBasis.AMOUNT,
        "range": (D(100000), D(1000000)),
        "threshold": None,
        "bands": [
            (
                M,
                "单项污染物超标0.5倍以下，且在责令改正期限内改正的",
                ["fine"],
                (D(100000), D(200000)),
                None,
            ),
            (
                G,
                "单项污染物超标0.5倍以上1倍以下的",
                ["fine", "restrict_business"],
                (D(200000), D(400000)),
                None,
            ),
            (
                S,
                "单项污染物超标1倍以上3倍以下，或者两项以上污染物超标的",
                ["fine", "suspend_business"],
                (D(400000), D(700000)),
                None,
            ),
            (
                V,
                "超标3倍以上，或者位于大气环境敏感区的",
                ["fine", "suspend_business"],
                (D(700000), D(900000)),
                None,
            ),
            (
                V,
                "拒不改正、造成严重大气污染，或者两年内因同类行为受过两次以上处罚的，报经有批准权的人民政府批准责令停业、关闭",
                ["fine", "close"],
                (D(900000), D(1000000)),
                None,
            ),
        ],
    },
    {
        "agency": "yjgl",
        "code": "CF-YJGL-001",
        "name": (
            "对未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的行政处罚"
        ),
        "law": SAFETY,
        "violated": "第三十五条",
        "penalty": "第九十九条",
        "violation": "未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志",
        "allowed": ["fine", "suspend_business"],
        "basis": FineBasis.AMOUNT,
        "range": (D(0), D(200000)),
        "threshold": None,
        "bands": [
            (
                M,
                "首次被发现，仅1处未设置，在限期内改正，没有造成危害后果的",
                ["no_penalty"],
                None,
                None,
            ),
            (M, "1处至2处未设置，在限期内改正的", ["fine"], (D(1000), D(10000)), None),
            (G, "3处至5处未设置，在限期内改正的", ["fine"], (D(10000), D(30000)), None),
            (
                S,
                "6处以上未设置，或者重大危险源场所未设置，在限期内改正的",
                ["fine"],
                (D(30000), D(50000)),
                None,
            ),
            (V, "逾期未改正的", ["fine"], (D(50000), D(120000)), None),
            (
                V,
                "逾期未改正且情节严重的，责令停产停业整顿",
                ["fine", "suspend_business"],
                (D(120000), D(200000)),
                None,
            ),
        ],
    },
]


STANDARDS.append(
    {
        "agency": "wglv",
        "code": "CF-WGLV-001",
        "name": "对未经许可经营旅行社业务的行政处罚",
        "law": TOURISM,
        "violated": "第二十八条",
        "penalty": "第九十五条第一款",
        "violation": "未经许可经营旅行社业务",
        "allowed": ["confiscate_income", "fine"],
        "basis": FineBasis.AMOUNT,
        "range": (D(10000), D(100000)),
        "threshold": None,
        "bands": [
            (
                M,
                "经营时间不满1个月，招徕旅游者不足10人次，及时改正的",
                ["confiscate_income", "fine"],
                (D(10000), D(20000)),
                None,
            ),
            (
                G,
                "经营时间1个月以上不满3个月，或者招徕旅游者10人次以上不足50人次的",
                ["confiscate_income", "fine"],
                (D(20000), D(40000)),
                None,
            ),
            (
                S,
                "经营时间3个月以上，或者招徕旅游者50人次以上不足200人次的",
                ["confiscate_income", "fine"],
                (D(40000), D(60000)),
                None,
            ),
            (
                V,
                "招徕旅游者200人次以上，或者造成旅游者人身、财产损失的",
                ["confiscate_income", "fine"],
                (D(60000), D(80000)),
                None,
            ),
            (
                V,
                "经责令改正拒不改正，或者以欺骗手段组织出境旅游的",
                ["confiscate_income", "fine"],
                (D(80000), D(100000)),
                None,
            ),
        ],
    }
)


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def _provision(law, article) -> Provision:
    title, promulgated, effective = law
    regulation, _ = Regulation.objects.get_or_create(
        title=title,
        promulgated_on=promulgated,
        defaults={"level": LAW, "issuing_body": NPC, "effective_on": effective},
    )
    text = ARTICLES[(title, article)]
    provision, _ = Provision.objects.get_or_create(
        regulation=regulation, article=article, defaults={"text": text}
    )
    if not provision.text:
        # The registry's seeder may have listed the article without its words.
        provision.text = text
        provision.save(update_fields=["text"])
    return provision


def seed_standards(*, stdout=None, quiet: bool = False) -> None:
    penalty_types_ensure()
    types = {t.code: t for t in PenaltyType.objects.all()}
    User = get_user_model()
    filers = {u.agency_id: u for u in User.objects.filter(groups__name="agency_filer")}
    registrar = User.objects.filter(username="registrar").first()
    for spec in STANDARDS:
        agency = Agency.objects.filter(code=spec["agency"]).first()
        if agency is None:
            _say(stdout, quiet, f"  discretion: agency {spec['agency']} missing, skipped")
            continue
        violated = _provision(spec["law"], spec["violated"])
        penalty = _provision(spec["law"], spec["penalty"])
        power, _ = Power.objects.get_or_create(
            agency=agency,
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "category": Power.Category.PENALTY,
                "status": Power.Status.REGISTERED,
                "registration_number": f"{agency.short_name}权备〔2026〕1号",
                "registered_on": dt.date(2026, 1, 15),
            },
        )
        PowerBasis.objects.get_or_create(
            power=power, provision=violated, kind=PowerBasis.Kind.SETTING
        )
        PowerBasis.objects.get_or_create(
            power=power, provision=penalty, kind=PowerBasis.Kind.PENALTY
        )
        if power.status != Power.Status.REGISTERED:
            _say(stdout, quiet, f"  discretion: {power.code} is not registered, skipped")
            continue
        if DiscretionStandard.objects.filter(power=power).exists():
            continue
        _register(spec, power, violated, penalty, types, filers.get(agency.pk), registrar)


def _register(spec, power, violated, penalty, types, filer, registrar) -> None:
    threshold = spec["threshold"]
    data = StandardInput(
        violation=spec["violation"],
        violated_provision=violated,
        penalty_provision=penalty,
        allowed_types=[types[c] for c in spec["allowed"]],
        fine_basis=spec["basis"],
        fine_min=spec["range"][0],
        fine_max=spec["range"][1],
        base_threshold=threshold[0] if threshold else None,
        threshold_fine_min=threshold[1] if threshold else None,
        threshold_fine_max=threshold[2] if threshold else None,
        bands=[
            BandInput(
                severity=severity,
                circumstances=when,
                penalty_types=[types[c] for c in codes],
                fine_min=fine[0] if fine else None,
                fine_max=fine[1] if fine else None,
                threshold_fine_min=fixed[0] if fixed else None,
                threshold_fine_max=fixed[1] if fixed else None,
            )
            for severity, when, codes, fine, fixed in spec["bands"]
        ],
        circumstances={
            "lighter": LIGHTER,
            "reduced": REDUCED,
            "heavier": HEAVIER,
            "no_penalty": NO_PENALTY,
        },
    )
    standard = standard_create(power=power, data=data, actor=filer)
    standard_submit(standard=standard, actor=filer)
    if registrar is None:
        return
    standard_add_opinion(
        standard=standard,
        reviewer=registrar,
        verdict=ExpertOpinion.Verdict.AGREE,
        comment="档次划分合理，罚款幅度在法定范围内，同意备案。",
    )
    standard_register(standard=standard, actor=registrar, day=dt.date(2026, 3, 2))
