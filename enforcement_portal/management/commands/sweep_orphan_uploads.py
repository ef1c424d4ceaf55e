"""Delete stored files no database row names (orphans of requests that died mid-upload)."""

import datetime as dt

from django.core.management.base import BaseCommand

from enforcement_portal.audit import audit_append
from enforcement_portal.uploads import grace, sweep


class Command(BaseCommand):
    help = "Delete uploads that no row refers to and that are older than the grace period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, do not delete.")
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=None,
            help="Grace period (default UPLOAD_ORPHAN_GRACE_HOURS, 24).",
        )

    def handle(self, *args, dry_run=False, older_than_hours=None, **options):
        older = dt.timedelta(hours=older_than_hours) if older_than_hours is not None else grace()
        result = sweep(older_than=older, dry_run=dry_run)
        for name in result.deleted:
            self.stdout.write(("would delete " if dry_run else "deleted ") + name)
        if result.deleted and not dry_run:
            audit_append(
                action="uploads.swept",
                object_type="core.storage",
                object_id="media",
                changes={"deleted": result.deleted[:200], "count": len(result.deleted)},
            )
        self.stdout.write(
            f"{len(result.deleted)} orphaned, {result.referenced} referenced, "
            f"{result.kept_young} younger than {older}"
        )
