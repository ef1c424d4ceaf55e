"""Demo registry: real laws with real article numbers and a few hundred powers. Idempotent.

Powers are keyed by (agency code, power code); other apps' seeders find the three
CF-*-001 penalty powers by those keys.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .models import (
    Agency,
    FilingBatch,
    Power,
    PowerBasis,
    PowerVersion,
    PowerVersionBasis,
    Provision,
    Regulation,
)

L = Regulation.Level
S = Regulation.Status
C = Power.Category
SET, PEN = "setting", "penalty"

FOOD = "中华人民共和国食品安全法"
FOOD_HYGIENE = "中华人民共和国食品卫生法"
AIR = "中华人民共和国大气污染防治法"
SAFETY = "中华人民共和国安全生产法"
ROAD = "中华人民共和国道路运输条例"
PASSENGER_OLD = "道路旅客运输及客运站管理规定"
CITY = "城市市容和环境卫生管理条例"
OCCUPATIONAL = "中华人民共和国职业病防治法"
PUBLIC_PLACES = "公共场所卫生管理条例"
LAND = "中华人民共和国土地管理法"
TOURISM = "中华人民共和国旅游法"
WATER = "中华人民共和国水污染防治法"
SOLID_WASTE = "中华人民共和国固体废物污染环境防治法"
DRUGS = "中华人民共和国药品管理法"
ADVERTISING = "中华人民共和国广告法"

# title, level, issuing body, promulgated, effective, status, superseded by
REGULATIONS = [
    (FOOD, L.LAW, "全国人民代表大会常务委员会", "2015-04-24", "2015-10-01", S.EFFECTIVE, None),
    (
        FOOD_HYGIENE,
        L.LAW,
        "全国人民代表大会常务委员会",
        "1995-10-30",
        "1995-10-30",
        S.REPEALED,
        FOOD,
    ),
    (AIR, L.LAW, "全国人民代表大会常务委员会", "2015-08-29", "2016-01-01", S.EFFECTIVE, None),
    (WATER, L.LAW, "全国人民代表大会常务委员会", "2017-06-27", "2018-01-01", S.EFFECTIVE, None),
    (SAFETY, L.LAW, "全国人民代表大会常务委员会", "2021-06-10", "2021-09-01", S.EFFECTIVE, None),
    (ROAD, L.ADMINISTRATIVE_REGULATION, "国务院", "2004-04-30", "2004-07-01", S.EFFECTIVE, None),
    (PASSENGER_OLD, L.DEPARTMENT_RULE, "交通运输部", "2016-12-06", "2017-03-01", S.AMENDED, None),
    (CITY, L.ADMINISTRATIVE_REGULATION, "国务院", "1992-06-28", "1992-08-01", S.EFFECTIVE, None),
    (
        OCCUPATIONAL,
        L.LAW,
        "全国人民代表大会常务委员会",
        "2001-10-27",
        "2002-05-01",
        S.EFFECTIVE,
        None,
    ),
    (
        PUBLIC_PLACES,
        L.ADMINISTRATIVE_REGULATION,
        "国务院",
        "1987-04-01",
        "1987-04-01",
        S.EFFECTIVE,
        None,
    ),
    (LAND, L.LAW, "全国人民代表大会常务委员会", "1986-06-25", "1987-01-01", S.EFFECTIVE, None),
    (TOURISM, L.LAW, "全国人民代表大会常务委员会", "2013-04-25", "2013-10-01", S.EFFECTIVE, None),
    (
        SOLID_WASTE,
        L.LAW,
        "全国人民代表大会常务委员会",
        "2020-04-29",
        "2020-09-01",
        S.EFFECTIVE,
        None,
    ),
    (DRUGS, L.LAW, "全国人民代表大会常务委员会", "2019-08-26", "2019-12-01", S.EFFECTIVE, None),
    (
        ADVERTISING,
        L.LAW,
        "全国人民代表大会常务委员会",
        "2015-04-24",
        "2015-09-01",
        S.EFFECTIVE,
        None,
    ),
]

# Handwritten powers: agency, code, name, category, [(title, article, kind)], post, limit
POWERS = [
    (
        "scjg",
        "CF-SCJG-001",
        "对未取得食品经营许可从事食品经营活动的行政处罚",
        C.PENALTY,
        [(FOOD, "第三十五条第一款", SET), (FOOD, "第一百二十二条第一款", PEN)],
        "食品经营监管科",
        "立案之日起九十日",
    ),
    (
        "scjg",
        "CF-SCJG-002",
        "对生产经营用非食品原料生产的食品的行政处罚",
        C.PENALTY,
        [(FOOD, "第三十四条", SET), (FOOD, "第一百二十三条第一款", PEN)],
        "食品生产监管科",
        "立案之日起九十日",
    ),
    (
        "scjg",
        "CF-SCJG-003",
        "对生产经营超范围、超限量使用食品添加剂的食品的行政处罚",
        C.PENALTY,
        [(FOOD, "第三十四条", SET), (FOOD, "第一百二十四条第一款", PEN)],
        "食品生产监管科",
        "立案之日起九十日",
    ),
    (
        "scjg",
        "CF-SCJG-004",
        "对食品经营者未按规定查验进货的行政处罚",
        C.PENALTY,
        [(FOOD, "第五十三条", SET), (FOOD, "第一百二十六条第一款", PEN)],
        "食品经营监管科",
        "立案之日起九十日",
    ),
    (
        "scjg",
        "XK-SCJG-001",
        "食品经营许可",
        C.PERMIT,
        [(FOOD, "第三十五条第一款", SET)],
        "行政审批科",
        "二十个工作日",
    ),
    (
        "scjg",
        "JC-SCJG-001",
        "对食品生产经营活动的监督检查",
        C.INSPECTION,
        [(FOOD, "第一百一十条", SET)],
        "食品经营监管科",
        "随机抽查",
    ),
    (
        "scjg",
        "QZ-SCJG-001",
        "查封、扣押有证据证明不符合食品安全标准的食品",
        C.COERCION,
        [(FOOD, "第一百一十条", SET)],
        "执法稽查局",
        "三十日",
    ),
    (
        "scjg",
        "CF-SCJG-090",
        "对食品生产经营者未取得卫生许可证从事食品生产经营活动的行政处罚",
        C.PENALTY,
        [(FOOD_HYGIENE, "第二十七条", SET), (FOOD_HYGIENE, "第四十条", PEN)],
        "食品经营监管科",
        "立案之日起九十日",
    ),
    (
        "sthj",
        "CF-STHJ-001",
        "对超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的行政处罚",
        C.PENALTY,
        [(AIR, "第十八条", SET), (AIR, "第九十九条", PEN)],
        "生态环境保护综合行政执法支队",
        "立案之日起九十日",
    ),
    (
        "sthj",
        "CF-STHJ-002",
        "对未依法取得排污许可证排放大气污染物的行政处罚",
        C.PENALTY,
        [(AIR, "第十九条", SET), (AIR, "第九十九条", PEN)],
        "生态环境保护综合行政执法支队",
        "立案之日起九十日",
    ),
    (
        "sthj",
        "CF-STHJ-003",
        "对通过逃避监管的方式排放大气污染物的行政处罚",
        C.PENALTY,
        [(AIR, "第二十条第二款", SET), (AIR, "第九十九条", PEN)],
        "生态环境保护综合行政执法支队",
        "立案之日起九十日",
    ),
    (
        "sthj",
        "JC-STHJ-001",
        "对排放大气污染物的企业事业单位和其他生产经营者的现场检查",
        C.INSPECTION,
        [(AIR, "第二十九条", SET)],
        "生态环境保护综合行政执法支队",
        "随机抽查",
    ),
    (
        "sthj",
        "QZ-STHJ-001",
        "查封、扣押造成或者可能造成严重大气污染的设施、设备",
        C.COERCION,
        [(AIR, "第三十条", SET)],
        "生态环境保护综合行政执法支队",
        "三十日",
    ),
    (
        "yjgl",
        "CF-YJGL-001",
        "对未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的行政处罚",
        C.PENALTY,
        [(SAFETY, "第三十五条", SET), (SAFETY, "第九十九条", PEN)],
        "安全生产执法支队",
        "立案之日起九十日",
    ),
    (
        "yjgl",
        "CF-YJGL-002",
        "对未按照规定对从业人员进行安全生产教育和培训的行政处罚",
        C.PENALTY,
        [(SAFETY, "第二十八条", SET), (SAFETY, "第九十七条", PEN)],
        "安全生产执法支队",
        "立案之日起九十日",
    ),
    (
        "yjgl",
        "JC-YJGL-001",
        "对生产经营单位执行安全生产法律法规情况的监督检查",
        C.INSPECTION,
        [(SAFETY, "第六十五条", SET)],
        "安全生产执法支队",
        "随机抽查",
    ),
    (
        "jtys",
        "CF-JTYS-001",
        "对未取得道路运输经营许可擅自从事道路客运经营的行政处罚",
        C.PENALTY,
        [(ROAD, "第十条", SET), (ROAD, "第六十三条", PEN)],
        "交通运输综合行政执法支队",
        "立案之日起九十日",
    ),
    (
        "jtys",
        "XK-JTYS-001",
        "道路旅客运输经营许可",
        C.PERMIT,
        [(ROAD, "第十条", SET)],
        "行政审批科",
        "二十个工作日",
    ),
    (
        "jtys",
        "CF-JTYS-050",
        "对客运经营者不按批准的客运站点停靠的行政处罚",
        C.PENALTY,
        [(PASSENGER_OLD, "第四十八条", SET), (PASSENGER_OLD, "第九十二条", PEN)],
        "交通运输综合行政执法支队",
        "立案之日起九十日",
    ),
    (
        "cgzf",
        "CF-CGZF-001",
        "对随意倾倒、抛撒或者堆放垃圾的行政处罚",
        C.PENALTY,
        [(CITY, "第二十八条", SET), (CITY, "第三十四条", PEN)],
        "城市管理执法大队",
        "立案之日起九十日",
    ),
    (
        "cgzf",
        "QZ-CGZF-001",
        "强制拆除不符合城市容貌标准、环境卫生标准的建筑物或者设施",
        C.COERCION,
        [(CITY, "第三十七条", SET)],
        "城市管理执法大队",
        "限期届满后",
    ),
    (
        "wsjk",
        "CF-WSJK-001",
        "对公共场所未取得卫生许可证擅自营业的行政处罚",
        C.PENALTY,
        [(PUBLIC_PLACES, "第八条", SET), (PUBLIC_PLACES, "第十四条", PEN)],
        "卫生健康综合监督执法支队",
        "立案之日起九十日",
    ),
    (
        "wsjk",
        "CF-WSJK-002",
        "对用人单位工作场所职业病危害因素的强度或者浓度超过国家职业卫生标准的行政处罚",
        C.PENALTY,
        [(OCCUPATIONAL, "第十五条", SET), (OCCUPATIONAL, "第七十二条", PEN)],
        "卫生健康综合监督执法支队",
        "立案之日起九十日",
    ),
    (
        "zrzy",
        "CF-ZRZY-001",
        "对未经批准或者采取欺骗手段骗取批准非法占用土地的行政处罚",
        C.PENALTY,
        [(LAND, "第四十四条", SET), (LAND, "第七十七条第一款", PEN)],
        "自然资源执法监察支队",
        "立案之日起九十日",
    ),
    (
        "wglv",
        "CF-WGLV-001",
        "对未经许可经营旅行社业务的行政处罚",
        C.PENALTY,
        [(TOURISM, "第二十八条", SET), (TOURISM, "第九十五条第一款", PEN)],
        "文化市场综合行政执法支队",
        "立案之日起九十日",
    ),
]

# Generated penalty powers, one per real penalty article:
# agency, code prefix, law, first article, last article
ARTICLE_RANGES = [
    ("scjg", "CF-SCJG-", FOOD, 125, 149),
    ("scjg", "CF-SCJG-Y", DRUGS, 114, 151),
    ("scjg", "CF-SCJG-G", ADVERTISING, 55, 71),
    ("sthj", "CF-STHJ-", AIR, 100, 127),
    ("sthj", "CF-STHJ-W", WATER, 81, 97),
    ("sthj", "CF-STHJ-F", SOLID_WASTE, 102, 123),
    ("yjgl", "CF-YJGL-", SAFETY, 94, 117),
    ("jtys", "CF-JTYS-", ROAD, 64, 75),
    ("cgzf", "CF-CGZF-", CITY, 32, 38),
    ("wsjk", "CF-WSJK-", OCCUPATIONAL, 70, 81),
    ("zrzy", "CF-ZRZY-", LAND, 74, 84),
    ("wglv", "CF-WGLV-", TOURISM, 96, 111),
]

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Article numbers as statutes write them: 122 -> 一百二十二, 105 -> 一百零五."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _DIGITS[hundreds] + "百"
    if rest < 10:
        return _DIGITS[hundreds] + "百零" + _DIGITS[rest]
    tens = _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    return _DIGITS[hundreds] + "百" + tens


def _regulations() -> dict[str, Regulation]:
    regs: dict[str, Regulation] = {}
    for title, level, body, promulgated, effective, status, _sup in REGULATIONS:
        regs[title], _ = Regulation.objects.update_or_create(
            title=title,
            promulgated_on=dt.date.fromisoformat(promulgated),
            defaults={
                "level": level,
                "issuing_body": body,
                "effective_on": dt.date.fromisoformat(effective),
                "status": status,
            },
        )
    for title, *_rest, superseded_by in REGULATIONS:
        if superseded_by and regs[title].superseded_by_id != regs[superseded_by].pk:
            regs[title].superseded_by = regs[superseded_by]
            regs[title].save(update_fields=["superseded_by"])
    return regs


def _provision(regs, cache, title: str, article: str) -> Provision:
    key = (title, article)
    if key not in cache:
        cache[key], _ = Provision.objects.get_or_create(regulation=regs[title], article=article)
    return cache[key]


def _all_powers():
    yield from POWERS
    for agency, prefix, law, first, last in ARTICLE_RANGES:
        short = law.removeprefix("中华人民共和国")
        for n in range(first, last + 1):
            article = f"第{cn_number(n)}条"
            code = f"{prefix}{n:03d}"
            name = f"对违反《{short}》第{cn_number(n)}条所列行为的行政处罚"
            yield agency, code, name, C.PENALTY, [(law, article, PEN)], "执法科", "立案之日起九十日"


@transaction.atomic
def seed_registry(*, stdout=None, quiet: bool = False) -> None:
    from .services import powers_flag_for_regulation

    regs = _regulations()
    agencies = {a.code: a for a in Agency.objects.all()}
    cache: dict = {}
    serial: dict[str, int] = {}
    count = 0
    for agency_code, code, name, category, bases, post, limit in _all_powers():
        agency = agencies[agency_code]
        serial[agency_code] = serial.get(agency_code, 0) + 1
        content = {
            "name": name,
            "category": category,
            "procedure": "立案—调查取证—审查—告知—决定—送达—执行",
            "execution_standard": "依照本机关公布的行政处罚裁量基准执行"
            if category == C.PENALTY
            else "依照法定条件和程序执行",
            "responsible_post": post,
            "time_limit": limit,
            "remarks": "",
        }
        number = f"{agency.short_name}权备〔2026〕{serial[agency_code]}号"
        power, _ = Power.objects.update_or_create(
            agency=agency,
            code=code,
            defaults={
                **content,
                "status": Power.Status.REGISTERED,
                "registration_number": number,
                "registered_on": dt.date(2026, 3, 1),
            },
        )
        pairs = [(_provision(regs, cache, t, a), k) for t, a, k in bases]
        for provision, kind in pairs:
            PowerBasis.objects.get_or_create(power=power, provision=provision, kind=kind)
        version, created = PowerVersion.objects.get_or_create(
            power=power,
            number=1,
            defaults={
                **content,
                "status": PowerVersion.Status.REGISTERED,
                "registration_number": number,
                "registered_on": dt.date(2026, 3, 1),
            },
        )
        if created:
            PowerVersionBasis.objects.bulk_create(
                [PowerVersionBasis(version=version, provision=p, kind=k) for p, k in pairs]
            )
        count += 1
    _seed_pending_batch(agencies["scjg"], regs, cache)
    for reg in regs.values():
        if reg.status in (S.AMENDED, S.REPEALED):
            powers_flag_for_regulation(regulation=reg)
    if stdout is not None and not quiet:
        stdout.write(f"  powers: {count} registered across {len(serial)} agencies")


def _seed_pending_batch(agency: Agency, regs, cache) -> None:
    """A submitted batch so the registry reviewer has something to decide on."""
    batch, _ = FilingBatch.objects.get_or_create(
        agency=agency,
        title="2026年第二批权力清单（演示）",
        defaults={"status": FilingBatch.Status.SUBMITTED},
    )
    items = [
        ("CF-SCJG-201", "对食品经营者未按规定公示食品经营许可证的行政处罚", "第一百二十六条第一款"),
        (
            "CF-SCJG-202",
            "对网络食品交易第三方平台提供者未对入网食品经营者进行实名登记的行政处罚",
            "第一百三十一条第一款",
        ),
    ]
    for code, name, article in items:
        power, created = Power.objects.get_or_create(
            agency=agency,
            code=code,
            defaults={"name": name, "category": C.PENALTY, "status": Power.Status.SUBMITTED},
        )
        if not created:
            continue
        version = PowerVersion.objects.create(
            power=power,
            number=1,
            batch=batch,
            name=name,
            category=C.PENALTY,
            status=PowerVersion.Status.SUBMITTED,
            responsible_post="食品经营监管科",
            time_limit="立案之日起九十日",
        )
        PowerVersionBasis.objects.create(
            version=version, provision=_provision(regs, cache, FOOD, article), kind=PEN
        )
