"""Back up the database, the private media root and the exported audit heads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enforcement_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup directory (pg_dump, media tar, audit heads, manifest) under DEST."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="the directory to write the backup in")

    def handle(self, *args, destination: Path, **options):
        try:
            folder = backup(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(str(folder))
