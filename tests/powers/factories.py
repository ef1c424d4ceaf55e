"""Factories and spreadsheet builders for the power registry tests."""

from __future__ import annotations

import io

import factory

from powers.models import FilingBatch, Regulation
from powers.spreadsheet import HEADER, write_csv, write_xlsx
from tests.factories import AgencyFactory

FOOD = "中华人民共和国食品安全法"


class FilingBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilingBatch

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"2026年第{n + 1}批")


def food_law() -> Regulation:
    reg, _ = Regulation.objects.get_or_create(
        title=FOOD, promulgated_on="2015-04-24", defaults={"level": Regulation.Level.LAW}
    )
    return reg


def row(agency, n=1, **overrides) -> list:
    values = {
        "序号": n,
        "权力编码": f"CF-T-{n:03d}",
        "权力名称": f"对未取得食品经营许可从事食品经营活动的行政处罚{n}",
        "权力类别": "行政处罚",
        "实施主体": agency.name,
        "法定依据": f"《{FOOD}》",
        "具体条款": "第三十五条第一款（设定依据）；第一百二十二条第一款（处罚依据）",
        "执法方式/程序": "立案—调查—决定",
        "执行标准": "依照裁量基准",
        "责任岗位": "执法科",
        "承诺时限": "九十日",
        "备注": "",
    }
    values.update(overrides)
    return [values[h] for h in HEADER]


def sheet(rows, fmt="xlsx") -> bytes:
    out = io.BytesIO()
    (write_csv if fmt == "csv" else write_xlsx)(rows, out)
    return out.getvalue()


def raw_xlsx(rows: list[list]) -> bytes:
    """An XLSX with exactly these rows (header included), for wrong-header cases."""
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
