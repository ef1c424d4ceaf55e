"""Export an agency's power list as XLSX or CSV (chosen by the output file's extension)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from powers.models import Agency
from powers.selectors import export_rows
from powers.spreadsheet import kind_of, write_csv, write_xlsx


class Command(BaseCommand):
    help = "Export an agency's powers in the power-list layout; formulas are neutralised."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency code, e.g. scjg")
        parser.add_argument("-o", "--output", required=True, help="an .xlsx or .csv file")

    def handle(self, *args, agency: str, output: str, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"未知的机关代码：{agency}")
        kind = kind_of(output)
        if not kind:
            raise CommandError("输出文件须以 .xlsx 或 .csv 结尾。")
        rows = export_rows(found)
        with Path(output).open("wb") as out:
            (write_csv if kind == "csv" else write_xlsx)(rows, out)
        self.stdout.write(self.style.SUCCESS(f"已导出 {len(rows)} 项权力到 {output}。"))
