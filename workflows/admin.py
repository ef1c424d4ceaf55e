from django.contrib import admin

from .models import (
    Case,
    Document,
    EvidenceCheck,
    NumberPattern,
    ProcessNode,
    ProcessTemplate,
    Record,
)


class NodeInline(admin.TabularInline):
    model = ProcessNode
    extra = 0


@admin.register(ProcessTemplate)
class ProcessTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "power", "version", "status", "is_ready_made")
    list_filter = ("status", "kind", "is_ready_made")
    inlines = [NodeInline]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "agency", "status", "current_node", "filed_on")
    list_filter = ("status", "agency")
    search_fields = ("number", "party_name")
    readonly_fields = ("version",)


admin.site.register(Record)
admin.site.register(Document)
admin.site.register(NumberPattern)


@admin.register(EvidenceCheck)
class EvidenceCheckAdmin(admin.ModelAdmin):
    list_display = ("record", "result", "verified_at", "failed_since")
    list_filter = ("result",)
    readonly_fields = ("record", "result", "found_sha256", "verified_at", "failed_since")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
