"""Power-list spreadsheets in the layout agencies already use (XLSX and CSV), read and written.

Reading turns a file into header + rows of strings or raises SpreadsheetError; it knows
nothing about powers. Writing neutralises formulas so an exported cell is never executed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from enforcement_portal.exports import csv_bytes, neutralise, unneutralise

HEADER = [
    "序号",
    "权力编码",
    "权力名称",
    "权力类别",
    "实施主体",
    "法定依据",
    "具体条款",
    "执法方式/程序",
    "执行标准",
    "责任岗位",
    "承诺时限",
    "备注",
]


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (not a spreadsheet, empty, wrong header)."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column


def kind_of(filename: str) -> str:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    return ""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    text = str(value).strip()
    # Undo our own export's neutralisation so an exported file imports unchanged.
    return unneutralise(text)


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SpreadsheetError(_("The file is not a readable XLSX spreadsheet.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in row]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterator[list[str]]:
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(_("The file is not a CSV spreadsheet."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise SpreadsheetError(_("The file is not a CSV spreadsheet."))
    for row in csv.reader(io.StringIO(text)):
        yield [_cell_text(v) for v in row]


def read_rows(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(spreadsheet row number, cells)]) with blank rows dropped."""
    kind = kind_of(filename)
    if not kind:
        raise SpreadsheetError(_("Only .xlsx and .csv files can be imported."))
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    reader = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    try:
        rows = [(n, cells) for n, cells in enumerate(reader, start=1) if any(cells)]
    except csv.Error as exc:
        raise SpreadsheetError(_("The file is not a CSV spreadsheet.")) from exc
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    header = rows[0][1]
    header = [h.replace(" ", "") for h in header]
    while header and not header[-1]:
        header.pop()
    if header != HEADER:
        for index, expected in enumerate(HEADER):
            got = header[index] if index < len(header) else ""
            if got != expected:
                raise SpreadsheetError(
                    _("Wrong header: column %(pos)d should be “%(expected)s” but is “%(got)s”.")
                    % {"pos": index + 1, "expected": expected, "got": got or _("empty")},
                    column=expected,
                )
        raise SpreadsheetError(
            _("Wrong header: the file has more columns than the %(n)d of the power-list layout.")
            % {"n": len(HEADER)}
        )
    data_rows = [(n, (cells + [""] * len(HEADER))[: len(HEADER)]) for n, cells in rows[1:]]
    if not data_rows:
        raise SpreadsheetError(_("The file has a header but no rows of powers."))
    return header, data_rows


def write_csv(rows: Iterable[list], out) -> None:
    """CSV with a BOM so Excel opens the Chinese text correctly; formulas neutralised."""
    out.write(csv_bytes(HEADER, rows))


def write_xlsx(rows: Iterable[list], out, title: str = "权力清单") -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(HEADER)
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else neutralise(str(value))
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    workbook.save(out)
