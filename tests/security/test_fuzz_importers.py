"""Fuzzed importers (issue #11, ASVS V5 input validation, V12 files).

Each importer is fed hundreds of generated files: a valid sheet with one or more cells
replaced by arbitrary text (control characters, formulas, huge numbers, full-width digits,
zero-width characters, surrogates excluded because a file cannot carry them), sheets with
columns dropped, shuffled or duplicated, and byte strings that are not spreadsheets at all.
Whatever comes in, the importer answers with a result (never an exception), and either
writes every row or nothing: counts of the written models and of audit events are
unchanged whenever it reports a problem. Every problem is worded in Chinese.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from discretion import spreadsheet as standards_sheet
from discretion.models import DiscretionStandard, PenaltyBand
from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from powers.importing import power_import_file
from powers.models import FilingBatch, Power, PowerVersion
from powers.spreadsheet import HEADER
from tests.discretion.factories import make_standard
from tests.factories import AgencyFactory, UserFactory
from tests.powers.factories import food_law, row

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a spreadsheet cell can hold (openpyxl refuses C0 controls other than tab/newline).
ODD = [
    "",
    " ",
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-1",
    "１２３４５",  # full-width digits
    "张\u200b三",  # zero-width space
    "\u202e反转",  # right-to-left override
    "<script>alert(1)</script>",
    "9" * 40,
    "1e309",
    "NaN",
    "0.000001",
    "2026-02-30",
    "处1万元以上5千元以下罚款",
    "《》",
    "x" * 5000,
    "\t",
    "第一百二十二条第一款",
]
cell_text = st.one_of(
    st.sampled_from(ODD),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13)),
        ),
        max_size=80,
    ),
)


def counts(*models) -> tuple[int, ...]:
    return (*(m.objects.count() for m in models), AuditEvent.objects.count())


def chinese(messages) -> None:
    for message in messages:
        assert CJK.search(str(message)), f"problem not in Chinese: {message!r}"


# ------------------------------------------------------------------- power lists


@pytest.fixture
def power_agency(db):
    food_law()
    return AgencyFactory()


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for r in rows:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows: list[list]) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def power_files(draw, agency):
    """(bytes, filename): a valid list with cells, columns or the whole file damaged."""
    fmt = draw(st.sampled_from(["xlsx", "csv"]))
    n = draw(st.integers(min_value=1, max_value=3))
    header = list(HEADER)
    rows = [row(agency, i + 1) for i in range(n)]
    damage = draw(st.sampled_from(["cells", "columns", "bytes", "cells"]))
    if damage == "bytes":
        data = draw(st.binary(max_size=600))
        if draw(st.booleans()):
            data = b"PK\x03\x04" + data  # looks like a zip (an .xlsx) at first sight
        return data, draw(st.sampled_from(["list.xlsx", "list.csv", "list.xls", "list"]))
    if damage == "columns":
        i = draw(st.integers(0, len(header) - 1))
        op = draw(st.sampled_from(["drop", "duplicate", "rename", "swap"]))
        table = [header, *rows]
        for r in table:
            if op == "drop":
                del r[i]
            elif op == "duplicate":
                r.insert(i, r[i])
            elif op == "swap":
                j = (i + 1) % len(r)
                r[i], r[j] = r[j], r[i]
        if op == "rename":
            header[i] = draw(cell_text)
    else:
        for _ in range(draw(st.integers(1, 4))):
            r = draw(st.integers(0, n - 1))
            c = draw(st.integers(0, len(header) - 1))
            rows[r][c] = draw(cell_text)
    table = [header, *rows]
    return (_xlsx(table) if fmt == "xlsx" else _csv(table)), f"list.{fmt}"


@FUZZ
@given(data=st.data())
def test_power_import_never_fails_and_writes_all_or_nothing(power_agency, data):
    content, filename = data.draw(power_files(power_agency))
    with transaction.atomic(), translation.override("zh-hans"):
        before = counts(Power, PowerVersion, FilingBatch)
        result = power_import_file(agency=power_agency, data=content, filename=filename)
        after = counts(Power, PowerVersion, FilingBatch)
        if result.problems:
            assert after == before, "a refused file wrote something"
            chinese(p.message for p in result.problems)
        else:
            assert result.created + result.updated + result.unchanged == result.total
            assert after[0] >= before[0]
        transaction.set_rollback(True)


# ------------------------------------------------------------------- discretion standards


@pytest.fixture
def standard_rows(db):
    standard = make_standard()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=standard.power.agency)
    rows = list(standards_sheet.rows_of(standard))
    return filer, rows


def _standards_upload(header, rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(list(header))
    for r in rows:
        book.active.append([r.get(c, "") for c in header])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("standards.xlsx", out.getvalue())


@FUZZ
@given(data=st.data())
def test_standard_import_never_fails_and_writes_all_or_nothing(standard_rows, data):
    filer, rows = standard_rows
    rows = [dict(r) for r in rows]
    header = list(standards_sheet.COLUMNS)
    damage = data.draw(st.sampled_from(["cells", "cells", "columns", "bytes"]))
    if damage == "bytes":
        upload = SimpleUploadedFile("standards.xlsx", data.draw(st.binary(max_size=600)))
    else:
        if damage == "columns":
            header.remove(data.draw(st.sampled_from(header)))
        else:
            for _ in range(data.draw(st.integers(1, 3))):
                r = data.draw(st.integers(0, len(rows) - 1))
                rows[r][data.draw(st.sampled_from(header))] = data.draw(cell_text)
        upload = _standards_upload(header, rows)
    with transaction.atomic(), translation.override("zh-hans"):
        before = counts(DiscretionStandard, PenaltyBand)
        result = standards_sheet.import_standards(upload=upload, user=filer)
        after = counts(DiscretionStandard, PenaltyBand)
        if result.errors:
            assert after == before, "a refused spreadsheet wrote something"
            chinese(e.message for e in result.errors)
            for error in result.errors:
                if error.column:
                    assert error.column in standards_sheet.COLUMNS
        else:
            assert after[0] > before[0]
        transaction.set_rollback(True)


# ------------------------------------------------------------------- report pictures


def _picture(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (12, 9), (200, 30, 30)).save(out, fmt)
    return out.getvalue()


PICTURES = {fmt: _picture(fmt) for fmt in ("PNG", "JPEG", "GIF", "WEBP")}


@st.composite
def damaged_pictures(draw) -> bytes:
    """A real picture with bytes flipped, cut off or appended, or bytes that are none."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    data = bytearray(PICTURES[draw(st.sampled_from(sorted(PICTURES)))])
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data) + draw(st.binary(max_size=40))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=damaged_pictures(), name=st.sampled_from(["a.png", "a.jpg", "照片.gif", "a"]))
def test_report_pictures_take_any_bytes(content, name):
    """The public report form's picture cleaner (a file reader exposed to anyone): a damaged
    or fake picture is refused with a Chinese message, never an unexpected exception."""
    from django.core.exceptions import ValidationError

    from reports.uploads import clean_image

    upload = SimpleUploadedFile(name, content, content_type="image/png")
    with translation.override("zh-hans"):
        try:
            cleaned = clean_image(upload)
        except ValidationError as exc:
            chinese(exc.messages)
        else:
            assert cleaned.size > 0 and cleaned.content_type in ("image/png", "image/jpeg")
