"""Importing a power list spreadsheet: validate every row, then write all of it or nothing.

Progress goes to the cache (so another process can read it while the write transaction is
still open); the outcome goes to the ImportJob row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.tables import excerpt

from .citations import KIND_LABELS, Citation, CitationError, parse_bases
from .models import (
    Agency,
    FilingBatch,
    Power,
    PowerBasis,
    PowerVersion,
    PowerVersionBasis,
)
from .services import provisions_for, regulation_lookup
from .spreadsheet import HEADER, SpreadsheetError, read_rows

CATEGORY_BY_LABEL = {
    "行政许可": Power.Category.PERMIT,
    "行政处罚": Power.Category.PENALTY,
    "行政强制": Power.Category.COERCION,
    "行政征收": Power.Category.LEVY,
    "行政检查": Power.Category.INSPECTION,
    "行政确认": Power.Category.CONFIRMATION,
    "行政给付": Power.Category.BENEFIT,
    "行政奖励": Power.Category.REWARD,
    "行政裁决": Power.Category.ADJUDICATION,
    "其他行政权力": Power.Category.OTHER,
}
LABEL_BY_CATEGORY: dict[str, str] = {v: k for k, v in CATEGORY_BY_LABEL.items()}
# column -> (model field, max length or None)
TEXT_COLUMNS = {
    "权力名称": ("name", 300),
    "执法方式/程序": ("procedure", None),
    "执行标准": ("execution_standard", None),
    "责任岗位": ("responsible_post", 200),
    "承诺时限": ("time_limit", 100),
    "备注": ("remarks", None),
}
PROGRESS_EVERY = 500


@dataclass
class RowProblem:
    row: int | None
    column: str
    message: str
    missing_title: str = ""  # a cited law the ledger lacks (the job page offers to request it)

    def as_dict(self) -> dict:
        # Bounded: a message quotes at most an excerpt of a cell (the job's errors are JSON).
        out = {"row": self.row, "column": self.column, "message": excerpt(self.message, 500)}
        if self.missing_title:
            out["missing_title"] = self.missing_title[:200]
        return out

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(_("row %(n)d") % {"n": self.row})
        if self.column:
            where.append(_("column “%(c)s”") % {"c": self.column})
        return ("，".join(where) + "：" if where else "") + self.message


@dataclass
class ImportResult:
    problems: list[RowProblem] = field(default_factory=list)
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    batch: FilingBatch | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    number: int
    code: str
    content: dict
    citations: list[Citation]


def progress_key(job_id: int) -> str:
    return f"powers:import:{job_id}"


def _agency_names(agency: Agency) -> set[str]:
    return {agency.name, agency.short_name, agency.code}


def _validate(agency: Agency, rows, progress) -> tuple[list[_Row], list[RowProblem]]:
    problems: list[RowProblem] = []
    parsed: list[_Row] = []
    seen: dict[str, int] = {}
    others = {
        name: a for a in Agency.objects.exclude(pk=agency.pk) for name in (a.name, a.short_name)
    }
    own = _agency_names(agency)
    col = {name: index for index, name in enumerate(HEADER)}
    total = len(rows)
    for done, (number, cells) in enumerate(rows, start=1):
        row_problems: list[RowProblem] = []

        def bad(column: str, message: str, number=number, row_problems=row_problems) -> None:
            row_problems.append(RowProblem(number, column, message))

        code = cells[col["权力编码"]].strip()
        if not code:
            bad("权力编码", _("The power code is missing."))
        elif len(code) > 60:
            bad("权力编码", _("The power code is longer than 60 characters."))
        elif code in seen:
            bad(
                "权力编码",
                _("The code %(code)s also appears in row %(other)d.")
                % {"code": excerpt(code), "other": seen[code]},
            )
        else:
            seen[code] = number
        content = {}
        for column, (name, limit) in TEXT_COLUMNS.items():
            value = cells[col[column]].strip()
            if limit and len(value) > limit:
                bad(column, _("Longer than %(n)d characters.") % {"n": limit})
            content[name] = value
        if not content["name"]:
            bad("权力名称", _("The power name is missing."))
        category_label = cells[col["权力类别"]].strip()
        category = CATEGORY_BY_LABEL.get(category_label)
        if category is None:
            if category_label:
                message = _("Unknown category “%(value)s”; use one of: %(choices)s.") % {
                    "value": excerpt(category_label),
                    "choices": "、".join(CATEGORY_BY_LABEL),
                }
            else:
                message = _("The category is missing.")
            bad("权力类别", message)
        content["category"] = category
        body = cells[col["实施主体"]].strip()
        if not body:
            bad("实施主体", _("The exercising agency is missing."))
        elif body not in own:
            if body in others:
                message = _(
                    "“%(value)s” is another agency; this file is imported for %(agency)s."
                ) % {"value": excerpt(body), "agency": agency.name}
            else:
                message = _("Unknown agency “%(value)s”.") % {"value": excerpt(body)}
            bad("实施主体", message)
        citations: list[Citation] = []
        try:
            citations = parse_bases(cells[col["法定依据"]], cells[col["具体条款"]])
        except CitationError as exc:
            if exc.kind == "article":
                bad(
                    "具体条款",
                    _(
                        "Malformed article reference “%(value)s”; write it like "
                        "第二十五条第一款 or 《标题》第二十五条（处罚依据）."
                    )
                    % {"value": excerpt(exc.text)},
                )
            elif exc.kind == "missing_title":
                bad(
                    "法定依据",
                    _("Name the law that “%(value)s” belongs to.") % {"value": excerpt(exc.text)},
                )
            else:
                bad(
                    "具体条款",
                    _("Give the articles of 《%(title)s》 that the power rests on.")
                    % {"title": excerpt(exc.text)},
                )
        if not citations and not any(p.column in ("法定依据", "具体条款") for p in row_problems):
            bad("法定依据", _("The legal basis is missing."))
        problems.extend(row_problems)
        if not row_problems:
            parsed.append(_Row(number, code, content, citations))
        if progress and done % PROGRESS_EVERY == 0:
            progress("validating", done, total)
    # Titles are looked up once for the whole file.
    titles = {c.title for r in parsed for c in r.citations}
    regulations = regulation_lookup(titles)
    for row in parsed:
        for title in dict.fromkeys(c.title for c in row.citations):
            if title not in regulations:
                problems.append(
                    RowProblem(
                        row.number,
                        "法定依据",
                        _("《%(title)s》 is not in the regulation ledger; add it there first.")
                        % {"title": excerpt(title)},
                        missing_title=title,
                    )
                )
    problems.sort(key=lambda p: (p.row or 0, HEADER.index(p.column) if p.column in HEADER else 0))
    return parsed, problems


def power_import_file(
    *,
    agency: Agency,
    data: bytes,
    filename: str,
    actor=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """Validate the whole file; if every row is right, write it in one transaction.

    New codes become draft powers and existing draft/returned ones are revised, all in a new
    filing batch; a registered power whose row differs gets a new version; identical rows
    change nothing, so importing the same file twice leaves the same rows.
    """
    result = ImportResult()
    try:
        _header, rows = read_rows(data, filename)
    except SpreadsheetError as exc:
        result.problems.append(RowProblem(None, exc.column, exc.message))
        return result
    result.total = len(rows)
    parsed, problems = _validate(agency, rows, progress)
    if problems:
        result.problems = problems
        return result
    try:
        with transaction.atomic():
            _write(agency, parsed, filename, actor, result, progress)
    except _Refused as refused:
        result.problems = refused.problems
        result.created = result.updated = result.unchanged = 0
        result.batch = None
    return result


class _Refused(Exception):
    """Raised inside the write transaction to roll it back with row problems."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__("import refused")
        self.problems = problems


def _citation_pairs(rows, regulations, provisions):
    out = {}
    for row in rows:
        pairs = []
        for c in row.citations:
            reg = regulations[c.title]
            pairs.append((provisions[(reg.pk, c.article)].pk, c.kind))
        out[row.code] = sorted(set(pairs))
    return out


def _write(agency, rows: list[_Row], filename, actor, result: ImportResult, progress) -> None:
    regulations = regulation_lookup({c.title for r in rows for c in r.citations})
    all_citations = [c for r in rows for c in r.citations]
    provisions = provisions_for(all_citations, regulations)
    pairs_by_code = _citation_pairs(rows, regulations, provisions)
    fields = list(Power.CONTENT_FIELDS)

    existing = {
        p.code: p
        for p in Power.objects.select_for_update().filter(
            agency=agency, code__in=[r.code for r in rows]
        )
    }
    pending = {
        v.power_id: v
        for v in PowerVersion.objects.filter(
            power__in=existing.values(), status__in=PowerVersion.PENDING
        )
    }
    max_number = dict(
        PowerVersion.objects.filter(power__in=existing.values())
        .values("power_id")
        .annotate(n=Max("number"))
        .values_list("power_id", "n")
    )
    bases_of_power: dict[int, list] = {}
    for power_id, prov, kind in PowerBasis.objects.filter(power__in=existing.values()).values_list(
        "power_id", "provision_id", "kind"
    ):
        bases_of_power.setdefault(power_id, []).append((prov, kind))
    bases_of_version: dict[int, list] = {}
    for version_id, prov, kind in PowerVersionBasis.objects.filter(
        version__in=pending.values()
    ).values_list("version_id", "provision_id", "kind"):
        bases_of_version.setdefault(version_id, []).append((prov, kind))

    new_rows, revise, new_versions = [], [], []
    refused: list[RowProblem] = []
    for row in rows:
        power = existing.get(row.code)
        pairs = pairs_by_code[row.code]
        if power is None:
            new_rows.append(row)
            continue
        version = pending.get(power.pk)
        if version is not None:
            same = (
                all(getattr(version, f) == row.content[f] for f in fields)
                and sorted(bases_of_version.get(version.pk, [])) == pairs
            )
            if version.status == PowerVersion.Status.SUBMITTED and not same:
                refused.append(
                    RowProblem(
                        row.number,
                        "权力编码",
                        _(
                            "%(code)s is under review and cannot be changed until the "
                            "reviewer decides."
                        )
                        % {"code": excerpt(row.code)},
                    )
                )
            elif same and version.status != PowerVersion.Status.RETURNED:
                result.unchanged += 1
            else:
                revise.append((row, power, version))
        elif power.status == Power.Status.ABOLISHED:
            result.unchanged += 1
        else:
            same = (
                all(getattr(power, f) == row.content[f] for f in fields)
                and sorted(bases_of_power.get(power.pk, [])) == pairs
            )
            if same:
                result.unchanged += 1
            else:
                new_versions.append((row, power))

    if refused:
        raise _Refused(refused)
    if not (new_rows or revise or new_versions):
        audit_append(
            action="powers.import",
            obj=agency,
            actor=actor,
            changes={"file": filename, "rows": len(rows), "unchanged": result.unchanged},
        )
        return

    with translation.override(settings.LANGUAGE_CODE):
        title = (_("Import of %(file)s") % {"file": filename})[:200]
    batch = FilingBatch.objects.create(
        agency=agency,
        title=title,
        created_by=actor,
    )
    result.batch = batch
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("writing", done, len(rows))

    # New powers and their first versions.
    created_powers = Power.objects.bulk_create(
        [Power(agency=agency, code=r.code, **r.content) for r in new_rows], batch_size=1000
    )
    versions = [
        PowerVersion(power=p, number=1, batch=batch, created_by=actor, **r.content)
        for p, r in zip(created_powers, new_rows, strict=True)
    ]
    # Revised drafts: content replaced, moved into this batch, bases rewritten below.
    revised_powers = []
    for row, power, version in revise:
        for name in fields:
            setattr(version, name, row.content[name])
        if version.status == PowerVersion.Status.RETURNED:
            version.reopen()
        version.batch = batch
        if not power.ever_registered:
            for name in fields:
                setattr(power, name, row.content[name])
            if power.status == Power.Status.RETURNED:
                power.reopen()
            revised_powers.append(power)
    if revise:
        PowerVersion.objects.bulk_update(
            [v for _r, _p, v in revise], [*fields, "status", "batch"], batch_size=1000
        )
        Power.objects.bulk_update(revised_powers, [*fields, "status"], batch_size=1000)
        PowerVersionBasis.objects.filter(version__in=[v for _r, _p, v in revise]).delete()
    versions += [
        PowerVersion(
            power=power,
            number=max_number.get(power.pk, 0) + 1,
            batch=batch,
            created_by=actor,
            **row.content,
        )
        for row, power in new_versions
    ]
    created_versions = PowerVersion.objects.bulk_create(versions, batch_size=1000)
    tick(len(new_rows))
    basis_rows = []
    revised = [(v, r.code) for r, _p, v in revise]
    for version, code in [*((v, v.power.code) for v in created_versions), *revised]:
        basis_rows += [
            PowerVersionBasis(version_id=version.pk, provision_id=prov, kind=kind)
            for prov, kind in pairs_by_code[code]
        ]
    PowerVersionBasis.objects.bulk_create(basis_rows, batch_size=2000)
    tick(len(revise) + len(new_versions))
    result.created = len(new_rows)
    result.updated = len(revise) + len(new_versions)
    audit_append(
        action="powers.import",
        obj=batch,
        actor=actor,
        changes={
            "file": filename,
            "rows": len(rows),
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "created_codes": [r.code for r in new_rows][:200],
            "updated_codes": [
                *(r.code for r, _p, _v in revise),
                *(r.code for r, _p in new_versions),
            ][:200],
        },
    )


__all__ = ["KIND_LABELS", "power_import_file"]
