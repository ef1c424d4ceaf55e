"""Run the early-warning scan by hand (how the embedded default runs it; beat runs it in production)."""

from django.core.management.base import BaseCommand

from oversight.warnings.engine import scan


class Command(BaseCommand):
    help = "Open, resolve and escalate early warnings for every active rule."

    def add_arguments(self, parser):
        parser.add_argument("--rule", action="append", dest="codes", help="only this rule code")

    def handle(self, *args, codes=None, **options):
        result = scan(codes=codes)
        for code, figures in result.per_rule.items():
            self.stdout.write(
                f"{code:<28} open {figures['open']:>6}  opened {figures['opened']:>5}  "
                f"resolved {figures['resolved']:>5}  escalated {figures['escalated']:>5}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Scan done: {result.opened} opened, {result.resolved} resolved.")
        )
