"""The seam between the decision step and the discretion calculator (discretion app).

Everything the decision form needs from discretion goes through this module, so the calculator
plugs in here and nowhere else. When the discretion app does not (yet) offer the calculator
or the power has no registered standard, ``recommend`` returns None and the decision is made
without a recommended band (no deviation can then be measured).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# The four severity levels (Qiqihar plan §4(一)2); discretion.models.Severity when available.
FALLBACK_SEVERITIES = [
    ("minor", _("Minor (轻微)")),
    ("general", _("General (一般)")),
    ("serious", _("Serious (严重)")),
    ("especially_serious", _("Especially serious (特别严重)")),
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

    def as_json(self) -> dict:
        return {
            "band": self.band,
            "fine_min": str(self.fine_min) if self.fine_min is not None else None,
            "fine_max": str(self.fine_max) if self.fine_max is not None else None,
            "penalty_types": list(self.penalty_types),
            "no_penalty": self.no_penalty,
            "explanation": self.explanation,
            "standard_id": self.standard_id,
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


def severity_choices() -> list[tuple[str, str]]:
    api = _discretion()
    if api is not None and hasattr(api[2], "Severity"):
        return list(api[2].Severity.choices)
    return list(FALLBACK_SEVERITIES)


def standard_for(power):
    api = _discretion()
    return None if api is None else api[1].registered_standard_for(power)


def recommend(
    *, power, severity: str, circumstances, illegal_income=None, goods_value=None
) -> Recommendation | None:
    api = _discretion()
    if api is None:
        return None
    standard = api[1].registered_standard_for(power)
    if standard is None:
        return None
    result = api[0].recommend_penalty(
        standard=standard,
        severity=severity,
        circumstances=circumstances,
        illegal_income=illegal_income,
        goods_value=goods_value,
    )
    return _as_recommendation(result, standard)


def _as_recommendation(result, standard) -> Recommendation:
    band = getattr(result, "band", "")
    types = getattr(result, "penalty_types", None) or []
    return Recommendation(
        band=str(getattr(band, "label", band) or ""),
        fine_min=getattr(result, "fine_min", None),
        fine_max=getattr(result, "fine_max", None),
        penalty_types=[str(t) for t in types],
        no_penalty=bool(getattr(result, "no_penalty", False)),
        explanation=str(getattr(result, "explanation", "")),
        standard_id=getattr(standard, "pk", None),
    )


def is_outside(rec: Recommendation | None, *, fine_amount, no_penalty: bool) -> bool:
    """Whether the chosen penalty falls outside the recommended band."""
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
