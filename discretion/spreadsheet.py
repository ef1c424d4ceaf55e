"""Discretion standards as the table agencies publish: 违法行为, 法律依据, 处罚依据, 违法程度,
适用情形, 处罚标准 (plus 权力编码 and the statutory range). All-or-nothing import."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from enforcement_portal import tables
from powers.models import Power, Provision

from . import bands as rules
from .models import Circumstance, DiscretionStandard, FineBasis, PenaltyType, Severity
from .services import (
    BandInput,
    StandardInput,
    StandardInvalid,
    standard_check,
    standard_create,
    standard_update,
)
from .wording import BASE_NAMES, fine_text, penalty_text

SEQ, CODE, VIOLATION, VIOLATED, PENALTY_BASIS, SEVERITY, WHEN, PENALTY, LAW_TYPES, LAW_FINE = (
    "序号",
    "权力编码",
    "违法行为",
    "法律依据",
    "处罚依据",
    "违法程度",
    "适用情形",
    "处罚标准",
    "法定处罚种类",
    "法定罚款幅度",
)
COLUMNS = [
    SEQ,
    CODE,
    VIOLATION,
    VIOLATED,
    PENALTY_BASIS,
    SEVERITY,
    WHEN,
    PENALTY,
    LAW_TYPES,
    LAW_FINE,
]
REQUIRED = [c for c in COLUMNS if c != SEQ]
STANDARD_COLUMNS = (VIOLATION, VIOLATED, PENALTY_BASIS, LAW_TYPES, LAW_FINE)

SEVERITY_BY_NAME = {
    "轻微": Severity.MINOR,
    "一般": Severity.ORDINARY,
    "严重": Severity.SERIOUS,
    "特别严重": Severity.VERY_SERIOUS,
}
NAME_BY_SEVERITY: dict[str, str] = {v: k for k, v in SEVERITY_BY_NAME.items()}
CIRCUMSTANCE_BY_NAME = {
    "从轻情形": Circumstance.Kind.LIGHTER,
    "减轻情形": Circumstance.Kind.REDUCED,
    "从重情形": Circumstance.Kind.HEAVIER,
    "不予处罚情形": Circumstance.Kind.NO_PENALTY,
}
NAME_BY_CIRCUMSTANCE: dict[str, str] = {v: k for k, v in CIRCUMSTANCE_BY_NAME.items()}
BASIS_BY_NAME = {v: k for k, v in BASE_NAMES.items()}

_NUM = r"(\d+(?:\.\d+)?)\s*(万)?"
AMOUNT_RE = re.compile(rf"处?\s*(?:{_NUM}元以上)?\s*{_NUM}元以下(?:的)?罚款")
MULTIPLE_RE = re.compile(
    r"处?\s*(违法所得|货值金额)\s*(\d+(?:\.\d+)?)\s*倍以上\s*(\d+(?:\.\d+)?)\s*倍以下(?:的)?罚款"
)
THRESHOLD_RE = re.compile(
    rf"[（(]\s*(违法所得|货值金额)不足\s*{_NUM}元的[，,]?\s*处?\s*{_NUM}元以上\s*{_NUM}元以下(?:的)?罚款\s*[)）]"
)
SPLIT_RE = re.compile(r"[，,、；;。\s]+")
THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3})")
# Orders that accompany a penalty but are not one (行政处罚法 Art. 28), and common wordings.
NOT_PENALTIES = {"责令改正", "责令限期改正", "责令立即改正"}
ALIASES = {
    "给予警告": "警告",
    "责令停产停业整顿": "责令停产停业",
    "责令停产整治": "责令停产停业",
    "停产整治": "责令停产停业",
    "责令停业": "责令停产停业",
    "限制生产": "限制开展生产经营活动",
    "吊销许可证": "吊销许可证件",
    "暂扣许可证": "暂扣许可证件",
}
CITATION_RE = re.compile(r"^\s*《([^》]+)》\s*(\S+)\s*$")


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return (" ".join(where) + "：" if where else "") + self.message


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    standards: list[DiscretionStandard] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Fine:
    basis: str
    low: Decimal | None
    high: Decimal | None
    threshold: Decimal | None = None
    threshold_low: Decimal | None = None
    threshold_high: Decimal | None = None


class CellProblem(ValueError):
    pass


# ---------------------------------------------------------------------------- parsing


def _amount(number: str, wan: str | None) -> Decimal:
    value = Decimal(number)
    return value * 10000 if wan else value


def parse_fine(text: str) -> tuple[Fine | None, str]:
    """The fine phrase in a cell and what is left of the cell without it."""
    rest = THOUSANDS_RE.sub("", text)
    threshold = None
    match = THRESHOLD_RE.search(rest)
    if match:
        threshold = match
        rest = rest[: match.start()] + rest[match.end() :]
    match = MULTIPLE_RE.search(rest)
    if match:
        fine = Fine(BASIS_BY_NAME[match.group(1)], Decimal(match.group(2)), Decimal(match.group(3)))
    else:
        match = AMOUNT_RE.search(rest)
        if match:
            low = _amount(match.group(1), match.group(2)) if match.group(1) else Decimal(0)
            fine = Fine(FineBasis.AMOUNT, low, _amount(match.group(3), match.group(4)))
    if match is None:
        if threshold is not None or "罚款" in rest:
            raise CellProblem(
                _(
                    "The fine cannot be read: write it as “处1000元以上10000元以下罚款” or "
                    "“处违法所得1倍以上3倍以下罚款”."
                )
            )
        return None, rest
    rest = rest[: match.start()] + rest[match.end() :]
    if threshold is not None:
        if fine.basis == FineBasis.AMOUNT or BASIS_BY_NAME[threshold.group(1)] != fine.basis:
            raise CellProblem(
                _("A fixed fine below a threshold needs a fine counted as a multiple.")
            )
        g = threshold.groups()
        fine = Fine(
            fine.basis,
            fine.low,
            fine.high,
            _amount(g[1], g[2]),
            _amount(g[3], g[4]),
            _amount(g[5], g[6]),
        )
    return fine, rest


def penalty_type_tokens(text: str) -> list[str]:
    """The penalty names a text lists (“吊销许可证、责令停产停业、罚款” ->
    吊销许可证件, 责令停产停业, 罚款): split, connecting words and orders that are not penalties
    dropped, common wordings mapped to the names of ``PenaltyType``. The one parser of penalty
    wordings (the decision step uses it through ``workflows.penalty.penalty_kinds``)."""
    tokens = []
    for token in SPLIT_RE.split(text or ""):
        token = re.sub(r"^(并处|处以|处|并|予以|或者|或|给予)", "", token.strip())
        token = ALIASES.get(token, token)
        if token and token not in NOT_PENALTIES:
            tokens.append(token)
    return tokens


def parse_types(text: str, by_name: dict[str, PenaltyType]) -> list[PenaltyType]:
    found = []
    for token in penalty_type_tokens(text):
        if token not in by_name:
            raise CellProblem(
                _("Unknown penalty type: %(name)s.") % {"name": tables.excerpt(token)}
            )
        if by_name[token] not in found:
            found.append(by_name[token])
    return found


def parse_penalty(text: str, by_name) -> tuple[list[PenaltyType], Fine | None]:
    fine, rest = parse_fine(text)
    types = parse_types(rest, by_name)
    if fine is not None:
        fine_type = by_name.get("罚款")
        if fine_type is None:
            raise CellProblem(_("Unknown penalty type: %(name)s.") % {"name": "罚款"})
        if fine_type not in types:
            types.append(fine_type)
    return types, fine


def _citation(text: str) -> Provision:
    match = CITATION_RE.match(text or "")
    if not match:
        raise CellProblem(
            _("Write the provision as 《title》第N条, e.g. 《中华人民共和国食品安全法》第三十五条.")
        )
    title, article = match.groups()
    provision = (
        Provision.objects.select_related("regulation")
        .filter(regulation__title=title.strip(), article=article.strip())
        .order_by("-regulation__promulgated_on")
        .first()
    )
    if provision is None:
        raise CellProblem(
            _("%(citation)s is not in the regulation ledger.")
            % {"citation": tables.excerpt(f"《{title}》{article}", 80)}
        )
    return provision


# ---------------------------------------------------------------------------- import


def _read_rows(upload) -> tuple[list[dict], list[CellError]]:
    try:
        table = tables.read_table(upload, kind="xlsx")
        header = [tables.cell_text(c) for c in next(table, (0, []))[1]]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            return [], [CellError(1, c, _("This column is missing.")) for c in missing]
        out = []
        for number, values in table:
            row: dict = {
                name: tables.cell_text(value)
                for name, value in zip(header, values, strict=False)
                if name
            }
            if any(row.values()):
                row["_row"] = number
                out.append(row)
    except tables.TableError as exc:
        # The position is in the message; the column is a letter, not one of ours.
        return [], [CellError(None, None, exc.message)]
    if not out:
        return [], [CellError(None, None, _("The spreadsheet has no data rows."))]
    return out, []


def import_standards(*, upload, user=None, agency=None) -> ImportResult:
    """Read the spreadsheet; write every standard in it as a draft, or nothing at all."""
    agency_id = agency.pk if agency is not None else getattr(user, "agency_id", None)
    rows, errors = _read_rows(upload)
    if errors:
        return ImportResult(errors)
    if agency_id is None:
        return ImportResult([CellError(None, None, _("Only an agency's filer can import."))])
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if not row.get(CODE):
            errors.append(CellError(row["_row"], CODE, _("Enter the power code.")))
            continue
        groups.setdefault(row[CODE], []).append(row)
    by_name = {t.name: t for t in PenaltyType.objects.all()}
    plans = []
    for code, group in groups.items():
        plan = _plan_standard(code, group, agency_id, by_name, errors)
        if plan is not None:
            plans.append(plan)
    if errors:
        return ImportResult(errors)
    return _write(plans, user)


def _plan_standard(code, group, agency_id, by_name, errors):
    first = group[0]["_row"]
    before = len(errors)
    power = Power.objects.filter(agency_id=agency_id, code=code).first()
    if power is None:
        errors.append(CellError(first, CODE, _("No power with this code in your agency.")))
    elif power.category != Power.Category.PENALTY or power.status != Power.Status.REGISTERED:
        errors.append(
            CellError(first, CODE, _("A discretion standard needs a registered penalty power."))
        )
    existing = None
    if power is not None:
        existing = DiscretionStandard.objects.filter(
            power=power, status__in=DiscretionStandard.OPEN
        ).first()
        if existing is not None and not existing.is_editable:
            errors.append(
                CellError(
                    first,
                    CODE,
                    _("This power's standard is under review; it cannot be replaced now."),
                )
            )
    values: dict[str, tuple[str, int]] = {}  # column -> (text, row number)
    for column in STANDARD_COLUMNS:
        for row in group:
            if row.get(column):
                if column in values and row[column] != values[column][0]:
                    errors.append(
                        CellError(
                            row["_row"],
                            column,
                            _("Differs from the value above for the same power."),
                        )
                    )
                values.setdefault(column, (row[column], row["_row"]))
    for column in (VIOLATION, VIOLATED, PENALTY_BASIS, LAW_TYPES):
        if column not in values:
            errors.append(CellError(first, column, _("This cell is required.")))
    parsed: dict[str, Any] = {}  # column -> what its parser returns (one type per column)
    for column, parse in (
        (VIOLATED, _citation),
        (PENALTY_BASIS, _citation),
        (LAW_TYPES, lambda t: parse_types(t, by_name)),
        (LAW_FINE, lambda t: parse_fine(t)),
    ):
        if column in values:
            try:
                parsed[column] = parse(values[column][0])
            except CellProblem as exc:
                errors.append(CellError(values[column][1], column, str(exc)))
    if LAW_FINE in parsed and parsed[LAW_FINE][1].strip("，,。；; "):
        errors.append(
            CellError(values[LAW_FINE][1], LAW_FINE, _("Only the fine range belongs here."))
        )
    band_rows, band_inputs = [], []
    circumstances: dict[str, list[str]] = {}
    for row in group:
        level = row.get(SEVERITY, "")
        if level in CIRCUMSTANCE_BY_NAME:
            if row.get(WHEN):
                circumstances.setdefault(CIRCUMSTANCE_BY_NAME[level], []).append(row[WHEN])
            else:
                errors.append(CellError(row["_row"], WHEN, _("Describe the circumstance.")))
            continue
        if level not in SEVERITY_BY_NAME:
            errors.append(
                CellError(
                    row["_row"],
                    SEVERITY,
                    _(
                        "Write 轻微, 一般, 严重 or 特别严重 "
                        "(or 从轻情形, 减轻情形, 从重情形, 不予处罚情形)."
                    ),
                )
            )
            continue
        if not row.get(WHEN):
            errors.append(CellError(row["_row"], WHEN, _("Describe when this band applies.")))
        try:
            types, fine = parse_penalty(row.get(PENALTY, ""), by_name)
        except CellProblem as exc:
            errors.append(CellError(row["_row"], PENALTY, str(exc)))
            continue
        law_fine = parsed.get(LAW_FINE, (None, ""))[0]
        if fine is not None and law_fine is not None and fine.basis != law_fine.basis:
            errors.append(
                CellError(
                    row["_row"],
                    PENALTY,
                    _("The fine is counted differently from the statutory range."),
                )
            )
            continue
        band_rows.append(row["_row"])
        band_inputs.append(
            BandInput(
                severity=SEVERITY_BY_NAME[level],
                circumstances=row.get(WHEN, ""),
                penalty_types=types,
                fine_min=fine.low if fine else None,
                fine_max=fine.high if fine else None,
                threshold_fine_min=fine.threshold_low if fine else None,
                threshold_fine_max=fine.threshold_high if fine else None,
            )
        )
    if len(errors) > before:
        return None
    law_fine = parsed[LAW_FINE][0] if LAW_FINE in parsed else None
    data = StandardInput(
        violation=values[VIOLATION][0],
        violated_provision=parsed[VIOLATED],
        penalty_provision=parsed[PENALTY_BASIS],
        allowed_types=parsed[LAW_TYPES],
        fine_basis=law_fine.basis if law_fine else FineBasis.NONE,
        fine_min=law_fine.low if law_fine else None,
        fine_max=law_fine.high if law_fine else None,
        base_threshold=law_fine.threshold if law_fine else None,
        threshold_fine_min=law_fine.threshold_low if law_fine else None,
        threshold_fine_max=law_fine.threshold_high if law_fine else None,
        bands=band_inputs,
        circumstances=circumstances,
    )
    for problem in standard_check(data):
        errors.append(_locate(problem, first, band_rows, values))
    if len(errors) > before:
        return None
    return power, existing, data


def _locate(problem: rules.Problem, first: int, band_rows: list[int], values) -> CellError:
    if problem.band is not None:
        column = SEVERITY if problem.field == "severity" else PENALTY
        return CellError(band_rows[problem.band], column, problem.message)
    if problem.field == "allowed_types":
        return CellError(values.get(LAW_TYPES, ("", first))[1], LAW_TYPES, problem.message)
    if problem.field == "violation":
        return CellError(first, VIOLATION, problem.message)
    if problem.field:
        return CellError(values.get(LAW_FINE, ("", first))[1], LAW_FINE, problem.message)
    return CellError(first, SEVERITY, problem.message)


def _write(plans, user) -> ImportResult:
    result = ImportResult()
    try:
        with transaction.atomic():
            for power, existing, data in plans:
                if existing is not None:
                    standard = standard_update(standard=existing, data=data, actor=user)
                else:
                    standard = standard_create(power=power, data=data, actor=user)
                result.standards.append(standard)
    except StandardInvalid as exc:
        # A concurrent change made a planned write invalid: report it, keep nothing.
        return ImportResult([CellError(None, None, p.message) for p in exc.problems])
    return result


# ---------------------------------------------------------------------------- export


def rows_of(standard: DiscretionStandard) -> Iterable[dict[str, str]]:
    common = {
        CODE: standard.power.code,
        VIOLATION: standard.violation,
        VIOLATED: str(standard.violated_provision),
        PENALTY_BASIS: str(standard.penalty_provision),
        LAW_TYPES: "、".join(t.name for t in standard.allowed_types.all()),
        LAW_FINE: fine_text(
            standard.fine_basis,
            standard.fine_min,
            standard.fine_max,
            standard.base_threshold,
            standard.threshold_fine_min,
            standard.threshold_fine_max,
        ),
    }
    for band in standard.bands.all():
        yield {
            **common,
            SEVERITY: NAME_BY_SEVERITY[band.severity],
            WHEN: band.circumstances,
            PENALTY: penalty_text(standard, band),
        }
    for item in standard.circumstances.all():
        yield {**common, SEVERITY: NAME_BY_CIRCUMSTANCE[item.kind], WHEN: item.text, PENALTY: ""}


def export_standards(standards: Iterable[DiscretionStandard]) -> bytes:
    widths = {
        SEQ: 6,
        CODE: 14,
        VIOLATION: 30,
        VIOLATED: 30,
        PENALTY_BASIS: 30,
        SEVERITY: 10,
        WHEN: 40,
        PENALTY: 50,
        LAW_TYPES: 30,
        LAW_FINE: 40,
    }

    def lines():
        number = 0
        for standard in standards:
            for row in rows_of(standard):
                number += 1
                yield [number if c == SEQ else row.get(c, "") for c in COLUMNS]

    return tables.xlsx_bytes(
        tables.Sheet(
            "裁量基准",
            COLUMNS,
            lines(),
            widths=[widths[c] for c in COLUMNS],
            wrap=True,
            bold_header=True,
        )
    )
