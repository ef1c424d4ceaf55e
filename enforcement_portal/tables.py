"""Table files (XLSX and CSV) for every importer and exporter, in one place.

Reading stays within limits checked before and while reading (each archive member's unpacked
size, rows, columns, characters per cell, CSV line length), so a decompression bomb is refused
in Chinese within a second and a few MB. Writing neutralises formulas in every cell.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# ------------------------------------------------------------------ formulas

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What a spreadsheet skips before it looks for a formula: white space of every kind, and the
# invisible format characters (zero-width space and joiners, word joiner, BOM).
_IGNORED_LEAD = " \t\r\n\v\f\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff"


def neutralise(value):
    """Prefix a formula-looking string with an apostrophe so it is shown, never evaluated.

    Full-width ＝＋－＠ are included: some spreadsheet programs fold them to ASCII.
    Leading white space and zero-width characters are skipped before looking, so
    "\\n=cmd()" or "\\u200b+1" cannot slip past: every writer (XLSX, CSV, open data) calls this.
    """
    if isinstance(value, str) and (
        value.startswith(FORMULA_PREFIXES)
        or value.lstrip(_IGNORED_LEAD).startswith(FORMULA_PREFIXES)
    ):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """The inverse for importers, so an exported file imports unchanged."""
    if text.startswith("'") and neutralise(text[1:]) == text:
        return text[1:]
    return text


# ------------------------------------------------------------------ limits


@dataclass(frozen=True)
class Limits:
    """What a table file may hold; the defaults come from settings (``TABLE_MAX_*``)."""

    file_bytes: int
    member_bytes: int
    members: int
    rows: int
    columns: int
    cell_chars: int
    line_chars: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            file_bytes=int(getattr(settings, "SPREADSHEET_MAX_BYTES", 20 * 1024 * 1024)),
            member_bytes=int(getattr(settings, "TABLE_MAX_MEMBER_BYTES", 64 * 1024 * 1024)),
            members=int(getattr(settings, "TABLE_MAX_MEMBERS", 1000)),
            rows=int(getattr(settings, "TABLE_MAX_ROWS", 50_000)),
            columns=int(getattr(settings, "TABLE_MAX_COLUMNS", 100)),
            cell_chars=int(getattr(settings, "TABLE_MAX_CELL_CHARS", 32_767)),
            line_chars=int(getattr(settings, "TABLE_MAX_LINE_CHARS", 1_000_000)),
        )

    @property
    def text_run_bytes(self) -> int:
        """The longest stretch of sheet XML without a tag that a cell within the limit needs.

        A character takes at most 10 bytes of XML (``&#x10FFFF;``), so a longer stretch is a
        cell over ``cell_chars`` (or an attribute as big): refused before the parser holds it.
        """
        return 10 * self.cell_chars + 256


class TableError(ValueError):
    """The file cannot be read within its limits or at all; ``message`` is for the user."""

    def __init__(self, message: str, *, row: int | None = None, column: str = ""):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


def excerpt(value: Any, length: int = 40) -> str:
    """The start of a cell for a message or an error list: never the whole of a long cell."""
    text = "" if value is None else str(value)
    return text if len(text) <= length else text[:length] + "…"


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (as a spreadsheet names its columns)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def _too_many_rows(row: int, limits: Limits) -> TableError:
    return TableError(
        _("Row %(row)d: the file has more than %(limit)d rows (limit TABLE_MAX_ROWS).")
        % {"row": row, "limit": limits.rows},
        row=row,
    )


def _too_many_columns(row: int, column: int, limits: Limits) -> TableError:
    return TableError(
        _(
            "Row %(row)d, column %(column)s: the file has more than %(limit)d columns "
            "(limit TABLE_MAX_COLUMNS)."
        )
        % {"row": row, "column": column_letter(column), "limit": limits.columns},
        row=row,
    )


def _cell_too_long(row: int | None, column: int | None, limits: Limits) -> TableError:
    if row is None or column is None:
        return TableError(
            _(
                "A cell of the file holds more than %(limit)d characters "
                "(limit TABLE_MAX_CELL_CHARS)."
            )
            % {"limit": limits.cell_chars},
            row=row,
        )
    return TableError(
        _(
            "Row %(row)d, column %(column)s: the cell holds more than %(limit)d characters "
            "(limit TABLE_MAX_CELL_CHARS)."
        )
        % {"row": row, "column": column_letter(column), "limit": limits.cell_chars},
        row=row,
    )


def _not_xlsx() -> TableError:
    return TableError(_("The file is not an .xlsx spreadsheet."))


def _not_csv() -> TableError:
    return TableError(_("The file is not a CSV spreadsheet."))


# ------------------------------------------------------------------ XLSX


def _open_workbook(stream: IO[bytes], limits: Limits):
    from openpyxl.reader.excel import ExcelReader

    from .zipguard import _GuardedZip

    archive = _GuardedZip(stream, limits)
    reader = ExcelReader(stream, read_only=True, data_only=True)
    reader.archive.close()
    reader.archive = archive
    reader.valid_files = archive.namelist()
    reader.read()
    return reader.wb


def _limit_behind(exc: BaseException) -> TableError | None:
    """The limit a guarded stream hit, when openpyxl has wrapped it in an error of its own."""
    seen = 0
    cause: BaseException | None = exc
    while cause is not None and seen < 20:
        if isinstance(cause, TableError):
            return cause
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return None


def _read_xlsx(stream: IO[bytes], limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    try:
        workbook = _open_workbook(stream, limits)
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _limit_behind(exc) or _not_xlsx() from exc
    try:
        if not workbook.worksheets:
            raise _not_xlsx()
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        number = 0
        while True:
            try:
                values = next(rows, None)
            except TableError:
                raise
            except Exception as exc:
                raise _limit_behind(exc) or _not_xlsx() from exc
            if values is None:
                return
            number += 1
            yield number, _checked(list(values), number, limits)
    finally:
        workbook.close()


def _checked(values: list, number: int, limits: Limits) -> list:
    while values and values[-1] in (None, ""):
        values.pop()
    if not values:
        return values
    if number > limits.rows:
        raise _too_many_rows(number, limits)
    if len(values) > limits.columns:
        raise _too_many_columns(number, limits.columns + 1, limits)
    for index, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > limits.cell_chars:
            raise _cell_too_long(number, index, limits)
    return values


# ------------------------------------------------------------------ CSV


def _csv_encoding(stream: IO[bytes]) -> str:
    """UTF-8 (with or without a BOM) when the whole file decodes so, else GB 18030.

    Checked in pieces, so the text is never held twice.
    """
    head = stream.read(4096)
    if b"\x00" in head:
        raise _not_csv()
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(1024 * 1024):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "gb18030"
    stream.seek(0)
    return encoding


def _csv_lines(text: IO[str], limits: Limits) -> Iterator[str]:
    number = 0
    while True:
        line = text.readline(limits.line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.line_chars and not line.endswith(("\n", "\r")):
            raise TableError(
                _(
                    "Line %(line)d of the CSV file is longer than %(limit)d characters "
                    "(limit TABLE_MAX_LINE_CHARS)."
                )
                % {"line": number, "limit": limits.line_chars},
                row=number,
            )
        yield line


def _read_csv(stream: IO[bytes], limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    encoding = _csv_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    reader = csv.reader(_csv_lines(text, limits))
    number = 0
    try:
        while True:
            try:
                values = next(reader, None)
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise _cell_too_long(reader.line_num, None, limits) from exc
                raise _not_csv() from exc
            if values is None:
                return
            number += 1
            yield number, _checked(values, number, limits)
    finally:
        text.detach()


# ------------------------------------------------------------------ reading


def kind_of(filename: str) -> str:
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    return ""


def read_table(
    source: bytes | IO[bytes], *, kind: str, limits: Limits | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, values)`` for every row of the first sheet, within the limits.

    Values are as the file holds them (numbers, dates, text; ``None`` for an empty cell), with
    trailing empty cells dropped; a blank row is an empty list. Raises ``TableError`` with a
    Chinese message naming the limit and, where known, the row and column.
    """
    limits = limits or Limits.from_settings()
    stream: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    size = getattr(source, "size", None)
    if size is None:
        size = len(source) if isinstance(source, bytes | bytearray) else None
    if size is not None and size > limits.file_bytes:
        raise TableError(
            _("The file is too large: more than %(limit)s (limit SPREADSHEET_MAX_BYTES).")
            % {"limit": _size(limits.file_bytes)}
        )
    try:
        stream.seek(0)
    except (AttributeError, OSError):
        stream = io.BytesIO(stream.read(limits.file_bytes + 1))
    if kind == "xlsx":
        return _read_xlsx(stream, limits)
    if kind == "csv":
        return _read_csv(stream, limits)
    raise TableError(_("Only .xlsx and .csv files can be imported."))


def cell_text(value: Any) -> str:
    """A read value as the importers compare it: 3.0 -> "3", dates in ISO form, stripped,
    and our own export's formula neutralisation undone so an exported file imports unchanged."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    return unneutralise(str(value).strip())


# ------------------------------------------------------------------ writing


def csv_bytes(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel opens Chinese correctly), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    """One worksheet to write: a header row (none if empty), then rows; strings as text only."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = field(default_factory=list)
    wrap: bool = False
    bold_header: bool = False
    all_text: bool = False  # numbers too are written as text (the power-list layout)


def write_xlsx(out: IO[bytes], *sheets: Sheet) -> None:
    """Stream the sheets to ``out`` (openpyxl's write-only mode); no cell is ever a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for spec in sheets:
        sheet = book.create_sheet(str(spec.title)[:31] or "Sheet")
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[column_letter(index)].width = width

        def cell(value, sheet=sheet, spec=spec, header=False):
            if value is None:
                value = ""
            if spec.all_text or not isinstance(value, int | float | Decimal):
                value = neutralise(str(value))
            item = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                item.data_type = "s"  # text, never a formula
            if header and spec.bold_header:
                item.font = bold
            elif spec.wrap and not header:
                item.alignment = wrap
            return item

        if spec.header:
            sheet.append([cell(h, header=True) for h in spec.header])
        for row in spec.rows:
            sheet.append([cell(v) for v in row])
    book.save(out)


def xlsx_bytes(*sheets: Sheet) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, *sheets)
    return out.getvalue()


def _attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename: str, *sheets: Sheet) -> HttpResponse:
    """A download of the sheets as ``filename`` (ASCII, ending in .xlsx)."""
    return _attachment(xlsx_bytes(*sheets), XLSX_CONTENT_TYPE, filename)


def csv_response(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]):
    """A download of one table as UTF-8 CSV with a BOM, formulas neutralised."""
    return _attachment(csv_bytes(header, rows), CSV_CONTENT_TYPE, filename)
