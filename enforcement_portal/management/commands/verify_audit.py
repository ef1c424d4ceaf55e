"""Walk the audit chain in constant memory, then compare it with the exported heads: every
head in the export file, and the newest head in the bucket where one is configured.

Exit 1 naming the first broken event, or the exported head the chain no longer matches (a
shortened chain says so, with how many events were cut off its end).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enforcement_portal import audit_bucket
from enforcement_portal.audit import ChainBreak, verify_chain
from enforcement_portal.audit_heads import HeadMismatch, check_bucket, check_heads, heads_path
from enforcement_portal.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail (exit 0 intact, 1 broken)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes walking ranges of the chain in parallel "
            "(default: AUDIT_VERIFY_WORKERS, else the CPU count; always 1 on SQLite)",
        )
        parser.add_argument("--progress", action="store_true", help="print a running count")
        parser.add_argument(
            "--heads",
            type=Path,
            default=None,
            help="the exported heads file to check against (default: AUDIT_HEAD_EXPORT_DIR's)",
        )
        parser.add_argument(
            "--require-heads",
            action="store_true",
            help="fail when there is no exported heads file (or, with a bucket, no head in it)",
        )

    def handle(self, *args, chunk_size: int, progress: bool, workers: int | None, **options):
        checked = 0
        for item in verify_chain(chunk_size=chunk_size, workers=workers):
            if isinstance(item, ChainBreak):
                # Parallel workers report progress per range, so the running count can lag
                # the break: count what precedes it instead.
                intact = AuditEvent.objects.filter(seq__lt=item.seq).count()
                raise CommandError(
                    f"Audit chain broken at event seq={item.seq} (id={item.event_id}): "
                    f"{item.reason}. The {intact} events before it are intact."
                )
            checked = item
            if progress:
                self.stderr.write(f"\r{checked} events checked", ending="")
        if progress:
            self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events."))
        self._check_heads(options["heads"] or heads_path(), options["require_heads"])
        if audit_bucket.configured():
            self._check_bucket(options["require_heads"])

    @staticmethod
    def _mismatch(where: str, reason: str) -> CommandError:
        return CommandError(
            _("Audit chain does not match the exported heads (%(where)s): %(reason)s.")
            % {"where": where, "reason": reason}
        )

    def _check_heads(self, path: Path, required: bool) -> None:
        if not path.is_file():
            if required:
                raise CommandError(f"No exported audit heads at {path}.")
            self.stderr.write(
                self.style.WARNING(f"No exported audit heads at {path}; checked the chain only.")
            )
            return
        heads = 0
        for item in check_heads(path):
            if isinstance(item, HeadMismatch):
                raise self._mismatch(f"{path}, line {item.line}", item.reason)
            heads = item
        self.stdout.write(
            self.style.SUCCESS(f"Exported heads match: {heads} heads checked against {path}.")
        )

    def _check_bucket(self, required: bool) -> None:
        try:
            head, problem = check_bucket()
        except audit_bucket.BucketError as exc:
            raise CommandError(
                _("The exported heads in the bucket could not be read: %(error)s") % {"error": exc}
            ) from exc
        if head is None:
            where = audit_bucket.location()
            if required:
                raise CommandError(f"No exported audit heads in {where}.")
            self.stderr.write(self.style.WARNING(f"No exported audit heads in {where} yet."))
            return
        if problem:
            raise self._mismatch(audit_bucket.location(head.key), problem.reason)
        self.stdout.write(
            self.style.SUCCESS(
                f"Latest head in the bucket matches: seq={head.seq} "
                f"({audit_bucket.location(head.key)})."
            )
        )
