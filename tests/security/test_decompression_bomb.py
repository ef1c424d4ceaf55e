"""Security finding: decompression bombs (issue #17, item 1).

A 157 KB XLSX holding one 150 MB cell took a server process to about 6 GB and ended in a 500
(``jsonb ... exceeds maximum``). Each file here is built by hand (sheet XML written straight
into a highly compressed zip, never 150 MB in memory) and imported through the real importers
(power lists through the import job, discretion standards) in a fresh process, which reports
its peak memory above its baseline and the time taken. Every one must be refused in Chinese,
naming the limit (and the row and column where it is known), write nothing, store a short
error list, and stay under 200 MB and 5 s.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from discretion.spreadsheet import COLUMNS
from enforcement_portal.roles import Role
from powers.spreadsheet import HEADER
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{NS}" xmlns:r="{DOC}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
SHEET = "xl/worksheets/sheet1.xml"


def letter(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def header_row(header: list[str]) -> bytes:
    cells = b"".join(cell(f"{letter(i)}1", h) for i, h in enumerate(header, start=1))
    return b'<row r="1">' + cells + b"</row>"


def long_cell_row(chars: int) -> Iterator[bytes]:
    """Row 2: A2 = 1, then C2 holding ``chars`` characters, streamed a megabyte at a time."""
    yield b'<row r="2">' + cell("A2", "1") + b'<c r="C2" t="inlineStr"><is><t>'
    left = chars
    while left > 0:
        n = min(left, MB)
        yield b"A" * n
        left -= n
    yield b"</t></is></c></row>"


def sheet_xml(header: list[str], body: Iterable[bytes]) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'.encode()
    yield header_row(header)
    yield from body
    yield b"</sheetData></worksheet>"


def write_xlsx(path: Path, chunks: Iterable[bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PACKAGE.items():
            archive.writestr(name, text)
        with archive.open(SHEET, "w") as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return path


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the member's unpacked size in its local and central headers."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(member).header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, declared)
    central = 0
    while True:
        central = data.find(b"PK\x01\x02", central + 1)
        assert central > 0, "central directory entry not found"
        (length,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + length] == name:
            break
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))


def build(kind: str, header: list[str], path: Path) -> Path:
    if kind == "bomb":  # one cell of 150 MB, its size declared honestly
        return write_xlsx(path, sheet_xml(header, long_cell_row(150 * MB)))
    if kind == "lie":  # the same, with the sheet's size declared as 20 KB
        write_xlsx(path, sheet_xml(header, long_cell_row(150 * MB)))
        lie_about_size(path, SHEET, 20_000)
        return path
    if kind == "long_cell":  # 2 MB in one cell: under the member limit, over the cell limit
        return write_xlsx(path, sheet_xml(header, long_cell_row(2 * MB)))
    if kind == "cell_chars":  # 40,000 characters: caught when the cell is read
        return write_xlsx(path, sheet_xml(header, long_cell_row(40_000)))
    if kind == "rows":  # one row more than TABLE_MAX_ROWS
        rows = (
            f'<row r="{n}">'.encode() + cell(f"A{n}", str(n)) + b"</row>"
            for n in range(2, settings.TABLE_MAX_ROWS + 2)
        )
        return write_xlsx(path, sheet_xml(header, rows))
    if kind == "row_gap":  # one row at the last row a sheet can have
        far = 1_048_576
        row = f'<row r="{far}">'.encode() + cell(f"A{far}", "x") + b"</row>"
        return write_xlsx(path, sheet_xml(header, [row]))
    if kind == "columns":  # one column more than TABLE_MAX_COLUMNS
        cells = b"".join(
            cell(f"{letter(i)}2", "x") for i in range(1, settings.TABLE_MAX_COLUMNS + 2)
        )
        return write_xlsx(path, sheet_xml(header, [b'<row r="2">' + cells + b"</row>"]))
    raise AssertionError(kind)


def build_csv(kind: str, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        if kind == "csv_line":  # one line of 2 million characters
            out.write("1," + "x" * 2_000_000 + "\n")
        elif kind == "csv_cell":  # 40,000 characters in C2
            out.write("1,A," + "x" * 40_000 + "\n")
        elif kind == "csv_rows":
            out.writelines(f"{n},A{n}\n" for n in range(2, settings.TABLE_MAX_ROWS + 2))
    return path


# kind -> the phrases the Chinese refusal must hold (the limit, and where it applies)
XLSX_CASES = {
    "bomb": ["TABLE_MAX_MEMBER_BYTES", "sheet1.xml", "未读取即已拒绝"],
    "lie": ["TABLE_MAX_MEMBER_BYTES", "sheet1.xml", "文件头声明"],
    "long_cell": ["TABLE_MAX_CELL_CHARS", "第2行C列", "32767"],
    "cell_chars": ["TABLE_MAX_CELL_CHARS", "第2行C列", "32767"],
    "rows": ["TABLE_MAX_ROWS", "第50001行", "50000"],
    "row_gap": ["TABLE_MAX_ROWS", "第1048576行"],
    "columns": ["TABLE_MAX_COLUMNS", "第2行CW列", "100"],
}
CSV_CASES = {
    "csv_line": ["TABLE_MAX_LINE_CHARS", "第2行"],
    "csv_cell": ["TABLE_MAX_CELL_CHARS", "第2行C列"],
    "csv_rows": ["TABLE_MAX_ROWS", "第50001行"],
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Built once per module and importer, on demand."""
    folder = tmp_path_factory.mktemp("bombs")
    built: dict[tuple[str, str], Path] = {}

    def get(kind: str, importer: str) -> Path:
        if (kind, importer) not in built:
            if kind.startswith("csv"):
                built[kind, importer] = build_csv(kind, folder / f"{kind}.csv")
            else:
                header = HEADER if importer == "powers" else COLUMNS
                built[kind, importer] = build(kind, header, folder / f"{kind}-{importer}.xlsx")
        return built[kind, importer]

    return get


@pytest.fixture
def importers(require_postgres):
    agency = AgencyFactory()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    return agency, filer


def run_import(importer: str, path: Path, agency, filer, media: Path) -> dict:
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    test_db = urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    spec = {
        "importer": importer,
        "path": str(path),
        "filename": path.name,
        "agency": agency.pk,
        "user": filer.pk,
        "media": str(media),
    }
    env = {**os.environ, "DATABASE_URL": test_db}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "tests.security.bomb_runner", json.dumps(spec)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def assert_refused(outcome: dict, phrases: list[str]) -> None:
    print(  # the figures docs/security.md quotes (pytest -s)
        f"\n{phrases[0]}: +{outcome['growth_mb']:.1f} MB over {outcome['baseline_mb']:.0f} MB, "
        f"{outcome['seconds']:.2f} s: {outcome['messages'][:1]}"
    )
    assert outcome["status"] == "failed", outcome
    assert len(outcome["messages"]) == 1, outcome["messages"]
    message = outcome["messages"][0]
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in {message!r}"
    assert outcome["written"] == [0] * len(outcome["written"]), "a refused file wrote something"
    assert outcome["stored_chars"] < 2000, "the error list holds more than an excerpt"
    assert outcome["growth_mb"] < 200, f"peak memory grew by {outcome['growth_mb']:.0f} MB"
    assert outcome["seconds"] < 5, f"took {outcome['seconds']:.1f} s"


@pytest.mark.parametrize("importer", ["powers", "discretion"])
@pytest.mark.parametrize("kind", list(XLSX_CASES))
def test_spreadsheet_bombs_are_refused_unread(kind, importer, files, importers, tmp_path):
    path = files(kind, importer)
    if kind in ("bomb", "lie"):
        assert path.stat().st_size < 400 * 1024  # the attack is a small upload
    agency, filer = importers
    outcome = run_import(importer, path, agency, filer, tmp_path)
    assert_refused(outcome, XLSX_CASES[kind])


@pytest.mark.parametrize("kind", list(CSV_CASES))
def test_csv_bombs_are_refused(kind, files, importers, tmp_path):
    agency, filer = importers
    outcome = run_import("powers", files(kind, "powers"), agency, filer, tmp_path)
    assert_refused(outcome, CSV_CASES[kind])


def test_the_bomb_is_the_attack_it_claims_to_be(files):
    """The file really unpacks to 150 MB (so the refusals above are not of a broken file)."""
    with zipfile.ZipFile(files("bomb", "powers")) as archive:
        assert archive.getinfo(SHEET).file_size > 150 * MB
        assert archive.testzip() is None


def test_a_file_built_the_same_way_within_the_limits_imports(importers, tmp_path):
    """The hand-built package is a workbook the importers read: a good row is accepted."""
    from tests.powers.factories import food_law, row

    food_law()
    agency, filer = importers
    cells = row(agency, 1)
    body = (
        b'<row r="2">'
        + b"".join(cell(f"{letter(i)}2", str(v)) for i, v in enumerate(cells, start=1) if v != "")
        + b"</row>"
    )
    path = write_xlsx(tmp_path / "good.xlsx", sheet_xml(HEADER, [body]))
    outcome = run_import("powers", path, agency, filer, tmp_path)
    assert outcome["status"] == "succeeded", outcome["messages"]
    assert outcome["written"][0] == 1
