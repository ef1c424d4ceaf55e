"""Enter a year's holiday schedule from the State Council notice.

    python manage.py holiday_schedule 2027 --notice "国办发明电〔2026〕7号" \\
        --off "2027-01-01 元旦" --off "2027-02-05~2027-02-12 春节" --workday 2027-02-14
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from enforcement_portal.holidays import holiday_schedule_enter, parse_schedule


class Command(BaseCommand):
    help = "Enter a year's holiday schedule (days off and make-up working days) from the notice."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--notice", required=True, help="the State Council notice")
        parser.add_argument(
            "--off", action="append", default=[], help="a day or range off, with its name"
        )
        parser.add_argument("--workday", action="append", default=[], help="a make-up working day")

    def handle(self, *args, year: int, notice: str, off: list[str], workday: list[str], **kw):
        try:
            schedule = parse_schedule(year, "\n".join(off), "\n".join(workday))
            holiday_schedule_enter(schedule=schedule, notice=notice)
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{year}: {len(schedule.days_off)} days off and {len(schedule.workdays)} "
                "make-up working days entered."
            )
        )
