"""Building discretion standards for tests, through the services (so they are valid)."""

from __future__ import annotations

from decimal import Decimal as D

from discretion import services
from discretion.models import ExpertOpinion, FineBasis, PenaltyType, Severity
from enforcement_portal.roles import Role
from tests.factories import PowerFactory, ProvisionFactory, UserFactory

M, G, S, V = Severity.MINOR, Severity.ORDINARY, Severity.SERIOUS, Severity.VERY_SERIOUS


def types(*codes: str) -> list[PenaltyType]:
    services.penalty_types_ensure()
    found = {t.code: t for t in PenaltyType.objects.filter(code__in=codes)}
    return [found[c] for c in codes]


def band(severity, codes, fine=None, fixed=None, when="适用情形"):
    return services.BandInput(
        severity=severity,
        circumstances=when,
        penalty_types=types(*codes),
        fine_min=D(fine[0]) if fine else None,
        fine_max=D(fine[1]) if fine else None,
        threshold_fine_min=D(fixed[0]) if fixed else None,
        threshold_fine_max=D(fixed[1]) if fixed else None,
    )


CIRCUMSTANCES = {
    "lighter": ["主动消除或者减轻违法行为危害后果的"],
    "reduced": ["受他人胁迫或者诱骗实施违法行为的"],
    "heavier": ["一年内因同一种违法行为受过行政处罚的"],
    "no_penalty": ["违法行为轻微并及时改正，没有造成危害后果的"],
}


def amount_input(bands=None, **overrides) -> services.StandardInput:
    """A statute of 警告/罚款 1,000 to 50,000 yuan with six valid bands."""
    data = {
        "violation": "未按规定设置安全警示标志",
        "violated_provision": ProvisionFactory(),
        "penalty_provision": ProvisionFactory(),
        "allowed_types": types("warning", "fine", "suspend_business"),
        "fine_basis": FineBasis.AMOUNT,
        "fine_min": D(1000),
        "fine_max": D(50000),
        "bands": bands
        if bands is not None
        else [
            band(M, ["no_penalty"]),
            band(M, ["warning", "fine"], ("1000", "5000")),
            band(G, ["fine"], ("5000", "10000")),
            band(G, ["fine"], ("10000", "20000")),
            band(S, ["fine"], ("20000", "35000")),
            band(V, ["fine", "suspend_business"], ("35000", "50000")),
        ],
        "circumstances": CIRCUMSTANCES,
    }
    data.update(overrides)
    return services.StandardInput(**data)


def income_input(**overrides) -> services.StandardInput:
    """没收违法所得，并处违法所得1倍以上5倍以下罚款；违法所得不足1万元的，处1万元以上5万元以下."""
    data = {
        "violation": "无照经营",
        "violated_provision": ProvisionFactory(),
        "penalty_provision": ProvisionFactory(),
        "allowed_types": types("confiscate_income", "fine", "revoke_licence"),
        "fine_basis": FineBasis.ILLEGAL_INCOME,
        "fine_min": D(1),
        "fine_max": D(5),
        "base_threshold": D(10000),
        "threshold_fine_min": D(10000),
        "threshold_fine_max": D(50000),
        "bands": [
            band(M, ["confiscate_income", "fine"], ("1", "2"), ("10000", "20000")),
            band(G, ["confiscate_income", "fine"], ("2", "3"), ("20000", "30000")),
            band(S, ["confiscate_income", "fine"], ("3", "4"), ("30000", "40000")),
            band(V, ["confiscate_income", "fine"], ("4", "4.5"), ("40000", "45000")),
            band(
                V, ["confiscate_income", "fine", "revoke_licence"], ("4.5", "5"), ("45000", "50000")
            ),
        ],
        "circumstances": CIRCUMSTANCES,
    }
    data.update(overrides)
    return services.StandardInput(**data)


def make_standard(*, power=None, data=None, registered=True, agency=None, **power_kwargs):
    power = power or PowerFactory(**({"agency": agency} if agency else {}), **power_kwargs)
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    standard = services.standard_create(power=power, data=data or amount_input(), actor=filer)
    if registered:
        expert = UserFactory(roles=[Role.REGISTRY_REVIEWER])
        services.standard_submit(standard=standard, actor=filer)
        services.standard_add_opinion(
            standard=standard, reviewer=expert, verdict=ExpertOpinion.Verdict.AGREE
        )
        standard = services.standard_register(standard=standard, actor=expert)
    return standard
