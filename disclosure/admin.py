from django.contrib import admin

from .models import InspectionItem


@admin.register(InspectionItem)
class InspectionItemAdmin(admin.ModelAdmin):
    list_display = ("agency", "item", "sub_item", "ratio", "frequency", "is_active")
    list_select_related = ("agency",)
    list_filter = ("agency", "is_active")
