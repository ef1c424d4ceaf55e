"""Delete attachments and reporter identity of reports closed longer than the retention."""

import datetime as dt

from django.core.management.base import BaseCommand

from reports.conf import setting
from reports.selectors import report_statistics
from reports.services import reports_purge_expired


class Command(BaseCommand):
    help = (
        "Delete the attachments and reporter identity of reports concluded more than "
        "REPORTS_RETENTION_DAYS ago (audited); the reports stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (for tests)")

    def handle(self, *args, today=None, **options):
        count = reports_purge_expired(today=today)
        kept = sum(row["count"] for row in report_statistics())
        self.stdout.write(
            f"purged {count} report(s) older than {setting('REPORTS_RETENTION_DAYS')} days; "
            f"{kept} report(s) kept for statistics"
        )
