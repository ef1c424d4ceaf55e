"""Property-based tests (hypothesis): whatever passes validation is a well-formed standard,
and the calculator never recommends a fine outside the statutory range."""

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from discretion.bands import (
    BandSpec,
    StatuteSpec,
    compute,
    statutory_yuan,
    validate_bands,
    validate_statute,
)
from discretion.models import Circumstance, FineBasis, Severity

LEVELS = Severity.values
TYPES = ["warning", "fine", "confiscate_income", "suspend_business", "revoke_licence"]
KINDS = [k.value for k in Circumstance.Kind]
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

money = st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False)
multiple = st.decimals(min_value=0, max_value=30, places=2, allow_nan=False)


@st.composite
def statutes(draw):
    basis = draw(
        st.sampled_from([FineBasis.AMOUNT, FineBasis.ILLEGAL_INCOME, FineBasis.GOODS_VALUE])
    )
    numbers = multiple if basis != FineBasis.AMOUNT else money
    low = draw(numbers)
    high = low + draw(numbers) + Decimal("0.5")
    threshold = t_low = t_high = None
    if basis != FineBasis.AMOUNT and draw(st.booleans()):
        threshold = draw(st.decimals(min_value=1, max_value=100_000, places=2))
        t_low = draw(money)
        t_high = t_low + draw(money) + 1
    allowed = frozenset(draw(st.sets(st.sampled_from(TYPES), min_size=1))) | {"fine"}
    return StatuteSpec(basis, allowed, low, high, threshold, t_low, t_high)


def _range(draw, low, high, places=2):
    """A sub-range of [low, high] most of the time, sometimes a little outside it."""
    span = high - low
    a = draw(st.integers(min_value=-2, max_value=102))
    c = draw(st.integers(min_value=a, max_value=104))
    unit = Decimal(1).scaleb(-places)
    return (
        (low + span * a / 100).quantize(unit),
        (low + span * c / 100).quantize(unit),
    )


@st.composite
def band_lists(draw, statute):
    size = draw(st.sampled_from([1, 2, 3, 4, 1, 2, 3, 4, 0, 5]))  # 5 to 8 bands, or 4 or 9
    extra_levels = draw(st.lists(st.sampled_from(LEVELS), min_size=size, max_size=size))
    if draw(st.integers(0, 9)) == 0:  # now and then, a level left out
        extra_levels = extra_levels[:-1] if extra_levels else []
        base_levels = LEVELS[:-1]
    else:
        base_levels = list(LEVELS)
    levels = sorted(base_levels + extra_levels, key=Severity.rank)
    count = len(levels)
    if draw(st.integers(0, 9)) == 0:  # now and then, out of order
        levels = draw(st.permutations(levels))
    # Rising cut points across the statutory range, then a band per slice (perturbed).
    cuts = sorted(
        draw(st.lists(st.integers(0, 100), min_size=count + 1, max_size=count + 1, unique=True))
    )
    bands = []
    for index, level in enumerate(levels):
        kind = draw(st.sampled_from(["fine"] * 6 + ["other", "none"]))
        if kind == "none" and (level == Severity.MINOR or draw(st.integers(0, 9)) == 0):
            bands.append(BandSpec(level, frozenset({"no_penalty"})))
            continue
        pool = sorted(statute.allowed_types) if draw(st.integers(0, 9)) else TYPES
        extra = frozenset(draw(st.sets(st.sampled_from(pool), max_size=2)))
        if kind == "other" and draw(st.booleans()):
            bands.append(BandSpec(level, (extra - {"fine"}) or frozenset({"warning"})))
            continue
        span = statute.fine_max - statute.fine_min
        low = statute.fine_min + span * cuts[index] / 100
        high = statute.fine_min + span * cuts[index + 1] / 100
        if draw(st.integers(0, 9)) == 0:
            low, high = _range(draw, statute.fine_min, statute.fine_max)
        t_low = t_high = None
        if statute.has_threshold:
            t_span = statute.threshold_fine_max - statute.threshold_fine_min
            t_low = statute.threshold_fine_min + t_span * cuts[index] / 100
            t_high = statute.threshold_fine_min + t_span * cuts[index + 1] / 100
        bands.append(
            BandSpec(
                level,
                extra | {"fine"},
                low.quantize(Decimal("0.01")),
                high.quantize(Decimal("0.01")),
                t_low.quantize(Decimal("0.01")) if t_low is not None else None,
                t_high.quantize(Decimal("0.01")) if t_high is not None else None,
            )
        )
    return bands


@st.composite
def valid_standards(draw):
    statute = draw(statutes())
    assume(not validate_statute(statute))
    bands = draw(band_lists(statute))
    return statute, bands, validate_bands(statute, bands)


@SETTINGS
@given(valid_standards())
def test_whatever_passes_validation_is_well_formed(case):
    statute, bands, problems = case
    assume(not problems)
    assert 5 <= len(bands) <= 8
    ranks = [Severity.rank(b.severity) for b in bands]
    assert ranks == sorted(ranks), "bands run from the lightest to the heaviest"
    assert {b.severity for b in bands if "no_penalty" not in b.types} == set(LEVELS)
    fined = [b for b in bands if "fine" in b.types]
    for band in fined:
        assert statute.fine_min <= band.fine_min <= band.fine_max <= statute.fine_max
        if statute.has_threshold:
            assert (
                statute.threshold_fine_min
                <= band.threshold_fine_min
                <= band.threshold_fine_max
                <= statute.threshold_fine_max
            )
    for i, earlier in enumerate(fined):
        for later in fined[i + 1 :]:
            # Non-overlapping (they may share an endpoint, as 以上/以下 both include it) and rising.
            assert later.fine_min >= earlier.fine_max
            assert later.fine_max > earlier.fine_max
    for band in bands:
        assert band.types <= statute.allowed_types | {"no_penalty"}
        if "no_penalty" in band.types:
            assert band.severity == Severity.MINOR and band.types == {"no_penalty"}


@SETTINGS
@given(valid_standards(), st.data())
def test_the_calculator_never_leaves_the_statutory_range(case, data):
    statute, bands, problems = case
    assume(not problems)
    severity = data.draw(st.sampled_from(LEVELS))
    kinds = data.draw(st.lists(st.sampled_from(KINDS), max_size=4))
    base = data.draw(st.decimals(min_value=0, max_value=10_000_000, places=2))
    outcome = compute(
        statute,
        bands,
        severity,
        [(k, "情形") for k in kinds],
        illegal_income=base,
        goods_value=base,
    )
    band = bands[outcome.band_index]
    if outcome.no_penalty:
        assert severity == Severity.MINOR and band.types == {"no_penalty"}
        assert outcome.fine_min is None
        return
    assert "no_penalty" not in band.types
    if outcome.fine_min is None:
        assert "fine" not in band.types
        return
    low, high = statutory_yuan(statute, base)
    assert low <= outcome.fine_min <= outcome.fine_max <= high
    assert set(outcome.types) <= statute.allowed_types
