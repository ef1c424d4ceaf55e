"""Security finding: formulas behind leading white space (issue #17, item 5).

"\\n=cmd()" or "\\u200b+1" passed into CSV unprefixed: spreadsheets skip such characters before
they look for a formula. One function neutralises for every writer; each writer is checked.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from enforcement_portal.exports import csv_bytes, neutralise, unneutralise

LEADS = [
    "",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    " \u200b\n",
]
SIGNS = ["=", "+", "-", "@", "＝", "＋", "－", "＠"]
CASES = [lead + sign + 'HYPERLINK("http://x")' for lead in LEADS for sign in SIGNS]


@pytest.mark.parametrize("value", CASES)
def test_every_leading_variant_is_prefixed(value):
    assert neutralise(value) == "'" + value
    assert unneutralise(neutralise(value)) == value


@pytest.mark.parametrize(
    "value", ["食品经营", "1-2", "张某", " 正常文本", "\u200b备注", "", "'=已是文本"]
)
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


def test_csv_writer_neutralises_every_variant():
    body = csv_bytes(["列"], [[v] for v in CASES]).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    assert cells == ["'" + v for v in CASES]


def test_power_xlsx_and_csv_exports_neutralise_every_variant():
    from powers.spreadsheet import write_csv, write_xlsx

    xlsx, text = io.BytesIO(), io.BytesIO()
    write_xlsx([[v] for v in CASES], xlsx)
    write_csv([[v] for v in CASES], text)
    sheet = load_workbook(io.BytesIO(xlsx.getvalue()), read_only=True).active
    from_xlsx = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    from_csv = [row[0] for row in csv.reader(io.StringIO(text.getvalue().decode("utf-8-sig")))][1:]
    assert from_csv == ["'" + v for v in CASES]
    # A worksheet cell stores line breaks as "\n"; openpyxl folds "\r\n" into it.
    assert from_xlsx == ["'" + v.replace("\r\n", "\n") for v in CASES]
