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
_B = r"(?<![0-9A-Za-z])"
_E = r"(?![0-9A-Za-z])"
_ID18 = re.compile(_B + r"\d(?:" + _SEP + r"\d){16}" + _SEP + r"[0-9Xx]" + _E)
_ID15 = re.compile(_B + r"\d(?:" + _SEP + r"\d){14}" + _E)
_LONG_DIGITS = re.compile(_B + r"\d(?:[ \-]?\d){15,20}" + _E)
_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}" + _E)
_LANDLINE = re.compile(
    _B + r"(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?" + _E
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
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
        + r"]{1,16}?(?:小区|花园|家园|嘉园|公寓|大厦|新村|社区|苑|园|城|广场))?"
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
_ADDRESS_HEAD_CUT = re.compile(r".*(?:省|市|区|县|镇|乡|街道|住|址|于|在|为|是|至|到|和|与|、|及)")

# names of organisations: a name followed by one of these is part of the organisation's name
_ORG_SUFFIX = words(
    "有限责任公司 股份有限公司 有限公司 分公司 公司 集团 便利店 超市 商店 商行 商场 商贸 商社 经销部 "
    "经营部 门市部 批发部 小卖部 食杂店 杂货店 饭店 酒店 宾馆 旅店 旅馆 餐厅 餐馆 饭馆 酒家 食堂 "
    "烧烤 火锅 面馆 熟食 卤味 药店 药房 大药房 诊所 医院 门诊 卫生室 工作室 事务所 合作社 中心 厂 "
    "加工厂 加工坊 作坊 农家乐 网吧 理发店 美发 美容院 汽修 修理部 加油站 养殖场 种植园 农场 学校 "
    "幼儿园 培训 协会 委员会 店 馆 厂"
)
_ORG_TAIL = re.compile(
    r"[" + _CJK + r"]{0,6}?(?:" + "|".join(sorted(_ORG_SUFFIX, key=len, reverse=True)) + r")"
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
_NAME_FOLLOWERS = set(
    "、，。,;；：:（(）) \n在称于对向与和及是将把被从自说已未曾并又也都就因等的到来去系同经证"
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
        if _followed_by_org(norm, end, tokens):
            spans.append((start, _ORG_TAIL.match(norm, end).end()))
    return spans


_NOT_IN_ORG_NAMES = ("v", "d", "p", "r", "c", "u", "m", "q", "f", "t")


def _followed_by_org(norm: str, end: int, tokens=()) -> bool:
    m = _ORG_TAIL.match(norm, end)
    if not m:
        return False
    middle = m.group()
    for t_start, t_end, _word, flag in tokens:
        if end <= t_start < m.end() and t_end <= m.end() and flag.startswith(_NOT_IN_ORG_NAMES):
            return False
        if t_start < m.end() < t_end:
            return False  # the suffix does not end a word
    # the suffix must end the word: 店员 / 部分 / 场所 are not an organisation
    after = norm[m.end() : m.end() + 1]
    if after and after in "员长主内外分所面地里上下门":
        return False
    return not (_CLAUSE_WORDS & set(middle))


def _name_like(word: str) -> bool:
    if not 2 <= len(word) <= 4 or not re.fullmatch(r"[" + _CJK + r"]+", word):
        return False
    if not starts_with_surname(word) or word.endswith("某") or word in _NOT_NAMES:
        return False
    given = word[len(surname_of(word)) :] if len(word) > 2 else word[1:]
    return 1 <= len(given) <= 2


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
        if ric.calc_check_digit(digits) != digits[-1] and uscc.is_valid(digits):
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

    # listed persons, as whole names: not inside a longer name the segmenter sees, nor an
    # organisation's name
    names = {_normalise(n)[0].strip() for n in person_names if n and n.strip()}
    name_tokens = [(s, e) for s, e, w, f in tokens if f.startswith("nr") and len(w) >= 2]
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), norm):
            start, end = m.start(), m.end()
            if any(s <= start and end <= e and e - s > end - start for s, e in name_tokens):
                continue
            if in_org(start, end) or _followed_by_org(norm, end, tokens):
                continue
            claim(start, end, "person_name")

    # names the case did not list: the segmenter's person names, and names after role words
    for index, (start, end, word, flag) in enumerate(tokens):
        if word in COMPOUND_SURNAMES and index + 1 < len(tokens):
            _n_start, n_end, n_word, n_flag = tokens[index + 1]
            if 1 <= len(n_word) <= 2 and (n_flag.startswith("nr") or n_flag in ("n", "nz")):
                end, word, flag = n_end, word + n_word, "nr"
        if not flag.startswith("nr") or not _name_like(word):
            continue
        if in_org(start, end) or _followed_by_org(norm, end, tokens):
            continue
        claim(start, end, "unlisted_name")
    for m in _ROLE_WORDS.finditer(norm):
        start = m.end()
        surname = norm[start : start + 2]
        if surname in COMPOUND_SURNAMES:
            given_at = start + 2
        elif norm[start : start + 1] in SINGLE_SURNAMES:
            given_at = start + 1
        else:
            continue
        end = None
        for length in (2, 1):
            given = norm[given_at : given_at + length]
            after = norm[given_at + length : given_at + length + 1]
            is_cjk = len(given) == length and re.fullmatch(r"[" + _CJK + r"]+", given)
            if is_cjk and (not after or after in _NAME_FOLLOWERS):
                end = given_at + length
                break
        if end is None or norm[start:end].endswith("某") or norm[start:end] in _NOT_NAMES:
            continue
        if _followed_by_org(norm, end, tokens):
            continue
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
