"""The seam between the decision step and the discretion calculator (discretion app).

Everything the decision step needs from discretion goes through this module, so the calculator
plugs in here and nowhere else. discretion offers (docs/discretion.md on its branch):
``selectors.registered_standard_for(power)``, ``services.recommend_penalty(*, standard,
severity, circumstances, illegal_income, goods_value)``, ``services.penalty_deviation(*,
recommendation, fine_amount, penalty_types)`` and ``models.Severity``. When the app does not
offer them, or the power has no registered standard, ``recommend`` returns None and the decision
is made without a recommended band (no deviation can then be measured).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The four severity levels (Qiqihar plan §4(一)2), used while discretion offers none.
FALLBACK_SEVERITIES = [
    ("minor", _("Minor (轻微)")),
    ("ordinary", _("General (一般)")),
    ("serious", _("Serious (严重)")),
    ("very_serious", _("Especially serious (特别严重)")),
]


@dataclass(frozen=True)
class Recommendation:
    band: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    penalty_types: list[str] = field(default_factory=list)
    no_penalty: bool = False
    explanation: str = ""
    standard_id: int | None = None
    penalty_type_codes: list[str] = field(default_factory=list)
    circumstances: list[str] = field(default_factory=list)
    raw: Any = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict:
        return {
            "band": self.band,
            "fine_min": str(self.fine_min) if self.fine_min is not None else None,
            "fine_max": str(self.fine_max) if self.fine_max is not None else None,
            "penalty_types": list(self.penalty_types),
            "penalty_type_codes": list(self.penalty_type_codes),
            "no_penalty": self.no_penalty,
            "explanation": self.explanation,
            "standard_id": self.standard_id,
            "circumstances": list(self.circumstances),
        }


def _discretion():
    """(services, selectors, models) of the discretion app, or None while it lacks the API."""
    try:
        from discretion import models as d_models
        from discretion import selectors as d_selectors
        from discretion import services as d_services
    except ImportError:
        return None
    if not hasattr(d_services, "recommend_penalty") or not hasattr(
        d_selectors, "registered_standard_for"
    ):
        return None
    return d_services, d_selectors, d_models


def calculator_available() -> bool:
    return _discretion() is not None


def severity_choices() -> list[tuple[str, Any]]:
    api = _discretion()
    if api is not None and hasattr(api[2], "Severity"):
        return list(api[2].Severity.choices)
    return list(FALLBACK_SEVERITIES)


def standard_for(power):
    api = _discretion()
    return None if api is None else api[1].registered_standard_for(power)


def circumstance_choices(standard) -> list[tuple[int, str]]:
    """The circumstances a case officer may tick (从轻/减轻/从重/不予处罚) of a standard."""
    if standard is None:
        return []
    return [(c.pk, f"{c.get_kind_display()}：{c.text}") for c in standard.circumstances.all()]


def penalty_type_choices(standard) -> list[tuple[str, str]]:
    if standard is None or not hasattr(standard, "allowed_types"):
        return []
    return [(t.code, t.name) for t in standard.allowed_types.all()]


def recommend(
    *, power, severity: str, circumstances, illegal_income=None, goods_value=None
) -> Recommendation | None:
    api = _discretion()
    if api is None:
        return None
    standard = api[1].registered_standard_for(power)
    if standard is None:
        return None
    try:
        result = api[0].recommend_penalty(
            standard=standard,
            severity=severity,
            circumstances=[int(c) for c in circumstances if str(c).isdigit()],
            illegal_income=illegal_income,
            goods_value=goods_value,
        )
    except ValidationError as exc:
        where = getattr(exc, "field", None) or "severity"
        raise ValidationError({where: exc.messages}) from exc
    return _as_recommendation(result, standard)


def _as_recommendation(result, standard) -> Recommendation:
    position = getattr(result, "band_position", None)
    band = f"第{position}档" if position else str(getattr(result, "band", "") or "")
    names = (
        getattr(result, "penalty_type_names", None) or getattr(result, "penalty_types", None) or ()
    )
    return Recommendation(
        band=band,
        fine_min=getattr(result, "fine_min", None),
        fine_max=getattr(result, "fine_max", None),
        penalty_types=[str(t) for t in names],
        penalty_type_codes=[str(t) for t in getattr(result, "penalty_types", None) or ()],
        no_penalty=bool(getattr(result, "no_penalty", False)),
        explanation=str(getattr(result, "explanation", "")),
        standard_id=getattr(standard, "pk", None),
        circumstances=[str(c) for c in getattr(result, "circumstances", ())],
        raw=result,
    )


def deviation(
    rec: Recommendation | None, *, fine_amount, penalty_type_codes=(), no_penalty: bool = False
) -> tuple[bool, list[str]]:
    """Whether the decided penalty leaves the recommended band, with the reasons."""
    if rec is None:
        return False, []
    api = _discretion()
    if api is not None and rec.raw is not None and hasattr(api[0], "penalty_deviation"):
        result = api[0].penalty_deviation(
            recommendation=rec.raw,
            fine_amount=None if no_penalty else fine_amount,
            penalty_types=[] if no_penalty else list(penalty_type_codes),
        )
        return bool(result), [str(r) for r in getattr(result, "reasons", ())]
    outside = is_outside(rec, fine_amount=fine_amount, no_penalty=no_penalty)
    return outside, [str(_("outside the recommended band"))] if outside else []


def is_outside(rec: Recommendation | None, *, fine_amount, no_penalty: bool) -> bool:
    """A plain range check, used when discretion offers no deviation check of its own."""
    if rec is None:
        return False
    if rec.no_penalty != bool(no_penalty):
        return True
    if no_penalty:
        return False
    fine = Decimal(fine_amount or 0)
    if rec.fine_min is not None and fine < Decimal(rec.fine_min):
        return True
    return rec.fine_max is not None and fine > Decimal(rec.fine_max)


def penalty_kinds(*, penalty_types: str = "", codes=(), fine=None) -> set[str]:
    """The penalty kinds (``discretion.PenaltyType`` codes) a decision imposes: the ticked
    codes, the kinds its text names, and ``fine`` when a fine is set. A wording that names no
    known kind stays in the set as written, so a rule on allowed kinds refuses it.

    One answer for every rule on kinds (on-the-spot limits, hearing rights): the text goes
    through discretion's parser of penalty wordings."""
    from discretion.bands import TYPE_NAMES
    from discretion.models import PenaltyType
    from discretion.spreadsheet import penalty_type_tokens

    by_name = {name: code for code, name in TYPE_NAMES.items()}
    by_name.update(dict(PenaltyType.objects.values_list("name", "code")))
    kinds = {str(c) for c in codes or () if c}
    kinds.update(by_name.get(token, token) for token in penalty_type_tokens(penalty_types))
    if fine is not None and Decimal(fine) > 0:
        kinds.add("fine")
    kinds.discard("no_penalty")
    return kinds
