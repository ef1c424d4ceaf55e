"""Walk the audit chain in constant memory; exit 1 naming the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from enforcement_portal.audit import ChainBreak, verify_chain


class Command(BaseCommand):
    help = "Verify the hash-chained audit trail (exit 0 intact, 1 broken)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument("--progress", action="store_true", help="print a running count")

    def handle(self, *args, chunk_size: int, progress: bool, **options):
        checked = 0
        for item in verify_chain(chunk_size=chunk_size):
            if isinstance(item, ChainBreak):
                raise CommandError(
                    f"Audit chain broken at event seq={item.seq} (id={item.event_id}): "
                    f"{item.reason}. {checked} events before it are intact."
                )
            checked = item
            if progress:
                self.stderr.write(f"\r{checked} events checked", ending="")
        if progress:
            self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events."))
