"""Admin: reward rules are set here by system administrators; reports are read-only and the
admin never shows a reporter's identity or receipt hash."""

from django.contrib import admin

from .models import Report, RewardRule


@admin.register(RewardRule)
class RewardRuleAdmin(admin.ModelAdmin):
    list_display = (
        "violation_type",
        "level",
        "penalty_from",
        "penalty_to",
        "reward_min",
        "reward_max",
        "is_active",
    )
    list_filter = ("violation_type", "is_active")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "agency", "status", "received_on", "accept_due", "conclude_due")
    list_select_related = ("agency",)
    list_filter = ("status",)
    exclude = ("reporter_name", "reporter_contact", "secret_hash", "lookup")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
