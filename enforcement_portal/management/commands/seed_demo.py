"""Build (or refresh) the demo city. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from enforcement_portal.registry import demo_seeders


class Command(BaseCommand):
    help = "Create the demo city: agencies, officers, one user per role and each app's data."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet: bool, **options):
        for seeder in demo_seeders():
            with transaction.atomic():
                seeder.seed(stdout=self.stdout, quiet=quiet)
            if not quiet:
                self.stdout.write(f"  seeded: {seeder.key}")
        self.stdout.write(self.style.SUCCESS("Demo city ready."))
