"""Masking of private data before publication (DOMAIN.md, "Masking private data").

Natural persons become surname + 某; resident ID numbers (18-digit with a valid check
character and birth date, and 15-digit), mobile and landline numbers, bank card numbers and
e-mail addresses are replaced by asterisks wherever they occur. Organisation names and unified
social credit codes stay. Full-width digits and zero-width characters do not hide a number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stdnum.cn import ric

COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "太史",
        "端木",
        "上官",
        "司马",
        "东方",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "夏侯",
        "诸葛",
        "尉迟",
        "公羊",
        "赫连",
        "澹台",
        "皇甫",
        "宗政",
        "濮阳",
        "公冶",
        "太叔",
        "申屠",
        "公孙",
        "慕容",
        "仲孙",
        "钟离",
        "长孙",
        "宇文",
        "司徒",
        "鲜于",
        "司空",
        "闾丘",
        "子车",
        "亓官",
        "司寇",
        "巫马",
        "公西",
        "颛孙",
        "壤驷",
        "公良",
        "漆雕",
        "乐正",
        "宰父",
        "谷梁",
        "拓跋",
        "夹谷",
        "轩辕",
        "令狐",
        "段干",
        "百里",
        "呼延",
        "东郭",
        "南门",
        "羊舌",
        "微生",
        "公户",
        "公玉",
        "公仪",
        "梁丘",
        "公仲",
        "公上",
        "公门",
        "公山",
        "公坚",
        "左丘",
        "公伯",
        "西门",
        "公祖",
        "第五",
        "公乘",
        "贯丘",
        "公皙",
        "南荣",
        "东里",
        "东宫",
        "仲长",
        "子书",
        "子桑",
        "即墨",
        "达奚",
        "褚师",
        "吴铭",
    ]
)

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "Ｘ": "X",
    "ｘ": "x",
    "＠": "@",
    "－": "-",
    "（": "(",
    "）": ")",
    "＋": "+",
    "．": ".",
    "\u3000": " ",
}

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])")
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?(?![0-9A-Za-z])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Finding:
    kind: str  # id_number, bank_card, mobile, landline, email, person_name
    start: int
    end: int
    text: str


def mask_person_name(name: str) -> str:
    """张三 -> 张某, 欧阳娜娜 -> 欧阳某; an organisation name is not a person's name."""
    name = name.strip()
    if not name:
        return name
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]
    return surname + "某"


def _valid_id18(digits: str) -> bool:
    if ric.calc_check_digit(digits) != digits[-1].upper():
        return False
    return _valid_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))


def _valid_id15(digits: str) -> bool:
    return _valid_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        birth = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= birth <= dt.date.today()


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _normalise(text: str) -> tuple[str, list[int]]:
    """A copy with ASCII digits and no zero-width characters, and where each char came from."""
    chars, origin = [], []
    for index, char in enumerate(text):
        if char in _ZERO_WIDTH:
            continue
        chars.append(_FULL_WIDTH.get(char, char))
        origin.append(index)
    return "".join(chars), origin


def find_sensitive(text: str, *, person_names: Iterable[str] = ()) -> list[Finding]:
    """Every passage redact_text would mask, in order, without overlaps."""
    if not text:
        return []
    norm, origin = _normalise(text)
    taken: list[tuple[int, int, str]] = []

    def claim(start: int, end: int, kind: str) -> None:
        if any(start < e and s < end for s, e, _ in taken):
            return
        taken.append((start, end, kind))

    for m in _ID18.finditer(norm):
        if _valid_id18(m.group()):
            claim(m.start(), m.end(), "id_number")
    for m in _ID15.finditer(norm):
        if _valid_id15(m.group()):
            claim(m.start(), m.end(), "id_number")
    for m in _EMAIL.finditer(norm):
        claim(m.start(), m.end(), "email")
    for m in _MOBILE.finditer(norm):
        claim(m.start(), m.end(), "mobile")
    for m in _CARD.finditer(norm):
        digits = re.sub(r"\D", "", m.group())
        if 16 <= len(digits) <= 19 and (_luhn(digits) or digits.startswith("62")):
            claim(m.start(), m.end(), "bank_card")
    for m in _LANDLINE.finditer(norm):
        claim(m.start(), m.end(), "landline")
    names = {_normalise(n)[0].strip() for n in person_names if n and n.strip()}
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), norm):
            claim(m.start(), m.end(), "person_name")

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
        if finding.kind == "person_name":
            out.append(
                mask_person_name(re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", finding.text))
            )
        else:
            out.append("*" * len(finding.text))
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)
