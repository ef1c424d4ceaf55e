"""Import discretion standards from a spreadsheet for one agency, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from discretion.spreadsheet import import_standards
from powers.models import Agency


class Command(BaseCommand):
    help = "Import discretion standards (published table layout) as drafts for one agency."

    def add_arguments(self, parser):
        parser.add_argument("path", help=".xlsx file")
        parser.add_argument("--agency", required=True, help="agency code, e.g. scjg")

    def handle(self, *args, path: str, agency: str, **options):
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"No agency with code {agency!r}.")
        try:
            with open(path, "rb") as handle:
                result = import_standards(upload=handle, agency=found)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} errors.")
        self.stdout.write(self.style.SUCCESS(f"Imported {len(result.standards)} standards."))
