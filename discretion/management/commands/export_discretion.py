"""Export the registered discretion standards in the published table layout."""

from django.core.management.base import BaseCommand

from discretion.selectors import published_standards
from discretion.spreadsheet import export_standards


class Command(BaseCommand):
    help = "Export registered discretion standards to an .xlsx file (all agencies or one)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="output .xlsx file")
        parser.add_argument("--agency", help="agency code; all agencies when omitted")

    def handle(self, *args, path: str, agency: str | None, **options):
        standards = published_standards()
        if agency:
            standards = standards.filter(agency__code=agency)
        with open(path, "wb") as handle:
            handle.write(export_standards(standards))
        self.stdout.write(self.style.SUCCESS(f"Wrote {standards.count()} standards to {path}."))
