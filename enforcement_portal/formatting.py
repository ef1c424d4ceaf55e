"""How Chinese government documents write amounts, dates and document numbers."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db.models import CharField, Func

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]
_CN_NUMERALS = "〇一二三四五六七八九"


def to_decimal(amount) -> Decimal | None:
    if amount is None or amount == "":
        return None
    try:
        return Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return None


def format_yuan(amount) -> str:
    """1234.5 -> '1,234.50元'; whole amounts keep the two decimals as documents do."""
    value = to_decimal(amount)
    if value is None:
        return ""
    return f"{value:,.2f}元"


class YuanText(Func):
    """``format_yuan`` in SQL, for texts a query builds (warning details): '300,000.00元'.

    The same text on PostgreSQL and SQLite, where a plain cast gives '300000.00' on one and
    '300000' on the other. The format strings go as parameters, so no '%' sits in the SQL.
    """

    output_field = CharField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(to_char(round(({sql})::numeric, 2), %s) || %s)", [
            *params,
            "FM999,999,999,999,990.00",
            "元",
        ]

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        cents = f"CAST(round(({sql}) * 100) AS INTEGER)"
        return (
            f"(printf(%s, {cents} / 100) || printf(%s, {cents} - ({cents} / 100) * 100) || %s)",
            ["%,d", *params, ".%02d", *params, *params, "元"],
        )

    def as_sql(  # other databases: unformatted
        self, compiler, connection, function=None, template=None, arg_joiner=None, **extra
    ):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(CAST(({sql}) AS VARCHAR(40)) || %s)", (*params, "元")


def format_wan_yuan(amount) -> str:
    """Amount in 万元 with up to six decimals, as the 双公示 layout asks (5000 -> '0.5')."""
    value = to_decimal(amount)
    if value is None:
        return ""
    text = f"{(value / Decimal(10000)):.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _four_digits(group: int) -> str:
    out: list[str] = []
    zero_pending = False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[position])
    return "".join(out)


def rmb_upper(amount) -> str:
    """Uppercase RMB as written on decision documents: 5000 -> '人民币伍仟元整'."""
    value = to_decimal(amount)
    if value is None:
        return ""
    if value < 0:
        return "人民币负" + rmb_upper(-value)[3:]
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts: list[str] = []
    groups: list[int] = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or group < 1000):
            parts.append("零")
        parts.append(_four_digits(group) + _BIG_UNITS[index])
        need_zero = False
    text = "".join(parts)
    if text:
        text += "元"
    if jiao == 0 and fen == 0:
        return "人民币" + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    return "人民币" + text


def cn_date(value: dt.date | dt.datetime | None) -> str:
    """2026-10-09 -> '2026年10月9日'."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def cn_date_upper(value: dt.date | None) -> str:
    """The date as it is written above a seal: '二〇二六年十月九日'."""
    if value is None:
        return ""
    year = "".join(_CN_NUMERALS[int(c)] for c in str(value.year))
    return f"{year}年{_small_number(value.month)}月{_small_number(value.day)}日"


def _small_number(n: int) -> str:
    if n < 10:
        return _CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUMERALS[tens]) + "十" + (_CN_NUMERALS[ones] if ones else "")


def document_number(prefix: str, year: int, serial: int) -> str:
    """'齐市监罚', 2026, 12 -> '齐市监罚〔2026〕12号' (hexagonal brackets, no leading zeros)."""
    return f"{prefix}〔{year}〕{serial}号"
