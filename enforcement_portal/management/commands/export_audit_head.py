"""Append the audit chain's head to the export file outside the database."""

from pathlib import Path

from django.core.management.base import BaseCommand

from enforcement_portal.audit_heads import export_head, heads_path


class Command(BaseCommand):
    help = "Append the audit chain head (seq, hash, time) to AUDIT_HEAD_EXPORT_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--heads", type=Path, default=None, help="the file to append to")

    def handle(self, *args, heads: Path | None, **options):
        result = export_head(heads or heads_path())
        if result["exported"]:
            self.stdout.write(f"Exported head seq={result['seq']} to {result['path']}.")
        elif result["seq"]:
            self.stdout.write(f"Head seq={result['seq']} was already exported.")
        else:
            self.stdout.write("The audit chain is empty; nothing exported.")
