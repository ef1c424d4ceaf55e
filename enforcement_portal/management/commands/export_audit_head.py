"""Append the audit chain's head to the export file outside the database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from enforcement_portal.audit_heads import export_head, export_heads


class Command(BaseCommand):
    help = (
        "Append the audit chain head (seq, hash, time) to AUDIT_HEAD_EXPORT_DIR and, where "
        "AUDIT_HEAD_S3_BUCKET is set, put it in that bucket."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--heads", type=Path, default=None, help="append to this file only (no bucket)"
        )

    def handle(self, *args, heads: Path | None, **options):
        result = export_head(heads) if heads else export_heads()
        if result["exported"]:
            self.stdout.write(f"Exported head seq={result['seq']} to {result['path']}.")
        elif result["seq"]:
            self.stdout.write(f"Head seq={result['seq']} was already exported.")
        else:
            self.stdout.write("The audit chain is empty; nothing exported.")
        if result.get("bucket"):
            state = "Exported" if result["bucket"]["exported"] else "Already"
            self.stdout.write(f"{state} in the bucket: {result['bucket']['location']}.")
