"""Spreadsheet import: all rows or nothing, every problem by row and column; export."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from powers.importing import power_import_file
from powers.models import FilingBatch, Power, PowerVersion
from powers.selectors import export_rows
from powers.spreadsheet import HEADER
from tests.factories import AgencyFactory

from .factories import food_law, raw_xlsx, row, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _law(db):
    food_law()


def problems(result):
    return [(p.row, p.column) for p in result.problems]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_good_file_imports_and_reimport_changes_nothing(agency, fmt):
    data = sheet([row(agency, n) for n in range(1, 6)], fmt)
    result = power_import_file(agency=agency, data=data, filename=f"list.{fmt}")
    assert result.ok and result.created == 5
    assert Power.objects.filter(agency=agency).count() == 5
    power = Power.objects.get(code="CF-T-001")
    assert power.status == Power.Status.DRAFT
    version = power.versions.get()
    assert version.batch == result.batch
    assert sorted(version.bases.values_list("provision__article", "kind")) == [
        ("第一百二十二条第一款", "penalty"),
        ("第三十五条第一款", "setting"),
    ]
    before = (Power.objects.count(), PowerVersion.objects.count(), FilingBatch.objects.count())
    again = power_import_file(agency=agency, data=data, filename=f"list.{fmt}")
    assert again.ok and again.unchanged == 5 and again.created == again.updated == 0
    assert (
        Power.objects.count(),
        PowerVersion.objects.count(),
        FilingBatch.objects.count(),
    ) == before


def test_reimport_updates_by_code(agency):
    power_import_file(agency=agency, data=sheet([row(agency, 1)]), filename="a.xlsx")
    changed = sheet([row(agency, 1, 权力名称="新名称"), row(agency, 2)])
    result = power_import_file(agency=agency, data=changed, filename="b.xlsx")
    assert (result.created, result.updated) == (1, 1)
    assert Power.objects.get(code="CF-T-001").name == "新名称"
    assert PowerVersion.objects.filter(power__code="CF-T-001").count() == 1


def test_bad_rows_refuse_the_whole_file_with_row_and_column(agency):
    other = AgencyFactory(name="另一个执法局")
    rows = [
        row(agency, 1),
        row(agency, 2, 权力类别="行政罚款"),
        row(agency, 3, 权力名称=""),
        row(agency, 4, 权力编码="CF-T-001"),
        row(agency, 5, 实施主体="不存在的局"),
        row(agency, 6, 实施主体=other.name),
        row(agency, 7, 具体条款="第三十五款"),
        row(agency, 8, 法定依据="《不存在的法》", 具体条款="第一条"),
    ]
    result = power_import_file(agency=agency, data=sheet(rows), filename="bad.xlsx")
    assert not result.ok
    assert problems(result) == [
        (3, "权力类别"),
        (4, "权力名称"),
        (5, "权力编码"),
        (6, "实施主体"),
        (7, "实施主体"),
        (8, "具体条款"),
        (9, "法定依据"),
    ]
    text = "\n".join(str(p) for p in result.problems)
    assert "第3行" in text and "“权力类别”列" in text and "行政罚款" in text
    assert not Power.objects.exists() and not FilingBatch.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "empty.xlsx"),
        (b"PK\x03\x04 this is not really a zip", "fake.xlsx"),
        (b"%PDF-1.7 binary\x00\x01", "fake.csv"),
        (b"hello", "notes.txt"),
    ],
)
def test_files_that_are_not_spreadsheets(agency, data, name):
    result = power_import_file(agency=agency, data=data, filename=name)
    assert not result.ok and result.problems[0].row is None
    assert not Power.objects.exists()


def test_wrong_header_and_header_only(agency):
    wrong = raw_xlsx([["序号", "编码", *HEADER[2:]], ["1", "X"]])
    result = power_import_file(agency=agency, data=wrong, filename="w.xlsx")
    assert [(p.row, p.column) for p in result.problems] == [(None, "权力编码")]
    header_only = raw_xlsx([HEADER])
    assert not power_import_file(agency=agency, data=header_only, filename="h.xlsx").ok


def test_export_neutralises_formulas_and_round_trips(agency):
    data = sheet([row(agency, 1, 权力名称='=HYPERLINK("http://evil")', 备注="@SUM(A1)")])
    assert power_import_file(agency=agency, data=data, filename="f.xlsx").ok
    rows = export_rows(agency)
    assert rows[0][2] == '=HYPERLINK("http://evil")'
    out = io.BytesIO()
    from powers.spreadsheet import write_xlsx

    write_xlsx(rows, out)
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    assert ws["C2"].value == '\'=HYPERLINK("http://evil")' and ws["C2"].data_type == "s"
    assert ws["L2"].value == "'@SUM(A1)"
    again = power_import_file(agency=agency, data=out.getvalue(), filename="f2.xlsx")
    assert again.ok and again.unchanged == 1


def test_commands(agency, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(sheet([row(agency, 1), row(agency, 2)], "csv"))
    call_command("import_powers", "--agency", agency.code, str(good))
    assert Power.objects.filter(agency=agency).count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheet([row(agency, 1, 权力类别="乱写")]))
    with pytest.raises(CommandError):
        call_command("import_powers", "--agency", agency.code, str(bad))
    err = capsys.readouterr().err
    assert "乱写" in err and "权力类别" in err
    out = tmp_path / "out.xlsx"
    call_command("export_powers", "--agency", agency.code, "-o", str(out))
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == HEADER and ws.max_row == 3
    out_csv = tmp_path / "out.csv"
    call_command("export_powers", "--agency", agency.code, "-o", str(out_csv))
    assert out_csv.read_bytes().startswith("\ufeff序号".encode())


@pytest.mark.django_db(transaction=True)
def test_command_exits_1_on_a_bad_file(tmp_path):
    import os
    import subprocess
    import sys

    from django.db import connection

    agency = AgencyFactory()
    bad = tmp_path / "bad.csv"
    bad.write_text("不是表头\n1,2\n", encoding="utf-8")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    proc = subprocess.run(
        [sys.executable, "manage.py", "import_powers", "--agency", agency.code, str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": url},
    )
    assert proc.returncode == 1
    assert "序号" in proc.stderr  # the header problem, named by its column


def test_reimport_of_a_registered_power_files_a_new_version(agency):
    from powers import services

    power_import_file(agency=agency, data=sheet([row(agency, 1)]), filename="a.xlsx")
    version = PowerVersion.objects.get()
    services.batch_submit(batch=version.batch)
    services.version_register(version=version)
    same = power_import_file(agency=agency, data=sheet([row(agency, 1)]), filename="b.xlsx")
    assert same.unchanged == 1 and PowerVersion.objects.count() == 1
    changed = sheet([row(agency, 1, 责任岗位="法制科")])
    result = power_import_file(agency=agency, data=changed, filename="c.xlsx")
    assert result.updated == 1
    power = Power.objects.get()
    assert power.status == Power.Status.REGISTERED and power.responsible_post == "执法科"
    assert list(power.versions.values_list("number", "status", "responsible_post")) == [
        (2, "draft", "法制科"),
        (1, "registered", "执法科"),
    ]
    # while version 2 is under review, a file that would change it again is refused whole
    services.batch_submit(batch=result.batch)
    again = sheet([row(agency, 1, 责任岗位="综合科"), row(agency, 2)])
    refused = power_import_file(agency=agency, data=again, filename="d.xlsx")
    assert problems(refused) == [(2, "权力编码")]
    assert Power.objects.count() == 1


def test_gb18030_csv_from_older_office_software(agency):
    text = "\n".join(
        ",".join(str(v) for v in r) for r in [HEADER, row(agency, 1, 具体条款="第三十五条第一款")]
    )
    result = power_import_file(agency=agency, data=text.encode("gb18030"), filename="旧.csv")
    assert result.ok and Power.objects.get().name.startswith("对未取得食品经营许可")
