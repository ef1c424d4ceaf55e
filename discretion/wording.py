"""How a published standard writes a penalty: 处1万元以上3万元以下罚款, 处货值金额10倍以上…"""

from __future__ import annotations

from decimal import Decimal

BASE_NAMES = {"illegal_income": "违法所得", "goods_value": "货值金额"}


def fmt(value: Decimal | None) -> str:
    """A plain number without trailing zeros: 50000.00 -> '50000', 12.50 -> '12.5'."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def amount(value: Decimal) -> str:
    """Round ten-thousands as 万, as published tables do: 50000 -> '5万'."""
    if value >= 10000 and value % 100 == 0:
        return f"{fmt(value / 10000)}万"
    return fmt(value)


def fine_text(basis: str, low, high, threshold=None, t_low=None, t_high=None) -> str:
    if basis == "none" or low is None or high is None:
        return ""
    if basis == "amount" and low == 0:
        text = f"处{amount(high)}元以下罚款"
    elif basis == "amount":
        text = f"处{amount(low)}元以上{amount(high)}元以下罚款"
    else:
        text = f"处{BASE_NAMES[basis]}{fmt(low)}倍以上{fmt(high)}倍以下罚款"
    if threshold is not None and t_low is not None and t_high is not None:
        text += (
            f"（{BASE_NAMES[basis]}不足{amount(threshold)}元的，"
            f"处{amount(t_low)}元以上{amount(t_high)}元以下罚款）"
        )
    return text


def penalty_text(standard, band) -> str:
    """A band's penalty as one sentence: the other types, then the fine."""
    types = list(band.penalty_types.all())
    parts = [t.name for t in types if t.code != "fine"]
    if any(t.code == "fine" for t in types):
        parts.append(
            fine_text(
                standard.fine_basis,
                band.fine_min,
                band.fine_max,
                standard.base_threshold,
                band.threshold_fine_min,
                band.threshold_fine_max,
            )
        )
    return "，".join(p for p in parts if p)
