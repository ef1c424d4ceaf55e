"""Safe spreadsheet and CSV output: cells that a spreadsheet would run as formulas become text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

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


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel opens Chinese correctly), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
