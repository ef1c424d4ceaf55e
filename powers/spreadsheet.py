"""Power-list spreadsheets in the layout agencies already use (XLSX and CSV), read and written.

Reading turns a file into header + rows of strings or raises SpreadsheetError; it knows
nothing about powers. Writing neutralises formulas so an exported cell is never executed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from enforcement_portal import tables
from enforcement_portal.tables import kind_of

__all__ = [
    "HEADER",
    "SpreadsheetError",
    "kind_of",
    "read_rows",
    "write_csv",
    "write_xlsx",
    "xlsx_sheet",
]

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


def read_rows(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(spreadsheet row number, cells)]) with blank rows dropped."""
    kind = kind_of(filename)
    if not kind:
        raise SpreadsheetError(_("Only .xlsx and .csv files can be imported."))
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    try:
        rows = [
            (n, cells)
            for n, values in tables.read_table(data, kind=kind)
            if any(cells := [tables.cell_text(v) for v in values])
        ]
    except tables.TableError as exc:
        raise SpreadsheetError(exc.message) from exc
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
                    % {
                        "pos": index + 1,
                        "expected": expected,
                        "got": tables.excerpt(got) or _("empty"),
                    },
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
    out.write(tables.csv_bytes(HEADER, rows))


def xlsx_sheet(rows: Iterable[list], title: str = "权力清单") -> tables.Sheet:
    """The power list as a worksheet: every cell written as text, formulas neutralised."""
    return tables.Sheet(title, HEADER, rows, all_text=True)


def write_xlsx(rows: Iterable[list], out, title: str = "权力清单") -> None:
    tables.write_xlsx(out, xlsx_sheet(rows, title))
