"""Demo random-inspection lists (双随机 抽查事项清单) for a few agencies. Idempotent."""

from powers.demo import demo_password_hash
from powers.models import Agency

from .models import InspectionItem

ITEMS = {
    "scjg": [
        (
            "食品经营者检查",
            "食品经营许可情况",
            "《中华人民共和国食品安全法》第三十五条、第一百一十条",
            "现场检查、书面检查",
            "检查是否取得食品经营许可、许可事项与实际经营是否一致",
            "5%",
            "每年不少于1次",
        ),
        (
            "食品经营者检查",
            "食品安全管理制度落实情况",
            "《中华人民共和国食品安全法》第四十四条",
            "现场检查",
            "检查食品安全管理人员配备、从业人员健康管理及进货查验记录",
            "5%",
            "每年不少于1次",
        ),
        (
            "特种设备使用单位检查",
            "特种设备使用登记",
            "《中华人民共和国特种设备安全法》第三十三条、第五十七条",
            "现场检查",
            "检查特种设备使用登记、定期检验和安全管理人员持证情况",
            "3%",
            "每年1次",
        ),
    ],
    "sthj": [
        (
            "排污单位检查",
            "大气污染物排放情况",
            "《中华人民共和国大气污染防治法》第十八条、第二十九条",
            "现场检查、监测",
            "检查大气污染物排放是否符合排放标准及总量控制指标",
            "5%",
            "每年不少于2次",
        ),
        (
            "排污单位检查",
            "排污许可证执行情况",
            "《排污许可管理条例》第三十条",
            "现场检查、书面检查",
            "检查排污许可证载明事项落实和执行报告提交情况",
            "5%",
            "每年1次",
        ),
    ],
    "yjgl": [
        (
            "生产经营单位安全生产检查",
            "安全警示标志设置",
            "《中华人民共和国安全生产法》第三十五条、第六十五条",
            "现场检查",
            "检查有较大危险因素的生产经营场所和设施设备是否设置明显的安全警示标志",
            "5%",
            "每年1次",
        ),
    ],
}


def seed_inspection_items(*, stdout=None, quiet: bool = False) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=ITEMS)}
    for code, rows in ITEMS.items():
        agency = agencies.get(code)
        if agency is None:
            continue
        for item, sub_item, basis, method, content, ratio, frequency in rows:
            InspectionItem.objects.update_or_create(
                agency=agency,
                item=item,
                sub_item=sub_item,
                defaults={
                    "inspecting_body": agency.name,
                    "basis": basis,
                    "method": method,
                    "content": content,
                    "ratio": ratio,
                    "frequency": frequency,
                },
            )


DECISIONS = [
    # agency, number, person?, party, uscc body, violation, facts, basis, category, content, fine
    (
        "scjg",
        "齐市监罚〔2026〕101号",
        True,
        "王丽华",
        "",
        "未取得食品经营许可从事食品经营活动",
        "经查，当事人王丽华（身份证号230202198503151234，联系电话13945201234）自2026年6月起在龙沙区南苑市场无证销售自制熟食，货值金额3200元。王丽华对上述事实无异议。",
        "《中华人民共和国食品安全法》第一百二十二条第一款",
        "罚款；没收违法所得",
        "没收违法所得人民币1200元，并处罚款人民币伍万元整",
        50000,
    ),
    (
        "scjg",
        "齐市监罚〔2026〕102号",
        False,
        "齐齐哈尔市鑫源超市有限公司",
        "91230200MA1B2C3D4",
        "销售超过保质期的食品",
        "经查，当事人于2026年8月12日在其经营场所销售超过保质期的乳制品共计23盒。",
        "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
        "罚款；没收违法所得",
        "没收违法所得人民币460元，并处罚款人民币伍万元整",
        50000,
    ),
    (
        "sthj",
        "齐环罚〔2026〕15号",
        False,
        "齐齐哈尔市龙江化工有限公司",
        "91230200MA2E3F4G5",
        "超过大气污染物排放标准排放大气污染物",
        "经监测，当事人2号锅炉烟气中二氧化硫排放浓度超过国家排放标准1.8倍。",
        "《中华人民共和国大气污染防治法》第九十九条第（二）项",
        "罚款",
        "责令改正，处罚款人民币贰拾万元整",
        200000,
    ),
    (
        "yjgl",
        "齐应急罚〔2026〕8号",
        False,
        "齐齐哈尔市北方建材有限公司",
        "91230200MA3H4J5K6",
        "未设置明显的安全警示标志",
        "经查，当事人在粉尘爆炸危险场所未设置明显的安全警示标志，经责令限期改正后逾期未改正。",
        "《中华人民共和国安全生产法》第九十九条第（一）项",
        "罚款",
        "处罚款人民币陆万元整",
        60000,
    ),
    (
        "scjg",
        "齐市监罚〔2026〕103号",
        True,
        "李建国",
        "",
        "未按规定公示营业执照",
        "当事人李建国经营的小吃店未在经营场所醒目位置公示营业执照，经责令改正后已改正。",
        "《中华人民共和国市场主体登记管理条例》第四十八条第一款",
        "罚款",
        "处罚款人民币壹仟元整",
        1000,
    ),
]


# username, agency code, display name: the publicity officer (公示审核员) of each agency
# whose demo decisions are published; they sign off the masked records.
PUBLICITY_OFFICERS = [
    ("publicity", "scjg", "孙丽娟"),
    ("env_publicity", "sthj", "马文静"),
    ("safety_publicity", "yjgl", "高志远"),
]


def seed_publicity_officers(*, stdout=None, quiet: bool = False) -> dict:
    """The demo's publicity officers (role ``publicity_officer``), one per agency above."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from enforcement_portal.roles import Role

    group, _ = Group.objects.get_or_create(name=Role.PUBLICITY_OFFICER)
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in={c for _, c, _ in PUBLICITY_OFFICERS})
    }
    officers = {}
    for username, code, name in PUBLICITY_OFFICERS:
        if code not in agencies:
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"display_name": name, "agency": agencies[code]}
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        user.groups.add(group)
        officers[code] = user
    return officers


def seed_decisions(*, stdout=None, quiet: bool = False) -> None:
    """A handful of published decisions so the public search has something to find, each
    signed off by the agency's publicity officer before it went public."""
    import datetime as dt

    from stdnum.cn import uscc

    from . import services
    from .models import Publication

    agencies = {a.code: a for a in Agency.objects.filter(code__in={d[0] for d in DECISIONS})}
    reviewers = seed_publicity_officers()
    for index, row in enumerate(DECISIONS):
        code, number, person, party, uscc_body, violation, facts, basis, category, content, fine = (
            row
        )
        exists = Publication.objects.filter(decision_number=number).exists()
        if code not in agencies or code not in reviewers or exists:
            continue
        decided = dt.date(2026, 11, 2) + dt.timedelta(days=index * 2)
        publication = services.publication_create(
            agency=agencies[code],
            data={
                "kind": Publication.Kind.PENALTY,
                "decision_number": number,
                "party_type": "person" if person else "organisation",
                "party_name": party,
                "party_uscc": "" if person else uscc_body + uscc.calc_check_digit(uscc_body),
                "violation_type": violation,
                "facts": facts,
                "basis": basis,
                "penalty_category": category,
                "penalty_content": content,
                "fine_amount": fine,
                "decided_on": decided,
                "full_text": "\n".join(
                    [
                        agencies[code].name,
                        "行政处罚决定书",
                        number,
                        f"当事人：{party}",
                        f"一、违法事实。{facts}",
                        f"二、处罚依据和处罚内容。依据{basis}，本机关决定：{content}。",
                        agencies[code].name,
                    ]
                ),
            },
        )
        publication = services.publication_sign_off(
            publication=publication, reviewer=reviewers[code]
        )
        services.publication_publish(publication=publication, on=decided + dt.timedelta(days=3))
