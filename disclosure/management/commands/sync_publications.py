"""Make the missing publication draft of every decided case (the catch-up for case.decided)."""

from django.core.management.base import BaseCommand

from disclosure.cases import publications_sync_from_cases


class Command(BaseCommand):
    help = "Create draft publications for decided cases that have none."

    def handle(self, *args, **options):
        made = publications_sync_from_cases()
        self.stdout.write(self.style.SUCCESS(f"{made} publication drafts made."))
