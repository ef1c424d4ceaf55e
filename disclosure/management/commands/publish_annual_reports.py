"""Compute and publish every enforcement agency's statistics for a year (due before 31 January)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclosure.statistics import annual_report_publish
from powers.models import Agency


class Command(BaseCommand):
    help = "Publish the annual enforcement statistics of every enforcement agency."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        parser.add_argument("--agency", help="only this agency code")

    def handle(self, *args, year: int, agency: str | None = None, **options):
        agencies = Agency.objects.filter(is_enforcement_body=True)
        if agency:
            agencies = agencies.filter(code=agency)
            if not agencies.exists():
                raise CommandError(f"Unknown agency code: {agency}")
        for item in agencies.order_by("code"):
            report = annual_report_publish(agency=item, year=year)
            self.stdout.write(f"{item.code:<10} {year}: {report.figures['cases_filed']} cases")
        self.stdout.write(self.style.SUCCESS(f"Published {agencies.count()} reports for {year}."))
