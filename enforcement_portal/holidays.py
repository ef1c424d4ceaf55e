"""Statutory holidays for years the State Council calendar package does not cover yet, and
entering a year's published schedule (放假安排) from the State Council notice.

The 全国年节及纪念日放假办法 (as revised by 国务院令第795号, in force from 2025-01-01) gives
13 days off a year: 元旦 1 (1 January), 春节 4 (除夕 to 正月初三), 清明 1 (the solar term),
劳动节 2 (1-2 May), 端午 1 (五月初五), 中秋 1 (八月十五), 国庆 3 (1-3 October). The notice
for a year adds the bridging days and the make-up working days (调休), which no rule computes,
so until it is entered those years count the statutory days off and Monday to Friday otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from lunar_python import Lunar


@functools.lru_cache(maxsize=32)
def statutory_days_off(year: int) -> dict[dt.date, str]:
    """The statutory days off of ``year`` (国务院令第795号), each with its festival's name."""

    def lunar(month: int, day: int) -> dt.date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())

    spring = lunar(1, 1)
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    days = {dt.date(year, 1, 1): "元旦"}
    for offset in range(-1, 3):  # 除夕 to 正月初三
        days[spring + dt.timedelta(days=offset)] = "春节"
    days[dt.date(qingming.getYear(), qingming.getMonth(), qingming.getDay())] = "清明节"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "劳动节"
    days[lunar(5, 5)] = "端午节"
    days[lunar(8, 15)] = "中秋节"
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = "国庆节"
    return days


@dataclass(frozen=True)
class Schedule:
    year: int
    days_off: dict[dt.date, str]
    workdays: list[dt.date]


_DATE = r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?"
_RANGE = re.compile(rf"^\s*{_DATE}\s*(?:(?:[~～至到]|--?|—)\s*{_DATE})?\s*(.*?)\s*$")


def _date(parts, line_no: int, year: int) -> dt.date:
    try:
        day = dt.date(*(int(p) for p in parts))
    except ValueError:
        raise ValidationError(
            _("Line %(line)d: %(text)s is not a date.")
            % {
                "line": line_no,
                "text": "-".join(parts),
            }
        ) from None
    if day.year != year:
        raise ValidationError(
            _("Line %(line)d: %(day)s is not in %(year)d.")
            % {"line": line_no, "day": day.isoformat(), "year": year}
        )
    return day


def parse_schedule(year: int, days_off_text: str, workdays_text: str) -> Schedule:
    """Read the notice's days off (one range per line, ``2027-02-05~2027-02-11 春节``) and
    make-up working days (one date per line). Errors name the field and the line."""
    errors: dict[str, list[str]] = {"days_off": [], "workdays": []}
    days_off: dict[dt.date, str] = {}
    workdays: list[dt.date] = []
    for line_no, line in enumerate(days_off_text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _RANGE.match(line)
        if not match:
            errors["days_off"].append(
                _("Line %(line)d: write a date or a range such as 2027-02-05~2027-02-11 春节.")
                % {"line": line_no}
            )
            continue
        try:
            start = _date(match.group(1, 2, 3), line_no, year)
            end = _date(match.group(4, 5, 6), line_no, year) if match.group(4) else start
        except ValidationError as exc:
            errors["days_off"].extend(exc.messages)
            continue
        if end < start:
            errors["days_off"].append(
                _("Line %(line)d: the range ends before it starts.") % {"line": line_no}
            )
            continue
        if (end - start).days > 31:
            errors["days_off"].append(
                _("Line %(line)d: a holiday of more than a month is not a holiday schedule.")
                % {"line": line_no}
            )
            continue
        note = (match.group(7) or "").strip()[:100]
        day = start
        while day <= end:
            days_off[day] = note
            day += dt.timedelta(days=1)
    for line_no, line in enumerate(workdays_text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _RANGE.match(line)
        if not match or match.group(4):
            errors["workdays"].append(
                _("Line %(line)d: write one date per line, such as 2027-02-14.") % {"line": line_no}
            )
            continue
        try:
            day = _date(match.group(1, 2, 3), line_no, year)
        except ValidationError as exc:
            errors["workdays"].extend(exc.messages)
            continue
        if day in days_off:
            errors["workdays"].append(
                _("Line %(line)d: %(day)s is also listed as a day off.")
                % {"line": line_no, "day": day.isoformat()}
            )
            continue
        workdays.append(day)
    if not days_off and not errors["days_off"]:
        errors["days_off"].append(_("Enter the days off the notice gives."))
    if any(errors.values()):
        raise ValidationError({k: v for k, v in errors.items() if v})
    return Schedule(year=year, days_off=days_off, workdays=sorted(workdays))


@transaction.atomic
def holiday_schedule_enter(*, schedule: Schedule, notice: str, actor=None):
    """Replace the year's calendar overrides with the published schedule, and record it."""
    from .audit import audit_append
    from .models import CalendarDay, HolidaySchedule

    year = schedule.year
    if not notice.strip():
        raise ValidationError(
            {"notice": _("Name the State Council notice (e.g. 国办发明电〔2026〕×号).")}
        )
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, kind=CalendarDay.Kind.HOLIDAY, note=note)
            for day, note in sorted(schedule.days_off.items())
        ]
        + [
            CalendarDay(date=day, kind=CalendarDay.Kind.WORKDAY, note=_("Make-up working day"))
            for day in schedule.workdays
        ]
    )
    transaction.on_commit(lambda: cache.delete(_CACHE_KEY))
    record, _created = HolidaySchedule.objects.update_or_create(
        year=year, defaults={"notice": notice.strip()[:200], "entered_by": actor}
    )
    audit_append(
        action="calendar.schedule_enter",
        obj=record,
        actor=actor,
        changes={
            "year": year,
            "notice": record.notice,
            "days_off": [d.isoformat() for d in sorted(schedule.days_off)],
            "workdays": [d.isoformat() for d in schedule.workdays],
        },
    )
    return record


# Deadlines of up to about 60 working days reach three months ahead.
HORIZON = dt.timedelta(days=92)
_CACHE_KEY = "calendar:fallback-years:v1"


def years_on_fallback(today: dt.date) -> list[int]:
    """The years staff deadlines run into (from today to three months ahead) that neither the
    calendar package nor an entered schedule covers."""
    from .models import HolidaySchedule
    from .workdays import calendar_covers

    years = sorted({today.year, (today + HORIZON).year})
    uncovered = [y for y in years if not calendar_covers(y)]
    if not uncovered:
        return []
    entered = set(HolidaySchedule.objects.filter(year__in=uncovered).values_list("year", flat=True))
    return [y for y in uncovered if y not in entered]


def cached_years_on_fallback(today: dt.date) -> list[int]:
    """``years_on_fallback`` for the staff banner, kept ten minutes (cleared on entry)."""
    key_today, years = cache.get(_CACHE_KEY) or (None, None)
    if key_today != today.isoformat() or years is None:
        years = years_on_fallback(today)
        cache.set(_CACHE_KEY, (today.isoformat(), years), 600)
    return list(years)
