"""Admin of oversight: legal reviews and evaluation periods are read-only; evaluation weights
are set here."""

from django.contrib import admin

from .models import EvaluationPeriod, EvaluationWeight, LegalReview


@admin.register(LegalReview)
class LegalReviewAdmin(admin.ModelAdmin):
    """Read-only: reviews change only through the services (audited, gate-relevant)."""

    list_display = ("case", "round", "status", "agency", "submitted_on", "due_on", "reviewer")
    list_filter = ("status", "agency")
    list_select_related = ("case", "agency", "reviewer")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvaluationWeight)
class EvaluationWeightAdmin(admin.ModelAdmin):
    """Weights of the evaluation metrics; a computed period keeps the weights it used."""

    list_display = ("metric", "weight")
    list_editable = ("weight",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(admin.ModelAdmin):
    """Read-only: periods are opened, computed and frozen through the audited services."""

    list_display = ("kind", "starts_on", "ends_on", "computed_at", "frozen_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
