"""Working days past the State Council calendar package (#18 item 9)."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from enforcement_portal import workdays
from enforcement_portal.holidays import (
    parse_schedule,
    statutory_days_off,
    years_on_fallback,
)
from enforcement_portal.models import AuditEvent, CalendarDay, HolidaySchedule
from enforcement_portal.roles import Role

D = dt.date


def test_statutory_days_off_2027_from_the_lunar_calendar():
    days = statutory_days_off(2027)
    assert len(days) == 13  # 国务院令第795号: 1 + 4 + 1 + 2 + 1 + 1 + 3
    assert days[D(2027, 1, 1)] == "元旦"
    # 春节 2027 is 6 February; 除夕 is 5 February.
    assert [d for d, n in days.items() if n == "春节"] == [D(2027, 2, d) for d in (5, 6, 7, 8)]
    assert days[D(2027, 4, 5)] == "清明节"
    assert days[D(2027, 6, 9)] == "端午节"
    assert days[D(2027, 9, 15)] == "中秋节"
    assert {D(2027, 10, d) for d in (1, 2, 3)} <= days.keys()


@pytest.mark.django_db
def test_the_fallback_agrees_with_a_published_year():
    # The package covers 2025; the rule must find the same festival days off.
    for day in statutory_days_off(2025):
        assert not workdays.is_workday(day) or day.weekday() >= 5, day


@pytest.mark.django_db
def test_new_years_day_2027_is_not_a_working_day_on_the_fallback():
    assert not workdays.calendar_covers(2027)
    assert not workdays.is_workday(D(2027, 1, 1))  # a Friday
    assert workdays.is_workday(D(2027, 1, 4))
    assert not workdays.is_workday(D(2027, 2, 8))  # 正月初三, a Monday
    assert 2027 in workdays.fallback_years()


def test_parse_schedule_names_the_field_and_line():
    with pytest.raises(Exception) as refused:
        parse_schedule(2027, "2027-01-01 元旦\n2027-13-01 春节\n2026-02-01", "2027-02-30")
    errors = refused.value.message_dict
    assert any("第2行" in m or "Line 2" in m for m in errors["days_off"])
    assert any("第3行" in m or "Line 3" in m for m in errors["days_off"])
    assert any("第1行" in m or "Line 1" in m for m in errors["workdays"])


@pytest.mark.django_db
def test_command_enters_the_schedule_and_the_banner_goes(agency, make_user):
    assert years_on_fallback(D(2026, 12, 3)) == [2027]
    assert years_on_fallback(D(2026, 6, 3)) == []
    call_command(
        "holiday_schedule",
        "2027",
        "--notice",
        "国办发明电〔2026〕7号",
        "--off",
        "2027-02-05~2027-02-12 春节",
        "--off",
        "2027-01-01 元旦",
        "--workday",
        "2027-02-14",
    )
    assert HolidaySchedule.objects.get(year=2027).notice == "国办发明电〔2026〕7号"
    assert not workdays.is_workday(D(2027, 2, 10))  # a bridging day the rule cannot know
    assert workdays.is_workday(D(2027, 2, 14))  # a Sunday worked (调休)
    assert CalendarDay.objects.filter(date__year=2027).count() == 10
    event = AuditEvent.objects.get(action="calendar.schedule_enter")
    assert event.changes["workdays"] == ["2027-02-14"]
    assert years_on_fallback(D(2026, 12, 3)) == []


@pytest.mark.django_db
def test_command_refuses_bad_lines_and_writes_nothing():
    with pytest.raises(CommandError, match="days_off"):
        call_command("holiday_schedule", "2027", "--notice", "x", "--off", "2027-02-30")
    assert not HolidaySchedule.objects.exists()
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_staff_see_a_banner_while_a_year_runs_on_the_fallback(agency, make_user, settings):
    from django.core.cache import cache

    cache.clear()
    officer = make_user(Role.CASE_OFFICER, agency=agency)
    client = Client()
    client.force_login(officer)
    today = dt.date.today()
    uncovered = years_on_fallback(today)
    page = client.get("/").content.decode()
    if uncovered:
        assert 'data-testid="calendar-fallback"' in page
        assert str(uncovered[0]) in page
    else:
        assert 'data-testid="calendar-fallback"' not in page
    assert 'data-testid="calendar-fallback"' not in Client().get("/").content.decode()


@pytest.mark.django_db
def test_admin_enters_a_schedule_in_one_form(make_user, settings):
    admin = make_user(Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    url = f"/{settings.ADMIN_URL}core/holidayschedule/add/"
    bad = client.post(url, {"year": 2027, "notice": "国办发明电〔2026〕7号", "days_off": "2月5日"})
    assert bad.status_code == 200
    assert "days_off" in bad.context["adminform"].form.errors
    assert not HolidaySchedule.objects.exists()
    ok = client.post(
        url,
        {
            "year": 2027,
            "notice": "国办发明电〔2026〕7号",
            "days_off": "2027-01-01 元旦\n2027年2月5日至2027年2月12日 春节",
            "workdays": "2027-02-14",
        },
    )
    assert ok.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027, kind="holiday").count() == 9
    assert AuditEvent.objects.filter(action="calendar.schedule_enter", actor_id=admin.pk).exists()
