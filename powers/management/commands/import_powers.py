"""Import a power-list spreadsheet (XLSX or CSV) for one agency; all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from powers.importing import power_import_file
from powers.models import Agency


class Command(BaseCommand):
    help = "Import a power list (序号, 权力编码 ... 备注) for an agency. Exits 1 on a bad file."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="agency code, e.g. scjg")
        parser.add_argument("file", help="an .xlsx or .csv file")

    def handle(self, *args, agency: str, file: str, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"未知的机关代码：{agency}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")

        def progress(phase: str, done: int, total: int) -> None:
            if options.get("verbosity", 1) > 1:
                self.stdout.write(f"  {phase} {done}/{total}")

        result = power_import_file(
            agency=found, data=path.read_bytes(), filename=path.name, progress=progress
        )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"文件未导入：共 {len(result.problems)} 处问题，未写入任何数据。")
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入 {result.total} 行：新增 {result.created}，修改 {result.updated}，"
                f"未变 {result.unchanged}。"
            )
        )
