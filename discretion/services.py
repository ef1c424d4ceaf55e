"""Writes to discretion standards (filing, expert review, registration) and the calculator.

Callers have checked permission; every change is validated first (nothing is saved when a
rule fails) and appended to the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.formatting import document_number
from powers.models import Power, Provision

from . import bands as rules
from .models import (
    Circumstance,
    DiscretionStandard,
    ExpertOpinion,
    FineBasis,
    PenaltyBand,
    PenaltyType,
    Severity,
)

STATUTE_FIELDS = (
    "fine_basis",
    "fine_min",
    "fine_max",
    "base_threshold",
    "threshold_fine_min",
    "threshold_fine_max",
)
BAND_FINE_FIELDS = ("fine_min", "fine_max", "threshold_fine_min", "threshold_fine_max")


class StandardInvalid(ValidationError):
    """The standard breaks one or more rules; ``problems`` say where (standard field or band)."""

    def __init__(self, problems: Sequence[rules.Problem]):
        self.problems = list(problems)
        super().__init__([p.message for p in self.problems])


@dataclass(frozen=True)
class BandInput:
    severity: str
    circumstances: str
    penalty_types: Sequence[PenaltyType]
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    threshold_fine_min: Decimal | None = None
    threshold_fine_max: Decimal | None = None

    def spec(self) -> rules.BandSpec:
        return rules.BandSpec(
            severity=self.severity,
            types=frozenset(t.code for t in self.penalty_types),
            circumstances=self.circumstances,
            **{f: getattr(self, f) for f in BAND_FINE_FIELDS},
        )


@dataclass(frozen=True)
class StandardInput:
    """Everything a filer enters for one version of a standard."""

    violation: str
    violated_provision: Provision
    penalty_provision: Provision
    allowed_types: Sequence[PenaltyType]
    fine_basis: str = FineBasis.AMOUNT
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    base_threshold: Decimal | None = None
    threshold_fine_min: Decimal | None = None
    threshold_fine_max: Decimal | None = None
    bands: Sequence[BandInput] = ()
    # kind -> texts, one per circumstance a case officer may tick
    circumstances: dict[str, list[str]] = field(default_factory=dict)

    def statute(self) -> rules.StatuteSpec:
        return rules.StatuteSpec(
            allowed_types=frozenset(t.code for t in self.allowed_types),
            names=type_name_map(),
            **{f: getattr(self, f) for f in STATUTE_FIELDS},
        )


def penalty_types_ensure() -> None:
    """Create the built-in penalty types if they are missing (e.g. after a database flush)."""
    PenaltyType.objects.bulk_create(
        [
            PenaltyType(code=code, name=name, order=order * 10)
            for order, (code, name) in enumerate(PenaltyType.DEFAULTS, start=1)
        ],
        ignore_conflicts=True,
    )


def type_name_map() -> dict[str, str]:
    return dict(PenaltyType.objects.values_list("code", "name"))


def statute_of(standard: DiscretionStandard) -> rules.StatuteSpec:
    return rules.StatuteSpec(
        allowed_types=frozenset(t.code for t in standard.allowed_types.all()),
        **{f: getattr(standard, f) for f in STATUTE_FIELDS},
    )


def band_specs_of(standard: DiscretionStandard) -> list[rules.BandSpec]:
    return [
        rules.BandSpec(
            severity=band.severity,
            types=frozenset(t.code for t in band.penalty_types.all()),
            circumstances=band.circumstances,
            **{f: getattr(band, f) for f in BAND_FINE_FIELDS},
        )
        for band in sorted(standard.bands.all(), key=lambda b: b.position)
    ]


def standard_check(data: StandardInput) -> list[rules.Problem]:
    statute = data.statute()
    problems = rules.validate_statute(statute)
    if not data.violation.strip():
        problems.append(rules.Problem(_("Describe the violation."), None, "violation"))
    if problems:
        # Bands are measured against the statute; a broken statute would only add noise.
        return problems
    return rules.validate_bands(statute, [b.spec() for b in data.bands])


def _check_power(power: Power) -> None:
    if power.category != Power.Category.PENALTY or power.status != Power.Status.REGISTERED:
        raise StandardInvalid(
            [
                rules.Problem(
                    _("A discretion standard needs a registered penalty power."), None, "power"
                )
            ]
        )


@transaction.atomic
def standard_create(*, power: Power, data: StandardInput, actor=None) -> DiscretionStandard:
    """File a new version (a draft) of the power's standard."""
    _check_power(power)
    Power.objects.select_for_update().filter(pk=power.pk).first()
    if DiscretionStandard.objects.filter(power=power, status__in=DiscretionStandard.OPEN).exists():
        raise StandardInvalid(
            [
                rules.Problem(
                    _("This power already has a version being filed or reviewed."), None, "power"
                )
            ]
        )
    problems = standard_check(data)
    if problems:
        raise StandardInvalid(problems)
    version = (
        DiscretionStandard.objects.filter(power=power).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    standard = DiscretionStandard(
        power=power, agency_id=power.agency_id, version=version, created_by=actor
    )
    _write(standard, data)
    audit_append(
        action="discretion.standard_created",
        obj=standard,
        actor=actor,
        changes=_summary(standard, data),
    )
    return standard


@transaction.atomic
def standard_update(*, standard: DiscretionStandard, data: StandardInput, actor=None):
    """Replace a draft's (or returned version's) content."""
    standard = DiscretionStandard.objects.select_for_update().get(pk=standard.pk)
    if not standard.is_editable:
        raise StandardInvalid(
            [rules.Problem(_("Only a draft or a returned version can be changed."))]
        )
    problems = standard_check(data)
    if problems:
        raise StandardInvalid(problems)
    _write(standard, data)
    audit_append(
        action="discretion.standard_updated",
        obj=standard,
        actor=actor,
        changes=_summary(standard, data),
    )
    return standard


def _write(standard: DiscretionStandard, data: StandardInput) -> None:
    standard.violation = data.violation.strip()
    standard.violated_provision = data.violated_provision
    standard.penalty_provision = data.penalty_provision
    for name in STATUTE_FIELDS:
        setattr(standard, name, getattr(data, name))
    standard.save()
    standard.allowed_types.set(data.allowed_types)
    standard.bands.all().delete()
    standard.circumstances.all().delete()
    created = PenaltyBand.objects.bulk_create(
        PenaltyBand(
            standard=standard,
            position=position,
            severity=band.severity,
            circumstances=band.circumstances.strip(),
            **{f: getattr(band, f) for f in BAND_FINE_FIELDS},
        )
        for position, band in enumerate(data.bands, start=1)
    )
    through = PenaltyBand.penalty_types.through
    through.objects.bulk_create(
        through(penaltyband_id=row.pk, penaltytype_id=t.pk)
        for row, band in zip(created, data.bands, strict=True)
        for t in band.penalty_types
    )
    Circumstance.objects.bulk_create(
        Circumstance(standard=standard, kind=kind, text=text.strip()[:300], order=order)
        for kind, texts in data.circumstances.items()
        for order, text in enumerate(t for t in texts if t.strip())
    )


def _summary(standard: DiscretionStandard, data: StandardInput) -> dict:
    return {
        "power": standard.power_id,
        "version": standard.version,
        "violation": standard.violation,
        "statute": {
            "types": sorted(t.code for t in data.allowed_types),
            **{f: _text(getattr(data, f)) for f in STATUTE_FIELDS},
        },
        "bands": [
            {
                "severity": b.severity,
                "types": sorted(t.code for t in b.penalty_types),
                **{f: str(getattr(b, f)) for f in BAND_FINE_FIELDS if getattr(b, f) is not None},
            }
            for b in data.bands
        ],
        "circumstances": {k: len(v) for k, v in data.circumstances.items()},
    }


def _text(value) -> str | None:
    return None if value is None else str(value)


def _locked(standard: DiscretionStandard) -> DiscretionStandard:
    return DiscretionStandard.objects.select_for_update().get(pk=standard.pk)


def _refuse(message: str):
    raise StandardInvalid([rules.Problem(message)])


@transaction.atomic
def standard_submit(*, standard: DiscretionStandard, actor=None) -> DiscretionStandard:
    """Send a draft to the expert panel; its bands are checked once more against the rules."""
    standard = _locked(standard)
    if not standard.is_editable:
        _refuse(_("Only a draft or a returned version can be submitted."))
    problems = rules.validate_bands(statute_of(standard), band_specs_of(standard))
    if problems:
        raise StandardInvalid(problems)
    standard.submit()
    standard.submitted_at = timezone.now()
    standard.save()
    audit_append(
        action="discretion.standard_submitted",
        obj=standard,
        actor=actor,
        changes={"round": standard.submission_round},
    )
    return standard


@transaction.atomic
def standard_add_opinion(
    *, standard: DiscretionStandard, reviewer, verdict: str, comment: str = ""
) -> ExpertOpinion:
    """Record one expert's opinion on the version under review."""
    standard = _locked(standard)
    if standard.status != DiscretionStandard.Status.SUBMITTED:
        _refuse(_("Opinions are given only on a version under review."))
    if verdict == ExpertOpinion.Verdict.REVISE and not comment.strip():
        raise StandardInvalid([rules.Problem(_("Say what needs revising."), None, "comment")])
    if ExpertOpinion.objects.filter(
        standard=standard, submission_round=standard.submission_round, reviewer=reviewer
    ).exists():
        _refuse(_("You have already given your opinion on this submission."))
    opinion = ExpertOpinion.objects.create(
        standard=standard,
        submission_round=standard.submission_round,
        reviewer=reviewer,
        verdict=verdict,
        comment=comment.strip(),
    )
    audit_append(
        action="discretion.opinion_given",
        obj=standard,
        actor=reviewer,
        changes={"verdict": verdict, "comment": opinion.comment, "round": opinion.submission_round},
    )
    return opinion


def next_registration_number(standard: DiscretionStandard, day) -> str:
    prefix = f"{standard.agency.short_name}裁备"
    serial = (
        DiscretionStandard.objects.filter(
            agency_id=standard.agency_id, registered_on__year=day.year
        )
        .exclude(registration_number="")
        .count()
        + 1
    )
    return document_number(prefix, day.year, serial)


@transaction.atomic
def standard_register(
    *, standard: DiscretionStandard, actor=None, number: str = "", day=None
) -> DiscretionStandard:
    """Register (备案) a reviewed version; the version in force until now is superseded."""
    standard = _locked(standard)
    if standard.status != DiscretionStandard.Status.SUBMITTED:
        _refuse(_("Only a version under review can be registered."))
    verdicts = list(
        standard.opinions.filter(submission_round=standard.submission_round).values_list(
            "verdict", flat=True
        )
    )
    if not verdicts:
        _refuse(_("At least one expert opinion is needed before registration."))
    if ExpertOpinion.Verdict.REVISE in verdicts:
        _refuse(_("An expert asked for revision: return the version instead."))
    day = day or timezone.localdate()
    number = number.strip() or next_registration_number(standard, day)
    previous = (
        DiscretionStandard.objects.select_for_update()
        .filter(power_id=standard.power_id, status=DiscretionStandard.Status.REGISTERED)
        .first()
    )
    if previous is not None:
        previous.supersede()
        previous.save()
        audit_append(
            action="discretion.standard_superseded",
            obj=previous,
            actor=actor,
            changes={"by_version": standard.version},
        )
    standard.register(number, day)
    standard.save()
    audit_append(
        action="discretion.standard_registered",
        obj=standard,
        actor=actor,
        changes={"registration_number": number, "registered_on": day.isoformat()},
    )
    return standard


@transaction.atomic
def standard_return(*, standard: DiscretionStandard, actor=None, reason: str):
    """Send a version back to its filer with the reason."""
    standard = _locked(standard)
    if standard.status != DiscretionStandard.Status.SUBMITTED:
        _refuse(_("Only a version under review can be returned."))
    if not reason.strip():
        raise StandardInvalid([rules.Problem(_("Give the reason for the return."), None, "reason")])
    standard.return_for_revision(reason.strip())
    standard.save()
    audit_append(
        action="discretion.standard_returned", obj=standard, actor=actor, changes={"reason": reason}
    )
    return standard


def input_from(standard: DiscretionStandard) -> StandardInput:
    """The content of a saved version, as a filer would enter it again."""
    kinds: dict[str, list[str]] = {}
    for item in standard.circumstances.all():
        kinds.setdefault(item.kind, []).append(item.text)
    return StandardInput(
        violation=standard.violation,
        violated_provision=standard.violated_provision,
        penalty_provision=standard.penalty_provision,
        allowed_types=list(standard.allowed_types.all()),
        bands=[
            BandInput(
                severity=b.severity,
                circumstances=b.circumstances,
                penalty_types=list(b.penalty_types.all()),
                **{f: getattr(b, f) for f in BAND_FINE_FIELDS},
            )
            for b in sorted(standard.bands.all(), key=lambda b: b.position)
        ],
        circumstances=kinds,
        **{f: getattr(standard, f) for f in STATUTE_FIELDS},
    )


@transaction.atomic
def standard_new_version(*, standard: DiscretionStandard, actor=None) -> DiscretionStandard:
    """Start a new draft from a registered version; the registered one stays in force."""
    if standard.status not in (
        DiscretionStandard.Status.REGISTERED,
        DiscretionStandard.Status.SUPERSEDED,
    ):
        _refuse(_("A new version starts from a registered one."))
    return standard_create(power=standard.power, data=input_from(standard), actor=actor)


# ---------------------------------------------------------------------------- calculator


@dataclass(frozen=True)
class Recommendation:
    """What the calculator recommends for one case (frozen: pass it around freely)."""

    standard_id: int
    severity: str
    band: PenaltyBand | None
    band_position: int | None
    fine_min: Decimal | None
    fine_max: Decimal | None
    penalty_types: tuple[str, ...]
    penalty_type_names: tuple[str, ...]
    no_penalty: bool
    explanation: str
    statutory_fine_min: Decimal | None = None
    statutory_fine_max: Decimal | None = None
    circumstances: tuple[str, ...] = ()
    reduced: bool = False

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    @property
    def has_fine(self) -> bool:
        return self.fine_min is not None


class CalculatorInputError(ValidationError):
    """Bad calculator input; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def recommend_penalty(
    *,
    standard: DiscretionStandard,
    severity: str,
    circumstances: Iterable[Circumstance | int] = (),
    illegal_income: Decimal | None = None,
    goods_value: Decimal | None = None,
) -> Recommendation:
    """The band and concrete fine range (yuan) for a case, with a Chinese explanation."""
    if severity not in Severity.values:
        raise CalculatorInputError(_("Choose a severity level."), "severity")
    own = {c.pk: c for c in standard.circumstances.all()}
    chosen = []
    for item in circumstances:
        pk = item.pk if isinstance(item, Circumstance) else int(item)
        if pk not in own:
            raise CalculatorInputError(
                _("A circumstance does not belong to this standard."), "circumstances"
            )
        chosen.append(own[pk])
    bands = sorted(standard.bands.all(), key=lambda b: b.position)
    statute = statute_of(standard)
    try:
        outcome = rules.compute(
            statute,
            band_specs_of(standard),
            severity,
            [(c.kind, c.text) for c in chosen],
            illegal_income=_decimal(illegal_income),
            goods_value=_decimal(goods_value),
        )
    except rules.MissingBase as exc:
        raise CalculatorInputError(exc.message, exc.field) from exc
    names = type_name_map()
    band = bands[outcome.band_index] if outcome.band_index is not None else None
    return Recommendation(
        standard_id=standard.pk,
        severity=severity,
        band=band,
        band_position=band.position if band else None,
        fine_min=outcome.fine_min,
        fine_max=outcome.fine_max,
        penalty_types=outcome.types,
        penalty_type_names=tuple(rules.type_names(outcome.types, names)),
        no_penalty=outcome.no_penalty,
        explanation="".join(outcome.lines),
        statutory_fine_min=outcome.statutory_min,
        statutory_fine_max=outcome.statutory_max,
        circumstances=tuple(c.text for c in chosen),
        reduced=outcome.reduced,
    )


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


@dataclass(frozen=True)
class PenaltyDeviation:
    """Whether a decided penalty leaves the recommendation, and why (Chinese reasons)."""

    deviates: bool
    reasons: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.deviates

    @property
    def explanation(self) -> str:
        return "；".join(self.reasons)


def penalty_deviation(
    *,
    recommendation: Recommendation,
    fine_amount: Decimal | None,
    penalty_types: Iterable[str | PenaltyType],
) -> PenaltyDeviation:
    """Does the decided penalty fall outside the recommended band?

    It deviates when: a penalty is imposed where the band says no penalty; a type outside
    the band's types is imposed; the fine is outside the recommended range; or the band
    fines and no fine is imposed. A deviating decision needs a written justification.
    """
    codes = {t.code if isinstance(t, PenaltyType) else str(t) for t in penalty_types}
    codes.discard(PenaltyType.NO_PENALTY)
    amount = _decimal(fine_amount)
    if amount is not None and amount > 0:
        codes.add(PenaltyType.FINE)
    reasons = []
    if recommendation.no_penalty:
        if codes:
            reasons.append(_("The recommendation is no penalty, but a penalty is imposed."))
        return PenaltyDeviation(bool(reasons), tuple(reasons))
    extra = codes - set(recommendation.penalty_types)
    if extra:
        reasons.append(
            _("Penalty types outside the recommended band: %(types)s.")
            % {"types": "、".join(rules.type_names(sorted(extra), type_name_map()))}
        )
    if recommendation.has_fine:
        if amount is None or amount <= 0:
            reasons.append(_("The recommended band imposes a fine, but none is imposed."))
        # has_fine: both bounds are set.
        elif amount > cast(Decimal, recommendation.fine_max) or (
            amount < cast(Decimal, recommendation.fine_min)
            and not recommendation.reduced  # 减轻, Art. 32
        ):
            reasons.append(
                _(
                    "The fine of %(amount)s yuan is outside the recommended "
                    "%(low)s to %(high)s yuan."
                )
                % {
                    "amount": rules.fmt(amount),
                    "low": rules.fmt(recommendation.fine_min),
                    "high": rules.fmt(recommendation.fine_max),
                }
            )
    return PenaltyDeviation(bool(reasons), tuple(reasons))
