"""The rules of a discretion standard on plain values: band validation and the calculator core.

No database here, so the rules are tested exhaustively (hypothesis) and reused by the form,
the spreadsheet import and ``services.recommend_penalty``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import Circumstance, FineBasis, PenaltyType, Severity
from .wording import fmt

MIN_BANDS = 5
MAX_BANDS = 8
CENT = Decimal("0.01")
NO_PENALTY = PenaltyType.NO_PENALTY
FINE = PenaltyType.FINE


@dataclass(frozen=True)
class StatuteSpec:
    """The statutory range (法定处罚幅度) of the penalty provision."""

    fine_basis: str
    allowed_types: frozenset[str]
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    base_threshold: Decimal | None = None
    threshold_fine_min: Decimal | None = None
    threshold_fine_max: Decimal | None = None
    names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_multiple(self) -> bool:
        return self.fine_basis in (FineBasis.ILLEGAL_INCOME, FineBasis.GOODS_VALUE)

    @property
    def has_threshold(self) -> bool:
        return self.is_multiple and self.base_threshold is not None


@dataclass(frozen=True)
class BandSpec:
    severity: str
    types: frozenset[str]
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    threshold_fine_min: Decimal | None = None
    threshold_fine_max: Decimal | None = None
    circumstances: str = ""

    @property
    def has_fine(self) -> bool:
        return FINE in self.types

    @property
    def is_no_penalty(self) -> bool:
        return NO_PENALTY in self.types


@dataclass(frozen=True)
class Problem:
    """A validation failure; ``band`` is the 0-based index of the offending band, if any."""

    message: str
    band: int | None = None
    field: str | None = None


def severity_label(value: str) -> str:
    return str(Severity(value).label)


# ---------------------------------------------------------------------------- statute


def validate_statute(statute: StatuteSpec) -> list[Problem]:
    problems: list[Problem] = []
    basis = statute.fine_basis
    if not statute.allowed_types - {NO_PENALTY}:
        problems.append(
            Problem(_("Choose the penalty types the statute allows."), None, "allowed_types")
        )
    if FINE in statute.allowed_types and basis == FineBasis.NONE:
        problems.append(
            Problem(
                _("The statute allows a fine: say how the fine is counted."), None, "fine_basis"
            )
        )
    if basis != FineBasis.NONE and FINE not in statute.allowed_types:
        problems.append(
            Problem(
                _("A fine range is given but the statute's types do not include a fine."),
                None,
                "allowed_types",
            )
        )
    if basis == FineBasis.NONE:
        for name in ("fine_min", "fine_max", "base_threshold"):
            if getattr(statute, name) is not None:
                problems.append(
                    Problem(_("Leave this empty when the statute has no fine."), None, name)
                )
        return problems
    problems += _check_range(statute.fine_min, statute.fine_max, None, "fine_min", "fine_max")
    if statute.base_threshold is not None:
        if not statute.is_multiple:
            problems.append(
                Problem(
                    _("A threshold only applies to fines counted as a multiple."),
                    None,
                    "base_threshold",
                )
            )
        elif not _storable(statute.base_threshold):
            problems.append(
                Problem(
                    _("Use at most two decimals and less than a trillion."), None, "base_threshold"
                )
            )
        elif statute.base_threshold <= 0:
            problems.append(
                Problem(_("The threshold must be more than zero."), None, "base_threshold")
            )
        else:
            problems += _check_range(
                statute.threshold_fine_min,
                statute.threshold_fine_max,
                None,
                "threshold_fine_min",
                "threshold_fine_max",
            )
    else:
        for name in ("threshold_fine_min", "threshold_fine_max"):
            if getattr(statute, name) is not None:
                problems.append(
                    Problem(_("Give the threshold too, or leave this empty."), None, name)
                )
    return problems


LARGEST = Decimal("1000000000000")  # what the database columns hold, with a margin


def _storable(value: Decimal | None) -> bool:
    return value is None or (value < LARGEST and value == value.quantize(CENT))


def _check_range(low, high, band, low_field, high_field) -> list[Problem]:
    for value, name in ((low, low_field), (high, high_field)):
        if not _storable(value):
            return [Problem(_("Use at most two decimals and less than a trillion."), band, name)]
    problems = []
    if low is None:
        problems.append(Problem(_("Enter the minimum."), band, low_field))
    elif low < 0:
        problems.append(Problem(_("The minimum cannot be negative."), band, low_field))
    if high is None:
        problems.append(Problem(_("Enter the maximum."), band, high_field))
    if low is not None and high is not None and low > high:
        problems.append(Problem(_("The minimum is larger than the maximum."), band, high_field))
    return problems


# ---------------------------------------------------------------------------- bands


def validate_bands(statute: StatuteSpec, bands: Sequence[BandSpec]) -> list[Problem]:
    """Every reason the bands cannot be registered; empty when they are fine.

    Rules: 5 to 8 bands; each severity level has a band that penalises; bands listed from
    light to heavy; fine ranges inside the statutory range, not overlapping and rising;
    types the statute allows; 不予处罚 only alone and only for 轻微 (行政处罚法 Art. 33).
    """
    problems: list[Problem] = []
    count = len(bands)
    if count < MIN_BANDS:
        problems.append(
            Problem(
                _("A standard needs at least %(min)d penalty bands; it has %(count)d.")
                % {"min": MIN_BANDS, "count": count}
            )
        )
    elif count > MAX_BANDS:
        problems.append(
            Problem(
                _("A standard may have at most %(max)d penalty bands; it has %(count)d.")
                % {"max": MAX_BANDS, "count": count}
            )
        )
    for severity in Severity.values:
        penalising = [b for b in bands if b.severity == severity and not b.is_no_penalty]
        if not penalising:
            if any(b.severity == severity for b in bands):
                message = _(
                    "Severity level “%(level)s” needs a band that imposes a penalty besides "
                    "the no-penalty band."
                )
            else:
                message = _("Severity level “%(level)s” has no penalty band.")
            problems.append(Problem(message % {"level": severity_label(severity)}))
    fine_ok: dict[int, bool] = {}
    for index, band in enumerate(bands):
        band_problems = _validate_band(statute, index, band)
        problems += band_problems
        fine_ok[index] = not any(p.field and "fine" in p.field for p in band_problems)
        if index and Severity.rank(band.severity) < Severity.rank(bands[index - 1].severity):
            problems.append(
                Problem(
                    _("Bands must run from the lightest severity to the heaviest."),
                    index,
                    "severity",
                )
            )
    fined = [i for i, b in enumerate(bands) if b.has_fine and fine_ok[i]]
    problems += _check_rising(bands, fined, "fine_min", "fine_max")
    if statute.has_threshold:
        problems += _check_rising(bands, fined, "threshold_fine_min", "threshold_fine_max")
    return problems


def _validate_band(statute: StatuteSpec, index: int, band: BandSpec) -> list[Problem]:
    problems: list[Problem] = []
    if not band.types:
        problems.append(Problem(_("Choose at least one penalty type."), index, "penalty_types"))
    if band.is_no_penalty:
        if len(band.types) > 1:
            problems.append(
                Problem(
                    _("“No penalty” cannot be combined with other penalty types."),
                    index,
                    "penalty_types",
                )
            )
        if band.severity != Severity.MINOR:
            problems.append(
                Problem(
                    _("“No penalty” is only allowed for minor violations (Art. 33)."),
                    index,
                    "penalty_types",
                )
            )
    not_allowed = band.types - statute.allowed_types - {NO_PENALTY}
    if not_allowed:
        problems.append(
            Problem(
                _("The statute does not allow: %(types)s.")
                % {"types": "、".join(type_names(sorted(not_allowed), statute.names))},
                index,
                "penalty_types",
            )
        )
    fine_fields = ("fine_min", "fine_max", "threshold_fine_min", "threshold_fine_max")
    if not band.has_fine or statute.fine_basis == FineBasis.NONE:
        for name in fine_fields:
            if getattr(band, name) is not None:
                problems.append(
                    Problem(_("Only a band with a fine has a fine range."), index, name)
                )
        return problems
    problems += _check_inside(
        band.fine_min,
        band.fine_max,
        statute.fine_min,
        statute.fine_max,
        index,
        "fine_min",
        "fine_max",
        statute,
    )
    if statute.has_threshold:
        problems += _check_inside(
            band.threshold_fine_min,
            band.threshold_fine_max,
            statute.threshold_fine_min,
            statute.threshold_fine_max,
            index,
            "threshold_fine_min",
            "threshold_fine_max",
            None,
        )
    else:
        for name in ("threshold_fine_min", "threshold_fine_max"):
            if getattr(band, name) is not None:
                problems.append(
                    Problem(_("The statute has no threshold: leave this empty."), index, name)
                )
    return problems


def _check_inside(low, high, law_low, law_high, index, low_field, high_field, statute):
    problems = _check_range(low, high, index, low_field, high_field)
    if problems:
        return problems
    unit = describe_unit(statute)
    if law_low is not None and low < law_low:
        problems.append(
            Problem(
                _("Below the statutory minimum of %(value)s.") % {"value": f"{fmt(law_low)}{unit}"},
                index,
                low_field,
            )
        )
    if law_high is not None and high > law_high:
        problems.append(
            Problem(
                _("Above the statutory maximum of %(value)s.")
                % {"value": f"{fmt(law_high)}{unit}"},
                index,
                high_field,
            )
        )
    return problems


def _check_rising(bands, fined: list[int], low_field: str, high_field: str) -> list[Problem]:
    problems = []
    for prev, cur in itertools.pairwise(fined):
        p_low, p_high = getattr(bands[prev], low_field), getattr(bands[prev], high_field)
        c_low, c_high = getattr(bands[cur], low_field), getattr(bands[cur], high_field)
        if None in (p_low, p_high, c_low, c_high):
            continue
        args = {"band": prev + 1}
        if c_high <= p_low:
            message = _("The range must rise with severity: it is below band %(band)d's.")
        elif c_low < p_high:
            message = _("The range overlaps band %(band)d's.")
        elif c_high <= p_high:
            message = _("The range must rise with severity: it is below band %(band)d's.")
        else:
            continue
        problems.append(Problem(message % args, cur, low_field))
    return problems


# ---------------------------------------------------------------------------- calculator


@dataclass(frozen=True)
class Outcome:
    band_index: int | None
    fine_min: Decimal | None
    fine_max: Decimal | None
    types: tuple[str, ...]
    no_penalty: bool
    lines: tuple[str, ...] = field(default_factory=tuple)
    statutory_min: Decimal | None = None
    statutory_max: Decimal | None = None
    reduced: bool = False  # 减轻 (Art. 32): a fine below the range is not a deviation


class MissingBase(ValueError):
    """The fine is a multiple and the income or value it multiplies was not given."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def statutory_yuan(statute: StatuteSpec, base: Decimal | None) -> tuple[Decimal, Decimal] | None:
    """The statutory fine range in yuan for this case (exact, not rounded)."""
    low, high = statute.fine_min, statute.fine_max
    if statute.fine_basis == FineBasis.NONE or low is None or high is None:
        return None
    if not statute.is_multiple:
        return low, high
    if base is None:
        return None
    threshold = statute.base_threshold
    if statute.has_threshold and threshold is not None and base < threshold:
        t_low, t_high = statute.threshold_fine_min, statute.threshold_fine_max
        return (t_low, t_high) if t_low is not None and t_high is not None else None
    return low * base, high * base


def compute(
    statute: StatuteSpec,
    bands: Sequence[BandSpec],
    severity: str,
    circumstances: Iterable[tuple[str, str]],
    *,
    illegal_income: Decimal | None = None,
    goods_value: Decimal | None = None,
) -> Outcome:
    """Recommend a band and a fine range for a valid standard.

    ``circumstances`` are (kind, text) pairs. The band follows the severity; 从轻 picks its
    lowest band, 从重 its highest, neither (or both) the middle one; 减轻 steps one band
    below the severity; 不予处罚 applies the no-penalty band of a minor violation. With a
    single band, 从轻/从重 take the lower/upper half of its range. The result always stays
    inside the statutory range.
    """
    kinds: dict[str, list[str]] = {}
    for kind, text in circumstances:
        kinds.setdefault(kind, []).append(text)
    level = severity_label(severity)
    lines = [_("Severity: %(level)s.") % {"level": level}]

    if kinds.get(Circumstance.Kind.NO_PENALTY):
        listed = "、".join(kinds[Circumstance.Kind.NO_PENALTY])
        chosen = next(
            (i for i, b in enumerate(bands) if b.severity == severity and b.is_no_penalty), None
        )
        if severity == Severity.MINOR and chosen is not None:
            lines.append(
                _(
                    "No-penalty circumstance (Art. 33): %(items)s; "
                    "band %(band)d applies: no penalty."
                )
                % {"items": listed, "band": chosen + 1}
            )
            return Outcome(
                chosen, None, None, tuple(sorted(bands[chosen].types)), True, tuple(lines)
            )
        if severity == Severity.MINOR:
            lines.append(
                _(
                    "No-penalty circumstance %(items)s noted, "
                    "but this standard has no no-penalty band."
                )
                % {"items": listed}
            )
        else:
            lines.append(
                _(
                    "No-penalty circumstances apply only to minor violations; "
                    "%(items)s is not counted at level %(level)s."
                )
                % {"items": listed, "level": level}
            )

    penalising = [i for i, b in enumerate(bands) if not b.is_no_penalty]
    candidates = [i for i in penalising if bands[i].severity == severity]
    if not candidates:
        raise ValueError(f"no band for severity {severity}")
    lighter = kinds.get(Circumstance.Kind.LIGHTER, [])
    heavier = kinds.get(Circumstance.Kind.HEAVIER, [])
    reduced = kinds.get(Circumstance.Kind.REDUCED, [])
    half = None  # "lower" or "upper"
    if lighter and heavier:
        chosen = candidates[(len(candidates) - 1) // 2]
        lines.append(
            _("Lighter (%(lighter)s) and heavier (%(heavier)s) circumstances offset each other.")
            % {"lighter": "、".join(lighter), "heavier": "、".join(heavier)}
        )
    elif lighter:
        chosen = candidates[0]
        lines.append(_("Lighter circumstance: %(items)s.") % {"items": "、".join(lighter)})
        half = "lower" if len(candidates) == 1 else None
    elif heavier:
        chosen = candidates[-1]
        lines.append(_("Heavier circumstance: %(items)s.") % {"items": "、".join(heavier)})
        half = "upper" if len(candidates) == 1 else None
    else:
        chosen = candidates[(len(candidates) - 1) // 2]
    if reduced:
        below = [i for i in penalising if i < candidates[0]]
        if below:
            chosen, half = below[-1], None
            lines.append(
                _("Reduced-penalty circumstance: %(items)s; one band lower.")
                % {"items": "、".join(reduced)}
            )
        else:
            chosen, half = candidates[0], "lower"
            lines.append(
                _("Reduced-penalty circumstance: %(items)s; already the lowest band.")
                % {"items": "、".join(reduced)}
            )
        lines.append(
            _(
                "Reduced penalty (Art. 32): the fine may go below the statutory minimum; "
                "that is the law's own outcome, not a deviation."
            )
        )
    band = bands[chosen]
    lines.append(
        _("Band %(band)d applies (%(when)s).")
        % {"band": chosen + 1, "when": band.circumstances or level}
    )

    fine_min = fine_max = None
    law = None
    if band.has_fine and statute.fine_basis != FineBasis.NONE:
        low, high, law = _fine_in_yuan(statute, band, illegal_income, goods_value, lines)
        if half:
            middle = (low + high) / 2
            low, high = (low, middle) if half == "lower" else (middle, high)
            lines.append(
                _("Only one band at this level: the lower half of its range.")
                if half == "lower"
                else _("Only one band at this level: the upper half of its range.")
            )
        fine_min, fine_max = _to_cents(low, high)
        if law is not None:
            fine_min = min(max(fine_min, law[0]), law[1])
            fine_max = min(max(fine_max, law[0]), law[1])
        lines.append(
            _("Recommended fine: %(low)s to %(high)s yuan.")
            % {"low": fmt(fine_min), "high": fmt(fine_max)}
        )
    return Outcome(
        chosen,
        fine_min,
        fine_max,
        tuple(sorted(band.types)),
        False,
        tuple(lines),
        law[0] if law else None,
        law[1] if law else None,
        bool(reduced),
    )


def _fine_in_yuan(statute, band, illegal_income, goods_value, lines):
    if not statute.is_multiple:
        return band.fine_min, band.fine_max, statutory_yuan(statute, None)
    if statute.fine_basis == FineBasis.ILLEGAL_INCOME:
        base, field_name, what = illegal_income, "illegal_income", _("illegal income")
    else:
        base, field_name, what = goods_value, "goods_value", _("goods' value")
    if base is None or base < 0:
        raise MissingBase(
            field_name,
            _("This standard counts the fine as a multiple of the %(what)s: enter it.")
            % {"what": what},
        )
    law = statutory_yuan(statute, base)
    if statute.has_threshold and base < statute.base_threshold:
        lines.append(
            _("The %(what)s of %(base)s yuan is below %(threshold)s yuan: a fixed amount applies.")
            % {"what": what, "base": fmt(base), "threshold": fmt(statute.base_threshold)}
        )
        return band.threshold_fine_min, band.threshold_fine_max, law
    lines.append(
        _("%(what)s %(base)s yuan × %(low)s to %(high)s times.")
        % {"what": what, "base": fmt(base), "low": fmt(band.fine_min), "high": fmt(band.fine_max)}
    )
    return band.fine_min * base, band.fine_max * base, law


def _to_cents(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    # Round inwards so the rounded range never leaves the exact one.
    rounded_low = low.quantize(CENT, rounding=ROUND_CEILING)
    rounded_high = high.quantize(CENT, rounding=ROUND_FLOOR)
    if rounded_low > rounded_high:
        value = low.quantize(CENT, rounding=ROUND_HALF_UP)
        return value, value
    return rounded_low, rounded_high


# ---------------------------------------------------------------------------- display


TYPE_NAMES = {
    "no_penalty": "不予处罚",
    "warning": "警告",
    "criticism": "通报批评",
    "fine": "罚款",
    "confiscate_income": "没收违法所得",
    "confiscate_property": "没收非法财物",
    "suspend_licence": "暂扣许可证件",
    "lower_qualification": "降低资质等级",
    "revoke_licence": "吊销许可证件",
    "restrict_business": "限制开展生产经营活动",
    "suspend_business": "责令停产停业",
    "close": "责令关闭",
    "restrict_employment": "限制从业",
}


def type_names(codes: Iterable[str], names: dict[str, str] | None = None) -> list[str]:
    """Display names of penalty type codes; ``names`` adds types defined as data."""
    known = {**TYPE_NAMES, **(names or {})}
    return [known.get(c, c) for c in codes]


def describe_unit(statute: StatuteSpec | None) -> str:
    if statute is None or not statute.is_multiple:
        return _("yuan")
    return _("times")
