"""Import and export in the published table layout; all-or-nothing with row/column errors."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from discretion import services, spreadsheet
from discretion.models import DiscretionStandard, PenaltyType
from discretion.selectors import published_standards
from enforcement_portal.roles import Role
from tests.factories import PowerFactory, UserFactory

from .factories import income_input, make_standard

pytestmark = pytest.mark.django_db


def upload(rows, header=spreadsheet.COLUMNS, name="standards.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(c, "") for c in header] if isinstance(row, dict) else list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def read(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def content(standard):
    data = services.input_from(standard)
    return (
        data.violation,
        data.violated_provision.pk,
        data.penalty_provision.pk,
        sorted(t.code for t in data.allowed_types),
        [getattr(data, f) for f in services.STATUTE_FIELDS],
        [
            (
                b.severity,
                b.circumstances,
                sorted(t.code for t in b.penalty_types),
                *(getattr(b, f) for f in services.BAND_FINE_FIELDS),
            )
            for b in data.bands
        ],
        {k: sorted(v) for k, v in data.circumstances.items()},
    )


@pytest.fixture
def two_standards():
    first = make_standard()
    second = make_standard(data=income_input(), agency=first.agency)
    return first, second


def test_export_writes_the_published_layout(two_standards):
    first, second = two_standards
    rows = read(spreadsheet.export_standards(published_standards()))
    assert len(rows) == 6 + 4 + 5 + 4
    assert rows[0]["权力编码"] == first.power.code
    assert rows[0]["违法程度"] == "轻微" and rows[0]["处罚标准"] == "不予处罚"
    assert rows[1]["处罚标准"] == "警告，处1000元以上5000元以下罚款"
    assert rows[0]["法定罚款幅度"] == "处1000元以上5万元以下罚款"
    assert rows[6]["违法程度"] in {"从轻情形", "减轻情形", "从重情形", "不予处罚情形"}
    income_rows = [r for r in rows if r["权力编码"] == second.power.code]
    assert income_rows[4]["处罚标准"] == (
        "没收违法所得，吊销许可证件，处违法所得4.5倍以上5倍以下罚款"
        "（违法所得不足1万元的，处4.5万元以上5万元以下罚款）"
    )
    assert income_rows[0]["法定罚款幅度"] == (
        "处违法所得1倍以上5倍以下罚款（违法所得不足1万元的，处1万元以上5万元以下罚款）"
    )
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))


def test_round_trip_creates_new_draft_versions_with_the_same_content(two_standards):
    first, second = two_standards
    data = spreadsheet.export_standards(published_standards())
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=first.agency)
    result = spreadsheet.import_standards(upload=SimpleUploadedFile("a.xlsx", data), user=filer)
    assert result.ok, result.errors
    assert [s.version for s in result.standards] == [2, 2]
    for old, new in zip((first, second), result.standards, strict=True):
        assert new.status == "draft" and new.power == old.power
        assert content(new) == content(old)
    # Importing again replaces the drafts rather than adding versions.
    again = spreadsheet.import_standards(upload=SimpleUploadedFile("a.xlsx", data), user=filer)
    assert again.ok and [s.pk for s in again.standards] == [s.pk for s in result.standards]
    assert DiscretionStandard.objects.count() == 4


def test_every_error_is_reported_by_row_and_column_and_nothing_is_written(two_standards):
    first, _second = two_standards
    rows = read(spreadsheet.export_standards(published_standards()))
    rows[1]["处罚标准"] = "警告，处一千元罚款"  # row 3: unreadable fine
    rows[2]["违法程度"] = "较重"  # row 4: unknown level
    rows[13]["法律依据"] = "《不存在的条例》第一条"
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=first.agency)
    result = spreadsheet.import_standards(upload=upload(rows), user=filer)
    assert not result.ok
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(3, "处罚标准")].startswith("无法识别罚款幅度")
    assert found[(4, "违法程度")].startswith("请填写轻微、一般、严重或特别严重")
    assert found[(15, "法律依据")] == "与同一权力事项上方行的内容不一致。"
    assert str(result.errors[0]).startswith("第3行 “处罚标准”列：")
    assert DiscretionStandard.objects.count() == 2


def test_band_rules_point_at_the_band_row(two_standards):
    first, _second = two_standards
    rows = [
        r
        for r in read(spreadsheet.export_standards(published_standards()))
        if r["权力编码"] == first.power.code
    ]
    rows[3]["处罚标准"] = "处8000元以上20000元以下罚款"  # overlaps the band above
    rows[5]["处罚标准"] = "责令停产停业，处3.5万元以上8万元以下罚款"  # above the statute
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=first.agency)
    result = spreadsheet.import_standards(upload=upload(rows), user=filer)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (7, "处罚标准", "高于法定最高罚款50000元。"),
        (5, "处罚标准", "罚款幅度与第3档重叠。"),
    ]
    assert DiscretionStandard.objects.count() == 2


def test_one_bad_standard_keeps_the_good_one_out_too():
    power = PowerFactory()
    good = make_standard(agency=power.agency)
    rows = read(spreadsheet.export_standards(published_standards()))
    bad = [dict(r, 权力编码=power.code) for r in rows]
    bad[0]["违法程度"] = "一般"  # 不予处罚 outside 轻微
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    result = spreadsheet.import_standards(upload=upload(rows + bad), user=filer)
    assert not result.ok
    assert [str(e) for e in result.errors] == [
        "第12行 “处罚标准”列：不予处罚只能用于轻微违法行为（行政处罚法第三十三条）。",
        "第13行 “违法程度”列：处罚档次须按违法程度由轻到重排列。",
    ]
    assert DiscretionStandard.objects.count() == 1 and good.power.discretion_standards.count() == 1


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: SimpleUploadedFile("x.xlsx", b"not a workbook"),
            [(None, None, "文件不是.xlsx电子表格。")],
        ),
        (lambda: upload([], header=["权力编码", "违法行为"]), None),
        (lambda: upload([]), [(None, None, "表格中没有数据行。")]),
    ],
)
def test_file_level_errors(make, expected):
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=PowerFactory().agency)
    result = spreadsheet.import_standards(upload=make(), user=filer)
    got = [(e.row, e.column, e.message) for e in result.errors]
    if expected is None:
        assert (1, "法律依据", "缺少此列。") in got and len(got) == 7
    else:
        assert got == expected


def test_unknown_power_code_and_power_of_another_agency():
    standard = make_standard()
    rows = read(spreadsheet.export_standards(published_standards()))
    stranger = UserFactory(roles=[Role.AGENCY_FILER], agency=PowerFactory().agency)
    result = spreadsheet.import_standards(upload=upload(rows), user=stranger)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "权力编码", "本单位没有此权力编码。")
    ]
    assert standard.power.discretion_standards.count() == 1


@pytest.mark.parametrize(
    ("text", "codes", "fine"),
    [
        (
            "责令改正，给予警告，并处1,000元以上5,000元以下罚款",
            {"warning", "fine"},
            ("1000", "5000"),
        ),
        (
            "责令停产停业整顿，处5万元以上20万元以下的罚款",
            {"suspend_business", "fine"},
            ("50000", "200000"),
        ),
        ("处8.5万元以下罚款", {"fine"}, ("0", "85000")),
        ("不予处罚", {"no_penalty"}, None),
        (
            "没收违法所得，处货值金额10倍以上12倍以下罚款",
            {"confiscate_income", "fine"},
            ("10", "12"),
        ),
    ],
)
def test_penalty_wordings_agencies_use(text, codes, fine):
    # The kinds come from a data migration, which a transactional test's flush removes.
    services.penalty_types_ensure()
    by_name = {t.name: t for t in PenaltyType.objects.all()}
    types, parsed = spreadsheet.parse_penalty(text, by_name)
    assert {t.code for t in types} == codes
    if fine is None:
        assert parsed is None
    else:
        assert (parsed.low, parsed.high) == (D(fine[0]), D(fine[1]))


def test_unknown_wording_is_named():
    by_name = {t.name: t for t in PenaltyType.objects.all()}
    with pytest.raises(spreadsheet.CellProblem, match="无法识别的处罚种类：训诫"):
        spreadsheet.parse_penalty("训诫", by_name)


def test_numbers_the_database_cannot_hold_are_cell_errors():
    standard = make_standard()
    rows = read(spreadsheet.export_standards(published_standards()))
    rows[1]["处罚标准"] = "警告，处1000.125元以上5000元以下罚款"
    rows[5]["处罚标准"] = "责令停产停业，处3.5万元以上9999999999999元以下罚款"
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=standard.agency)
    result = spreadsheet.import_standards(upload=upload(rows), user=filer)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "处罚标准", "最多保留两位小数，且不超过一万亿。"),
        (7, "处罚标准", "最多保留两位小数，且不超过一万亿。"),
    ]
