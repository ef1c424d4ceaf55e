from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .holidays import holiday_schedule_enter, parse_schedule
from .models import AuditEvent, CalendarDay, HolidaySchedule, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Portal"), {"fields": ("display_name", "agency")}),
    )
    list_display = ("username", "display_name", "agency", "is_active")
    list_select_related = ("agency",)
    list_filter = ("groups", "agency", "is_active")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "created_at", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor_name", "request_id")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "note")
    list_filter = ("kind",)


class HolidayScheduleForm(forms.ModelForm):
    days_off = forms.CharField(
        label=_("Days off"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One day or range per line as the notice gives it: 2027-02-05~2027-02-12 春节"),
    )
    workdays = forms.CharField(
        label=_("Make-up working days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One date per line: 2027-02-14"),
    )

    class Meta:
        model = HolidaySchedule
        fields = ("year", "notice")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            rows = CalendarDay.objects.filter(date__year=self.instance.year)
            self.initial["days_off"] = "\n".join(
                f"{r.date.isoformat()} {r.note}".strip()
                for r in rows
                if r.kind == CalendarDay.Kind.HOLIDAY
            )
            self.initial["workdays"] = "\n".join(
                r.date.isoformat() for r in rows if r.kind == CalendarDay.Kind.WORKDAY
            )

    def clean(self):
        data = super().clean() or {}
        year = data.get("year")
        if year and "days_off" in data:
            try:
                self.schedule = parse_schedule(year, data["days_off"], data.get("workdays", ""))
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Enter a year's schedule from the State Council notice in one form."""

    form = HolidayScheduleForm
    list_display = ("year", "notice", "entered_by", "entered_at")
    readonly_fields = ("entered_by", "entered_at")

    def save_model(self, request, obj, form, change):
        saved = holiday_schedule_enter(
            schedule=form.schedule, notice=form.cleaned_data["notice"], actor=request.user
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False
