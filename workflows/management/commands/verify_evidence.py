"""Re-hash every stored evidence file; exit 1 when any is missing or no longer matches."""

from django.core.management.base import BaseCommand, CommandError

from workflows.integrity import evidence_verify


class Command(BaseCommand):
    help = "Re-verify evidence files against their SHA-256 (exit 0 all intact, 1 otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="report only: record no results and append no audit event (e.g. after a restore)",
        )

    def handle(self, *args, batch_size: int | None, check_only: bool, **options):
        summary = evidence_verify(batch_size=batch_size, record=not check_only).as_dict()
        line = (
            f"{summary['checked']} evidence files checked: {summary['ok']} intact, "
            f"{summary['mismatch']} do not match their hash, {summary['missing']} missing."
        )
        if summary["mismatch"] or summary["missing"]:
            ids = ", ".join(str(pk) for pk in summary["failing"])
            raise CommandError(f"{line} Failing records: {ids}.")
        self.stdout.write(self.style.SUCCESS(line))
