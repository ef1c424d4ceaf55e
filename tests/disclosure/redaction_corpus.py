"""A generated corpus of real-format sentences for the masking (issue #20), with what to find.

Each sentence is built from parts: plain text, a passage the masking must find (its kind and
text), or a passage that must stay as it is (organisation names, amounts, article numbers,
document numbers, dates, credit codes). Resident IDs carry real check characters (GB 11643),
computed here, and on purpose wrong ones; cards pass the Luhn check; accounts do not. Names
come from the surname list of ``disclosure.surnames``. The same seed gives the same corpus,
so tests and ``python -m bench redaction`` see the same sentences.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc

from disclosure.surnames import COMPOUND_SURNAMES, words

KEEP = "keep"  # a part that must stay unmasked

COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = words(
    "伟 强 磊 洋 勇 军 杰 涛 超 明 刚 平 辉 鹏 华 飞 鑫 波 斌 宇 浩 凯 健 俊 帆 旭 宁 龙 林 欢 阳 "
    "建华 亮 成 建 峰 建国 建军 晨 瑞 志强 兵 雷 东 博 彬 坤 岩 秀英 桂英 秀兰 玉兰 桂兰 秀珍 "
    "凤英 玉珍 玉英 兰英 丽 敏 静 芳 娜 艳 燕 霞 玲 桂芳 丹 萍 红 玉梅 娟 英 慧 莉 梅 倩 琳 晶 "
    "雪 颖 淑珍 婷 琴 云 洁 红梅 丽娟 桂珍 丽丽 丹丹 海燕 文 铭华 德胜 春生 立新 振华 国庆 "
    "淑华 金凤 永福 宝山 长江 小明 小红 晓东 志刚 海涛 丽华 凤兰 桂香 树林 德福"
)
AREA_CODES = words(
    "230202 230203 230204 230205 230206 230207 230208 230221 230223 230224 230225 230227 "
    "230229 230230 230231 230281 110101 110105 310115 320102 330106 370102 410105 440305 "
    "510107 210102 220102 150102 650102 130102"
)
ROADS = words(
    "建华 中华 龙华 卜奎 新明 永安 民航 光荣 站前 文化 西大 龙沙 和平 繁荣 幸福 "
    "合意 开发 嫩江 青云 明星 南苑 富强 工农 解放 胜利 长青"
)
ROAD_KINDS = ("路", "街", "大街", "大道", "南路", "北路", "东路", "西路")
COMPOUNDS = ("小区", "花园", "家园", "嘉园", "公寓", "新村", "名苑", "华府苑")
ESTATES = words(
    "幸福 阳光 锦绣 紫金 万达 碧桂 龙湖 明珠 御景 盛世 金色 鹤城 绿洲 江南 "
    "水岸 丽水 翠湖 银河 东方 华府"
)
VILLAGES = words("红旗 前进 胜利 东升 新发 永丰 光明 团结 民主 友谊 五一 建设")
TOWNS = words("榆树屯镇 哈拉海乡 扎龙镇 富海镇 忠厚乡 龙河镇")
DISTRICTS = words(
    "齐齐哈尔市龙沙区 齐齐哈尔市建华区 齐齐哈尔市铁锋区 齐齐哈尔市昂昂溪区 "
    "齐齐哈尔市富拉尔基区 齐齐哈尔市碾子山区 齐齐哈尔市梅里斯达斡尔族区 龙江县 依安县 "
    "泰来县 甘南县 富裕县 克山县 克东县 拜泉县 讷河市"
)
BANKS = words(
    "中国农业银行 中国工商银行 中国建设银行 中国银行 齐齐哈尔农村商业银行 龙江银行 邮储银行"
)
ORG_WORDS = words(
    "鑫源 恒达 金鼎 宏图 瑞丰 佳禾 顺发 隆盛 鹤城 卜奎 新世纪 大众 万家 福源 聚鑫 兴旺"
)
ORG_KINDS = words(
    "食品有限公司 商贸有限公司 餐饮管理有限公司 大药房有限公司 建筑工程有限公司 "
    "物业服务有限公司 农业发展有限公司 汽车服务有限公司 超市 酒店"
)
SHOP_KINDS = words(
    "便利店 超市 食杂店 烧烤店 小吃店 饭店 日用品商店 熟食店 蔬菜店 药店 理发店 五金商店"
)
LAWS = words(
    "《中华人民共和国食品安全法》第一百二十二条第一款 《中华人民共和国食品安全法》第三十五条 "
    "《中华人民共和国行政处罚法》第三十二条 《无证无照经营查处办法》第十三条 "
    "《中华人民共和国广告法》第五十五条 《中华人民共和国产品质量法》第五十条 "
    "《中华人民共和国药品管理法》第一百一十五条 《城市市容和环境卫生管理条例》第三十六条"
)
DOC_NUMBERS = (
    "齐市监罚〔{y}〕{n}号",
    "龙市监处罚〔{y}〕第{n}号",
    "黑齐龙城管罚决字〔{y}〕{n}号",
    "建市监罚字〔{y}〕{n}号",
    "齐应急罚〔{y}〕{n}号",
)
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class Sentence:
    parts: list = field(default_factory=list)  # str, or (kind, text)
    person_names: list = field(default_factory=list)

    def add(self, text: str, kind: str | None = None) -> Sentence:
        self.parts.append(text if kind is None else (kind, text))
        return self

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p[1] for p in self.parts)

    def spans(self) -> list[tuple[str, int, int, str]]:
        """(kind, start, end, text) of every marked part, ``keep`` ones included."""
        out, pos = [], 0
        for part in self.parts:
            text = part if isinstance(part, str) else part[1]
            if not isinstance(part, str):
                out.append((part[0], pos, pos + len(text), text))
            pos += len(text)
        return out

    def expected(self) -> list[tuple[str, int, int, str]]:
        return [s for s in self.spans() if s[0] != KEEP]

    def kept(self) -> list[tuple[str, int, int, str]]:
        return [s for s in self.spans() if s[0] == KEEP]

    def masked(self) -> str:
        """The sentence as redact_text must return it."""
        from disclosure.redaction import mask_person_name

        out = []
        for part in self.parts:
            if isinstance(part, str) or part[0] == KEEP:
                out.append(part if isinstance(part, str) else part[1])
            elif part[0] in ("person_name", "unlisted_name"):
                out.append(mask_person_name(part[1]))
            else:
                out.append("*" * len(part[1]))
        return "".join(out)


class Gen:
    def __init__(self, seed: int = 20):
        self.r = random.Random(seed)

    # --- people and numbers --------------------------------------------------------------
    def name(self, compound: bool = False) -> str:
        r = self.r
        if compound or r.random() < 0.08:
            surname = r.choice(sorted(COMPOUND_SURNAMES))
        else:
            surname = r.choice(COMMON_SURNAMES)
        return surname + r.choice(GIVEN)

    def names(self, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            candidate = self.name()
            if all(candidate not in o and o not in candidate for o in out):
                out.append(candidate)
        return out

    def birth(self) -> dt.date:
        return dt.date(1950, 1, 1) + dt.timedelta(days=self.r.randrange(20000))

    def id18(self, valid: bool = True) -> str:
        body = self.r.choice(AREA_CODES) + self.birth().strftime("%Y%m%d")
        body += f"{self.r.randrange(1000):03d}"
        check = ric.calc_check_digit(body + "0")
        if not valid:
            check = self.r.choice([c for c in "0123456789X" if c != check])
        return body + check

    def id15(self) -> str:
        return (
            self.r.choice(AREA_CODES)
            + self.birth().strftime("%y%m%d")
            + f"{self.r.randrange(1000):03d}"
        )

    def spaced(self, digits: str) -> str:
        style = self.r.choice(["plain", "plain", "6-8-4", "4s", "dash", "fullwidth", "lower"])
        if style == "6-8-4" and len(digits) == 18:
            return f"{digits[:6]} {digits[6:14]} {digits[14:]}"
        if style == "4s":
            return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
        if style == "dash" and len(digits) == 18:
            return f"{digits[:6]}-{digits[6:14]}-{digits[14:]}"
        if style == "fullwidth":
            return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in digits)
        if style == "lower":
            return digits.lower()
        return digits

    def mobile(self) -> str:
        number = self.r.choice("3456789") + "".join(self.r.choice("0123456789") for _ in range(9))
        number = "1" + number
        style = self.r.choice(["plain", "plain", "space", "dash", "+86"])
        if style == "space":
            return f"{number[:3]} {number[3:7]} {number[7:]}"
        if style == "dash":
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if style == "+86":
            return f"+86 {number}"
        return number

    def landline(self) -> str:
        area = self.r.choice(["0452", "0451", "010", "021", "0459"])
        number = self.r.choice("2345678") + "".join(self.r.choice("0123456789") for _ in range(6))
        style = self.r.choice(["dash", "bracket", "space", "ext"])
        if style == "bracket":
            return f"({area}){number}"
        if style == "space":
            return f"{area} {number}"
        if style == "ext":
            return f"{area}-{number}转{self.r.randrange(100, 999)}"
        return f"{area}-{number}"

    def card(self) -> str:
        body = "62" + "".join(self.r.choice("0123456789") for _ in range(16))
        for check in "0123456789":
            if _luhn(body + check):
                number = body + check
                break
        return (
            " ".join(number[i : i + 4] for i in range(0, 19, 4))
            if self.r.random() < 0.5
            else number
        )

    def account(self) -> str:
        while True:
            length = self.r.choice([16, 17, 19, 20, 21])
            digits = self.r.choice("0123456789") + "".join(
                self.r.choice("0123456789") for _ in range(length - 1)
            )
            if not _luhn(digits) and not digits.startswith("62"):
                break
        if self.r.random() < 0.3:
            return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
        return digits

    def plate(self) -> str:
        letter = self.r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
        digits = "".join(self.r.choice("0123456789") for _ in range(4))
        kind = self.r.choice(["std", "std_letter", "ev_small", "ev_big", "dot"])
        if kind == "std":
            return f"黑{letter}{digits}{self.r.randrange(10)}"
        if kind == "std_letter":
            return f"黑{letter}{self.r.choice(PLATE_LETTERS)}{digits}"
        if kind == "ev_small":
            return f"黑{letter}{self.r.choice('DF')}{self.r.choice(PLATE_LETTERS)}{digits}"
        if kind == "ev_big":
            return f"黑{letter}{digits}{self.r.randrange(10)}{self.r.choice('DF')}"
        return f"黑{letter}·{digits}{self.r.randrange(10)}"

    def social(self) -> tuple[str, str]:
        label = self.r.choice(["微信号", "微信号：", "QQ号", "QQ：", "抖音号", "快手号"])
        if label.startswith("QQ"):
            value = str(self.r.randrange(10000, 9999999999))
        else:
            value = (
                self.r.choice(["wx", "zhang", "li", "ql", "tt"])
                + "_"
                + str(self.r.randrange(1000, 99999))
            )
        return label, value

    # --- places and organisations ------------------------------------------------------------
    def road_address(self) -> str:
        r = self.r
        out = f"{r.choice(ROADS)}{r.choice(ROAD_KINDS)}{r.randrange(1, 300)}号"
        style = r.choice(["plain", "building", "full", "compound", "dash"])
        if style == "building":
            out += f"{r.randrange(1, 30)}栋{r.randrange(1, 8)}单元{r.randrange(1, 30)}{r.randrange(1, 5):02d}室"
        elif style == "full":
            out += f"{r.randrange(1, 30)}号楼{r.randrange(1, 8)}单元{r.randrange(1, 30)}层{r.randrange(1, 5):02d}室"
        elif style == "compound":
            out += f"{r.choice(ESTATES)}{r.choice(COMPOUNDS)}{r.randrange(1, 30)}幢{r.randrange(101, 2505)}室"
        elif style == "dash":
            out += f"{r.randrange(1, 30)}-{r.randrange(1, 8)}-{r.randrange(101, 2505)}"
        return out

    def estate_address(self) -> str:
        r = self.r
        return (
            f"{r.choice(ESTATES)}{r.choice(COMPOUNDS)}{r.randrange(1, 30)}号楼"
            f"{r.randrange(1, 8)}单元{r.randrange(101, 2505)}室"
        )

    def village_address(self) -> str:
        return f"{self.r.choice(VILLAGES)}村{self.r.choice('一二三四五六七八九')}组"

    def company(self) -> str:
        return f"齐齐哈尔市{self.r.choice(ORG_WORDS)}{self.r.choice(ORG_KINDS)}"

    def shop(self, owner: str) -> str:
        prefix = self.r.choice(["", "龙沙区", "建华区", "铁锋区"])
        return f"{prefix}{owner}{self.r.choice(SHOP_KINDS)}"

    def uscc(self) -> str:
        body = "91230200" + "".join(
            self.r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9)
        )
        return body + uscc.calc_check_digit(body)

    def doc_number(self) -> str:
        return self.r.choice(DOC_NUMBERS).format(
            y=self.r.choice([2025, 2026]), n=self.r.randrange(1, 400)
        )

    def date(self) -> str:
        d = dt.date(2025, 1, 1) + dt.timedelta(days=self.r.randrange(700))
        return f"{d.year}年{d.month}月{d.day}日"

    def amount(self) -> str:
        return self.r.choice(
            [
                f"{self.r.randrange(1, 99) * 100}元",
                f"{self.r.randrange(1, 50)}万元",
                f"人民币{self.r.randrange(1000, 99999)}元",
                f"{self.r.randrange(1, 9999)}.{self.r.randrange(10, 99)}元",
            ]
        )

    def big_amount(self) -> tuple[str, str]:
        """An 11-digit amount beginning with 1, after an amount word: never a mobile number."""
        number = "1" + "".join(self.r.choice("0123456789") for _ in range(10))
        before = self.r.choice(["罚款", "没收违法所得", "金额：", "货值金额", "罚没款合计"])
        return before, number + self.r.choice(["元", "元整", " 元"])


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# --- sentence templates ---------------------------------------------------------------------


def t_party_id(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    s.add("当事人").add(name, "person_name").add("，公民身份号码")
    s.add(g.spaced(g.id18(valid=g.r.random() < 0.6)), "id_number")
    s.add("，住").add(g.r.choice(DISTRICTS)).add(g.road_address(), "address").add("。")
    return s


def t_party_phone(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    s.add("经查，").add(name, "person_name").add("于").add(g.date(), KEEP)
    s.add("在其经营场所销售过期食品，联系电话").add(g.mobile(), "mobile")
    s.add(g.r.choice(["。", "，违法所得", "；"]))
    return s


def t_landline(g: Gen) -> Sentence:
    s = Sentence()
    company = g.company()
    s.add("当事人").add(company, KEEP).add("（统一社会信用代码").add(g.uscc(), KEEP)
    s.add("），联系人电话").add(g.landline(), "landline").add("，被处以罚款").add(
        g.amount(), KEEP
    ).add("。")
    return s


def t_account(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    bank = g.r.choice(BANKS)
    word = g.r.choice(
        ["，账号", "，账户", "，银行账号：", "，开户行" + bank + "，账号", "，对公账户"]
    )
    s.add("罚款由").add(name, "person_name").add("缴纳，开户行").add(bank)
    s.add(word).add(g.account(), "bank_account").add("。")
    return s


def t_card(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    s.add(name, "person_name").add("通过银行卡").add(g.card(), "bank_account")
    s.add("收取货款").add(g.amount(), KEEP).add("。")
    return s


def t_big_amount(g: Gen) -> Sentence:
    before, amount = g.big_amount()
    s = Sentence()
    s.add("依据").add(g.r.choice(LAWS), KEEP).add("，决定").add(before).add(amount, KEEP)
    s.add("，决定书文号").add(g.doc_number(), KEEP).add("。")
    return s


def t_id15(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    s.add("代理人").add(name, "person_name").add("持旧身份证").add(g.id15(), "id_number").add(
        "到场。"
    )
    return s


def t_estate(g: Gen) -> Sentence:
    s = Sentence()
    s.add("现场检查地点位于").add(g.r.choice(DISTRICTS)).add(g.estate_address(), "address")
    s.add("，检查时间").add(g.date(), KEEP).add("。")
    return s


def t_village(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    town = g.r.choice(TOWNS)
    s.add(name, "person_name").add("，住").add(g.r.choice(DISTRICTS[7:])).add(town)
    s.add(g.village_address(), "address").add("，从事生猪私屠滥宰。")
    return s


def t_plate(g: Gen) -> Sentence:
    name = g.name()
    s = Sentence(person_names=[name])
    s.add("当事人").add(name, "person_name").add("驾驶车牌号为").add(g.plate(), "plate")
    s.add("的货车运输未经检疫的猪肉，依据").add(g.r.choice(LAWS), KEEP).add("予以处罚。")
    return s


def t_social(g: Gen) -> Sentence:
    name = g.name()
    label, value = g.social()
    s = Sentence(person_names=[name])
    s.add(name, "person_name").add("通过").add(label).add(value, "social_id")
    s.add("发布虚假广告，罚款").add(g.amount(), KEEP).add("。")
    return s


def t_witness(g: Gen) -> Sentence:
    party, witness = g.names(2)
    s = Sentence(person_names=[party])
    role = g.r.choice(["证人", "见证人", "其妻", "其子", "邻居", "店员", "顾客", "委托代理人"])
    s.add("当事人").add(party, "person_name").add("经营期间，").add(role).add(
        witness, "unlisted_name"
    )
    s.add(g.r.choice(["在场", "称其于", "证实", "对此无异议", "、"]))
    s.add("。" if s.parts[-1] != "、" else "社区工作人员到场。")
    return s


def t_unlisted_free(g: Gen) -> Sentence:
    party, other = g.names(2)
    s = Sentence(person_names=[party])
    style = g.r.choice(["intro", "with", "says", "paid"])
    if style == "intro":
        s.add("经").add(other, "unlisted_name").add("介绍，").add(party, "person_name").add(
            "购进该批货物。"
        )
    elif style == "with":
        s.add(party, "person_name").add("与").add(other, "unlisted_name").add("合伙经营该店。")
    elif style == "says":
        s.add(other, "unlisted_name").add("陈述，").add(party, "person_name").add("未取得许可。")
    else:
        s.add(party, "person_name").add("将货款交给").add(other, "unlisted_name").add("保管。")
    return s


def t_shop(g: Gen) -> Sentence:
    owner = g.name()
    s = Sentence(person_names=[owner])
    shop = g.shop(owner)
    s.add("当事人").add(shop, KEEP).add("（个体工商户，经营者").add(owner, "person_name")
    s.add("）未按规定公示营业执照，罚款").add(g.amount(), KEEP).add("。")
    return s


def t_whole_name(g: Gen) -> Sentence:
    """A listed 张三 is not found inside 张三丰, who is someone else."""
    surname = g.r.choice(COMMON_SURNAMES)
    given = g.r.choice([x for x in GIVEN if len(x) == 1])
    longer = g.r.choice([x for x in "丰华明军伟峰" if x != given])
    party, other = surname + given, surname + given + longer
    s = Sentence(person_names=[party])
    s.add("当事人").add(party, "person_name").add("，证人").add(other, "unlisted_name").add(
        "在场。"
    )
    return s


def t_wuming(g: Gen) -> Sentence:
    name = g.r.choice(
        ["吴铭华", "司马光明", "欧阳娜娜", "诸葛建国", "上官秀英", "吴德胜", "马东方"]
    )
    s = Sentence(person_names=[name])
    s.add("当事人").add(name, "person_name").add("于").add(g.date(), KEEP).add("收到决定书")
    s.add(g.doc_number(), KEEP).add("。")
    return s


def t_org(g: Gen) -> Sentence:
    company = g.company()
    s = Sentence()
    s.add(company, KEEP).add("违反").add(g.r.choice(LAWS), KEEP).add("的规定，")
    s.add("没收违法所得").add(g.amount(), KEEP).add("，并处罚款").add(g.amount(), KEEP).add("。")
    return s


def t_everything(g: Gen) -> Sentence:
    party, agent = g.names(2)
    s = Sentence(person_names=[party, agent])
    s.add("当事人").add(party, "person_name").add("，身份证号").add(g.spaced(g.id18()), "id_number")
    s.add("，手机").add(g.mobile(), "mobile").add("，委托代理人").add(agent, "person_name")
    s.add("，经营地址").add(g.r.choice(DISTRICTS)).add(g.road_address(), "address").add("。")
    return s


TEMPLATES = (
    t_party_id,
    t_party_phone,
    t_landline,
    t_account,
    t_card,
    t_big_amount,
    t_id15,
    t_estate,
    t_village,
    t_plate,
    t_social,
    t_witness,
    t_unlisted_free,
    t_shop,
    t_whole_name,
    t_wuming,
    t_org,
    t_everything,
)


def corpus(size: int = 252, seed: int = 20) -> list[Sentence]:
    """``size`` sentences, the templates in turn, each with fresh random parts."""
    g = Gen(seed)
    return [TEMPLATES[i % len(TEMPLATES)](g) for i in range(size)]
