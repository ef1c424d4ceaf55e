"""Masking of private data before publication (DOMAIN.md, "Masking private data").

``find_sensitive`` finds every passage about a natural person that must not be published:
resident ID numbers (any spacing, valid or not), bank accounts and cards, mobile and landline
numbers, e-mail, addresses below the district, number plates, social-media ids, the persons
the caller names and the person names a Chinese segmenter (jieba) tags in the text.
``redact_text`` replaces them: names by surname + 某, everything else by asterisks.
Organisation names, unified social credit codes, article and document numbers, dates and
amounts stay. Full-width digits and zero-width characters do not hide anything.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from stdnum.cn import ric, uscc

from .surnames import COMPOUND_SURNAMES, SINGLE_SURNAMES, starts_with_surname, surname_of, words

__all__ = [
    "COMPOUND_SURNAMES",
    "KINDS",
    "Finding",
    "find_sensitive",
    "mask_person_name",
    "redact_text",
]

KINDS = (
    "id_number",
    "bank_account",
    "mobile",
    "landline",
    "email",
    "address",
    "plate",
    "social_id",
    "person_name",  # a name the caller listed
    "unlisted_name",  # a name the segmenter found
)

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_FULL_WIDTH = (
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {
        "＠": "@",
        "－": "-",
        "（": "(",
        "）": ")",
        "＋": "+",
        "．": ".",
        "：": ":",
        "\u3000": " ",
    }
)

_CJK = "\u4e00-\u9fff"
# province-level prefixes of GB/T 2260 area codes (the first two digits of a resident ID)
_PROVINCES = frozenset(
    words(
        "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
        "61 62 63 64 65 71 81 82 83 91"
    )
)
_SEP = r"[ \-‐.·]?"
# a number does not start or end in the middle of a longer one written in groups
_B = r"(?<![0-9A-Za-z])(?<![0-9][ \-.·])"
_E = r"(?![0-9A-Za-z])(?![ \-.·][0-9])"
_ID18 = re.compile(_B + r"\d(?:" + _SEP + r"\d){16}" + _SEP + r"[0-9Xx]" + _E)
_ID15 = re.compile(_B + r"\d(?:" + _SEP + r"\d){14}" + _E)
_LONG_DIGITS = re.compile(_B + r"\d(?:[ \-]?\d){15,20}" + _E)
_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _E)
_LANDLINE = re.compile(
    _B + r"(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?" + _E
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CREDIT_CODE_WORDS = re.compile(r"(信用代码|机构代码|注册号|登记号|代码)")
_ACCOUNT_WORDS = re.compile(
    r"(账号|帐号|账户|帐户|开户行|开户银行|银行卡|卡号|银行|户名|收款|付款|转账|转入|汇款|汇入|存入|储蓄卡|信用卡|借记卡|对公)"
)
_AMOUNT_AFTER = re.compile(r"\s*(?:元|圆|万|亿|块|角|美元|港元|人民币|千元|百元)")
_AMOUNT_BEFORE = re.compile(
    r"(罚款|罚没|金额|没收|人民币|￥|¥|共计|合计|计|货值|案值|所得|价款|营业额|销售额|收入|款项|总额|价值)[^0-9]{0,4}$"
)
_PHONE_WORDS = re.compile(r"(电话|手机|联系|致电|拨打|号码|热线|tel|Tel|TEL|座机|来电)")
_PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    r"(?<![0-9A-Za-z])[" + _PROVINCE_ABBR + r"][A-HJ-NP-Z][·•.\- ]?"
    r"(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警])"
    r"(?![0-9A-Za-z])"
)
_SOCIAL = re.compile(
    r"(?:微信号?|微信账号|vx|VX|QQ号?|qq号?|QQ号码|微博(?:账号|昵称|号)?|抖音号?|抖音账号|快手号?|"
    r"小红书号?|支付宝(?:账号)?)"
    r"\s*(?:为|是|:|：)?\s*"
    r"(“[^”]{1,30}”|\"[^\"]{1,30}\"|「[^」]{1,30}」|[A-Za-z0-9_\-@.]{4,40})"
)
_NUM = r"(?:\d+|[零〇一二三四五六七八九十百]+)"
_ROAD = r"(?P<head>[" + _CJK + r"]{1,16}?)(?:大街|大道|路|街|巷|胡同|弄)"
_AREA = (
    r"(?P<head>[" + _CJK + r"]{1,16}?)(?:小区|花园|家园|嘉园|公寓|大厦|新村|社区|苑|园|城|广场|村)"
)
_TAIL = (
    r"(?:" + _NUM + r"(?:号楼|栋|幢|座|号院|楼))?"
    r"(?:" + _NUM + r"单元)?"
    r"(?:" + _NUM + r"(?:层|楼))?"
    r"(?:" + _NUM + r"(?:室|号房|房间|户|号))?"
    r"(?:\d+(?:-\d+){1,3}(?:室|号)?)?"
)
_ADDRESSES = [
    # road or street + number, with building, unit, floor and room after it
    re.compile(
        _ROAD
        + _NUM
        + r"号(?:附"
        + _NUM
        + r"号)?(?:["
        + _CJK
        + r"]{1,16}(?:小区|花园|家园|嘉园|公寓|大厦|新村|社区|苑|园|城|广场))?"
        + _TAIL
    ),
    # a compound or village with its building, unit and room
    re.compile(
        _AREA
        + r"(?:"
        + _NUM
        + r"(?:号楼|栋|幢|座|号院)"
        + _TAIL
        + r"|"
        + _NUM
        + r"单元"
        + _TAIL
        + r"|\d+(?:-\d+){1,3}(?:室|号)?|"
        + _NUM
        + r"(?:组|屯|号))"
    ),
    # a building chain standing alone: 3栋2单元501室
    re.compile(
        _NUM
        + r"(?:号楼|栋|幢)"
        + _NUM
        + r"单元(?:"
        + _NUM
        + r"(?:层|楼))?(?:"
        + _NUM
        + r"(?:室|号|户))?"
    ),
    # village group
    re.compile(r"(?P<head>[" + _CJK + r"]{1,6}?)村" + _NUM + r"(?:组|社|屯)"),
]
# where an address's head stops: administrative levels that stay public, and cue words
_ADDRESS_HEAD_CUT = re.compile(r".*(?:省|市|区|县|镇|乡|街道|住|址|于|在|为|是|至|到|、)")

# names of organisations: a name followed by one of these is part of the organisation's name
_ORG_SUFFIX = words(
    "有限责任公司 股份有限公司 有限公司 分公司 公司 集团 便利店 超市 商店 商行 商场 商贸 商社 经销部 "
    "经营部 门市部 批发部 小卖部 食杂店 杂货店 饭店 酒店 宾馆 旅店 旅馆 餐厅 餐馆 饭馆 酒家 食堂 "
    "烧烤 火锅 面馆 熟食 卤味 药店 药房 大药房 诊所 医院 门诊 卫生室 工作室 事务所 合作社 中心 厂 "
    "加工厂 加工坊 作坊 农家乐 网吧 理发店 美发 美容院 汽修 修理部 加油站 养殖场 种植园 农场 学校 "
    "幼儿园 培训 协会 委员会 店 馆 厂"
)
_ORG_SUFFIXES = tuple(_ORG_SUFFIX)
_LONG_ORG_SUFFIXES = tuple(sorted((x for x in _ORG_SUFFIX if len(x) > 1), key=len, reverse=True))
_ORG_TAIL = re.compile(
    r"["
    + _CJK
    + r"]{0,6}?(?P<suffix>"
    + "|".join(sorted(_ORG_SUFFIX, key=len, reverse=True))
    + r")"
)
# characters that end a name's clause: an organisation name never runs through them
_CLAUSE_WORDS = set("在于对向与和及是将把被从自给为称说已未曾并又也都就才因")
# after a listed role word, a person's name follows
_ROLE_WORDS = re.compile(
    r"(?:证人|当事人|委托代理人|代理人|法定代表人|负责人|经营者|业主|户主|其妻|其夫|其子|其女|其父|其母|"
    r"妻子|丈夫|儿子|女儿|父亲|母亲|亲属|员工|雇员|店员|顾客|消费者|举报人|投诉人|见证人|陪同人|邻居|"
    r"房东|司机|驾驶人|驾驶员|监护人|联系人|收款人|申请人|被申请人|受害人|同事|朋友|工人|厨师|"
    r"服务员|会计|出纳|股东|承租人|出租人|购买人|购买者|销售者)"
    r"(?:为|是|:|：)?"
)
_CAPITAL_NUMERALS = set("零壹贰叁肆伍陆柒捌玖拾佰仟")
_CUE_WORDS = re.compile(r"(?:经|与|和|由|交给|给|向|同|跟|叫|让|委托|雇佣|雇用)")
_NAME_FOLLOWERS = set(
    "、，。,;；：:（(）) \n在称于对向与和及是将把被从自说已未曾并又也都就因等的到来去系同经证"
    "持陈介购驾通合保收缴签拒认表提申交出进无所以不没作接住先均负为要违擅租开雇卖买销运使用"
)
_NOT_NAMES = frozenset(
    words(
        "执法 经查 当事 调查 现场 本案 上述 如下 证据 处罚 决定 无证 经营 销售 生产 检查 责令 改正 "
        "没收 罚款 违法 法定 代表 公示 行政 市场 监管 管理 人民 政府 齐齐 哈尔 黑龙 龙江 中华 共和 "
        "国家 食品 药品 安全 质量 卫生 环境 交通 公安 城管 文化 旅游 应急 消防 林草 自然 资源 "
        "平安 和平 建华 龙沙 铁锋 昂昂 富拉 碾子 梅里 富裕 明月 高新 江南 于是 金额 万元 元整"
    )
)


@dataclass(frozen=True)
class Finding:
    """A passage to mask: its kind (one of ``KINDS``), where it stands, and its text."""

    kind: str
    start: int
    end: int
    text: str = ""


def mask_person_name(name: str) -> str:
    """张三 -> 张某, 欧阳娜娜 -> 欧阳某, 吴铭华 -> 吴某 (吴铭 is not a compound surname)."""
    name = name.strip()
    if not name:
        return name
    return surname_of(name) + "某"


# --- the segmenter -----------------------------------------------------------------------

_SEGMENTER = None
_SEGMENTER_LOCK = threading.Lock()


def _segmenter():
    """jieba's POS tokenizer, built once on first use; its cache lives in the temp dir."""
    global _SEGMENTER
    if _SEGMENTER is None:
        with _SEGMENTER_LOCK:
            if _SEGMENTER is None:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = os.environ.get("JIEBA_CACHE_DIR") or os.path.join(
                    tempfile.gettempdir(), "enforcement_portal_jieba"
                )
                os.makedirs(tokenizer.tmp_dir, exist_ok=True)
                tokenizer.initialize()
                _SEGMENTER = jieba.posseg.POSTokenizer(tokenizer)
    return _SEGMENTER


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word, flag) for every token of the text."""
    out, pos = [], 0
    for pair in _segmenter().cut(text):
        word = pair.word
        out.append((pos, pos + len(word), word, pair.flag))
        pos += len(word)
    return out


# --- checks ------------------------------------------------------------------------------


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        birth = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= birth <= dt.date.today()


def _id18_shape(digits: str) -> bool:
    """A real birth date, and a province's area code or a right check character (GB 11643).

    A wrong check character is still a person's number (a clerk's typo)."""
    if not digits[:17].isdigit():
        return False
    if not _valid_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14])):
        return False
    return digits[:2] in _PROVINCES or ric.calc_check_digit(digits) == digits[-1]


def _id15_shape(digits: str) -> bool:
    if digits[:2] not in _PROVINCES:
        return False
    return _valid_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _is_amount(norm: str, start: int, end: int) -> bool:
    """A number that is money: 元/万元 after it, or 罚款/金额/没收 just before it."""
    if _AMOUNT_AFTER.match(norm, end):
        return True
    before = norm[max(0, start - 8) : start]
    return bool(_AMOUNT_BEFORE.search(before)) and not _PHONE_WORDS.search(before)


def _normalise(text: str) -> tuple[str, list[int]]:
    """A copy with ASCII digits and no zero-width characters, and where each char came from."""
    chars, origin = [], []
    for index, char in enumerate(text):
        if char in _ZERO_WIDTH:
            continue
        chars.append(_FULL_WIDTH.get(char, char))
        origin.append(index)
    return "".join(chars), origin


def _org_spans(norm: str, tokens) -> list[tuple[int, int]]:
    """Where an organisation's name starting with a person-like name stands (王小明便利店)."""
    spans = []
    for start, end, word, flag in tokens:
        if not flag.startswith("nr") and not starts_with_surname(word):
            continue
        org_end = _org_end(norm, end, tokens)
        if org_end is not None:
            spans.append((start, org_end))
    return spans


_NOT_IN_ORG_NAMES = ("v", "d", "p", "r", "c", "u", "x")


def _followed_by_org(norm: str, end: int, tokens=()) -> bool:
    return _org_end(norm, end, tokens) is not None


def _org_end(norm: str, end: int, tokens=()) -> int | None:
    """Where an organisation's name ends when the words right after ``end`` finish one
    (便利店, 有限公司): up to four words, none of them a verb, preposition, pronoun or
    punctuation, the last ending in an organisation's suffix."""
    for suffix in _LONG_ORG_SUFFIXES:
        if norm.startswith(suffix, end):
            return end + len(suffix)  # 谭玉英超市, however the segmenter cut it
    following = [t for t in tokens if t[0] >= end]
    if not following or following[0][0] != end:
        return None
    for count, (_t_start, t_end, word, flag) in enumerate(following[:4]):
        if t_end - end > 10:
            return None
        if flag.startswith(("r", "p", "c", "u", "d", "x")):
            return None  # 该店, 在, 和: the name's clause goes on, no organisation
        if word.endswith(_ORG_SUFFIXES):
            after = norm[t_end : t_end + 1]
            return None if after and after in "员长主内外分所面地里上下门" else t_end
        if (flag.startswith(_NOT_IN_ORG_NAMES) and flag != "vn") or count == 3:
            return None
    return None


def _name_like(word: str) -> bool:
    if not 2 <= len(word) <= 4 or not re.fullmatch(r"[" + _CJK + r"]+", word):
        return False
    if not starts_with_surname(word) or word.endswith("某") or word in _NOT_NAMES:
        return False
    if word in COMPOUND_SURNAMES or set(word) & _CAPITAL_NUMERALS:
        return False  # a surname alone; an amount in capitals (伍佰陆拾)
    given = word[len(surname_of(word)) :] if len(word) > 2 else word[1:]
    return 1 <= len(given) <= 2


_PLACE_AFTER = re.compile(r"[" + _CJK + r"]{0,2}(?:乡|镇|村|屯|县|区|市|省|路|街|道|河|江|山)")
_NOT_NAME_END = set("县市区镇乡村屯法条款局所厅委办队站处科室组路街省")
_SPLIT_FLAGS = ("ns", "nr", "nz", "n", "a", "ng", "j", "nt")
_BEFORE_NAME = set('，。；：:、（(“" \n经与和由给被向对让叫及跟同找请') | {""}


def _name_candidates(norm: str, tokens) -> list[tuple[int, int]]:
    """Spans that read as a person's name: jieba's person names, a surname followed by a
    short word the segmenter split off (钱 + 长江), and a name after a role word (证人...).
    Words of the dictionary that only look like names (陈述, 许可), place names and names
    inside a law's title 《...》 are left out."""
    freq = _segmenter().tokenizer.FREQ
    tags = _segmenter().word_tag_tab
    found: list[tuple[int, int]] = []

    def inside_title(start: int) -> bool:
        return norm.rfind("《", 0, start) > norm.rfind("》", 0, start)

    def ok(start: int, end: int, *, from_dictionary: bool, split: bool = False) -> bool:
        word = norm[start:end]
        if not _name_like(word) or word[-1] in _NOT_NAME_END or inside_title(start):
            return False
        given = word[len(surname_of(word)) :]
        given_tag = tags.get(given, "") if len(given) == 2 else ""
        if given_tag.startswith(("v", "d", "p", "c", "u", "r")) and (freq.get(given) or 0) >= 100:
            return False  # 经 + 审查
        if from_dictionary and len(word) == 2 and (freq.get(word) or 0) >= 300:
            return False  # a common word of the dictionary: 陈述, 许可
        if from_dictionary and len(word) == 3 and (freq.get(word) or 0) >= 50:
            return False  # 经营者, 代理人
        if _PLACE_AFTER.match(norm, end) and norm[end : end + 1] not in _NAME_FOLLOWERS:
            return False  # 哈拉 + 海乡
        for t_start, t_end, t_word, t_flag in tokens:
            if t_end <= start or t_start >= end:
                continue
            known = freq.get(t_word) or 0
            if (t_start < start or t_end > end) and known:
                return False  # cuts through a word of the dictionary: 同时适用, 许可证
            if t_start == start and t_word == surname_of(word):
                continue  # the surname standing alone (任, 经): its tag says nothing
            if t_flag.startswith(("v", "d", "p", "c", "u", "r")) and known >= 100:
                return False  # 应当自, 经审查
            if split and t_flag == "n" and len(t_word) == 2 and known >= 2000:
                return False  # 经 + 机关
        return not _followed_by_org(norm, end, tokens)

    def add(start: int, end: int) -> None:
        if not any(start < e and s < end for s, e in found):
            found.append((start, end))

    # after a role word, or between a preposition and a verb (经钟晶介绍), the name
    cues = [(m.end(), False) for m in _ROLE_WORDS.finditer(norm)]
    cues += [(m.end(), True) for m in _CUE_WORDS.finditer(norm)]
    for start, is_cue in sorted(cues):
        if norm[start : start + 2] in COMPOUND_SURNAMES:
            given_at = start + 2
        elif norm[start : start + 1] in SINGLE_SURNAMES:
            given_at = start + 1
        else:
            continue
        for length in (2, 1):
            given = norm[given_at : given_at + length]
            after = norm[given_at + length : given_at + length + 1]
            is_cjk = len(given) == length and re.fullmatch(r"[" + _CJK + r"]+", given)
            if is_cjk and (not after or after in _NAME_FOLLOWERS):
                if ok(start, given_at + length, from_dictionary=is_cue):
                    add(start, given_at + length)
                break

    for index, (start, end, word, flag) in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        before = norm[start - 1 : start] if start else ""
        # a surname standing alone, and the short word after it: 钱 + 长江, 欧阳 + 娜娜
        if nxt and (word in COMPOUND_SURNAMES or (len(word) == 1 and word in SINGLE_SURNAMES)):
            _n_start, n_end, n_word, n_flag = nxt
            after = norm[n_end : n_end + 1]
            if (
                1 <= len(n_word) <= 2
                and n_flag.startswith(_SPLIT_FLAGS)
                and (before in _BEFORE_NAME or word in COMPOUND_SURNAMES)
                and (not after or after in _NAME_FOLLOWERS)
                and ok(start, n_end, from_dictionary=False, split=True)
            ):
                add(start, n_end)
                continue
        if not flag.startswith("nr"):
            # a name the segmenter took for a place or a thing, standing between a
            # preposition or punctuation and a verb: 经孟丹介绍, 与杨龙合伙
            after = norm[end : end + 1]
            if (
                2 <= len(word) <= 3
                and flag.startswith(_SPLIT_FLAGS)
                and before in _BEFORE_NAME
                and (not after or after in _NAME_FOLLOWERS)
                and ok(start, end, from_dictionary=True)
            ):
                add(start, end)
            continue
        # a three-character "name" ending in a verb: 彭旭 + 持
        if (
            len(word) == 3
            and word[-1] in _NAME_FOLLOWERS
            and (freq.get(word) or 0) < 50
            and ok(start, end - 1, from_dictionary=True)
        ):
            add(start, end - 1)
        elif ok(start, end, from_dictionary=True):
            add(start, end)
    return sorted(found)


def find_sensitive(text: str, *, person_names: Iterable[str] = ()) -> list[Finding]:
    """Every passage ``redact_text`` masks, in order, without overlaps.

    ``person_names`` are natural persons linked to the case; each is found as a whole name
    (张三 is not found inside 张三丰) and never inside an organisation's name (王小明便利店).
    """
    if not text:
        return []
    norm, origin = _normalise(text)
    taken: list[tuple[int, int, str]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e, _ in taken)

    def claim(start: int, end: int, kind: str) -> None:
        if start < end and free(start, end):
            taken.append((start, end, kind))

    # e-mail and social-media ids first: their digits are not phone numbers
    for m in _EMAIL.finditer(norm):
        claim(m.start(), m.end(), "email")
    for m in _SOCIAL.finditer(norm):
        value = m.group(1)
        if value[0] in '“"「':
            claim(m.start(1) + 1, m.end(1) - 1, "social_id")
        else:
            claim(m.start(1), m.end(1), "social_id")

    for m in _ID18.finditer(norm):
        digits = re.sub(r"[^0-9Xx]", "", m.group()).upper()
        if not _id18_shape(digits):
            continue
        credit_code = _CREDIT_CODE_WORDS.search(norm[max(0, m.start() - 16) : m.start()])
        if credit_code and ric.calc_check_digit(digits) != digits[-1] and uscc.is_valid(digits):
            continue  # an organisation's all-digit credit code
        claim(m.start(), m.end(), "id_number")
    for m in _ID15.finditer(norm):
        digits = re.sub(r"\D", "", m.group())
        if _id15_shape(digits) and not _is_amount(norm, m.start(), m.end()):
            claim(m.start(), m.end(), "id_number")

    for m in _MOBILE.finditer(norm):
        if not _is_amount(norm, m.start(), m.end()):
            claim(m.start(), m.end(), "mobile")
    for m in _LONG_DIGITS.finditer(norm):
        digits = re.sub(r"\D", "", m.group())
        if not 16 <= len(digits) <= 21 or _is_amount(norm, m.start(), m.end()):
            continue
        context = norm[max(0, m.start() - 12) : m.start()]
        card = len(digits) <= 19 and (_luhn(digits) or digits.startswith("62"))
        if card or _ACCOUNT_WORDS.search(context):
            claim(m.start(), m.end(), "bank_account")
    for m in _LANDLINE.finditer(norm):
        if not _is_amount(norm, m.start(), m.end()):
            claim(m.start(), m.end(), "landline")

    tokens = _tokens(norm)
    orgs = _org_spans(norm, tokens)

    def in_org(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in orgs)

    for m in _PLATE.finditer(norm):
        clause_start = max(norm.rfind(c, 0, m.start()) for c in "，。；;,\n")
        clause = norm[clause_start + 1 : m.start()]
        if re.search(r"(公司|集团|单位|厂|店|局|中心)(名下|所有|所属|的)", clause):
            continue  # an organisation's vehicle
        claim(m.start(), m.end(), "plate")

    for pattern in _ADDRESSES:
        for m in pattern.finditer(norm):
            start = m.start()
            head_end = m.end("head") if "head" in pattern.groupindex else start
            cut = _ADDRESS_HEAD_CUT.match(norm, start, head_end)
            if cut:
                start = cut.end()
            claim(start, m.end(), "address")

    # listed persons, as whole names: not inside a longer name (张三 in 张三丰), nor an
    # organisation's name (王小明便利店)
    candidates = _name_candidates(norm, tokens)
    names = {_normalise(n)[0].strip() for n in person_names if n and n.strip()}
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), norm):
            start, end = m.start(), m.end()
            after = norm[end : end + 1]
            longer = any(s <= start and end <= e and e - s > end - start for s, e in candidates)
            if longer and after and after not in _NAME_FOLLOWERS:
                continue
            if in_org(start, end) or _followed_by_org(norm, end, tokens):
                continue
            claim(start, end, "person_name")

    # names the case did not list
    for start, end in candidates:
        if not in_org(start, end):
            claim(start, end, "unlisted_name")

    findings = []
    for start, end, kind in sorted(taken):
        o_start, o_end = origin[start], origin[end - 1] + 1
        findings.append(Finding(kind, o_start, o_end, text[o_start:o_end]))
    return findings


def redact_text(text: str, *, person_names: Iterable[str] = ()) -> str:
    """The text as the public may see it. ``person_names`` are natural persons to mask."""
    if not text:
        return text or ""
    out, cursor = [], 0
    for finding in find_sensitive(text, person_names=person_names):
        out.append(text[cursor : finding.start])
        if finding.kind in ("person_name", "unlisted_name"):
            out.append(mask_person_name(_normalise(finding.text)[0]))
        else:
            out.append("*" * len(finding.text))
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)
