"""Restore a backup into a fresh database and an empty media root, then check the copy."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enforcement_portal.audit_heads import heads_path
from enforcement_portal.backup import BackupError, check_restored, restore


class Command(BaseCommand):
    help = (
        "Restore BACKUP into the fresh database DATABASE_URL (created if missing, refused if not "
        "empty) and the empty MEDIA_ROOT, after checking the manifest; then verify the copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="a portal-<time> backup directory")
        parser.add_argument("--database-url", required=True, help="postgres://…/fresh_db")
        parser.add_argument("--media-root", type=Path, required=True)
        parser.add_argument(
            "--heads-dir",
            type=Path,
            default=None,
            help="where the restored portal keeps AUDIT_HEAD_EXPORT_DIR (must have no heads file)",
        )
        parser.add_argument("--no-verify", action="store_true", help="skip the checks afterwards")

    def handle(self, *args, backup: Path, database_url, media_root, heads_dir, no_verify, **opts):
        try:
            manifest = restore(
                backup, database_url=database_url, media_root=media_root, heads_dir=heads_dir
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(
            f"Restored {counts['cases']} cases, {counts['evidence_files']} evidence files and "
            f"{counts['audit_events']} audit events."
        )
        if no_verify:
            return
        heads_file = heads_path(heads_dir) if heads_dir else backup / "audit-heads.jsonl"
        problems = check_restored(
            manifest,
            database_url=database_url,
            media_root=media_root,
            heads_file=heads_file if heads_file.is_file() else None,
        )
        if problems:
            raise CommandError("The restored copy is not sound:\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                "Restored copy verified: counts match the manifest, the audit chain is intact "
                "and matches the exported heads, every evidence file matches its hash."
            )
        )
