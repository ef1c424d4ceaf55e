from django.contrib import admin

from .models import (
    Agency,
    FilingBatch,
    ImportJob,
    Officer,
    Power,
    PowerBasis,
    PowerVersion,
    PowerVersionBasis,
    Provision,
    Regulation,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "is_enforcement_body")
    search_fields = ("name", "code", "uscc")


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "certificate_number", "certificate_status")
    list_select_related = ("agency",)
    list_filter = ("agency", "certificate_status")
    search_fields = ("name", "certificate_number")


class ProvisionInline(admin.TabularInline):
    model = Provision
    extra = 0


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "status")
    list_filter = ("level", "status")
    search_fields = ("title",)
    inlines = [ProvisionInline]


class PowerBasisInline(admin.TabularInline):
    model = PowerBasis
    extra = 0
    raw_id_fields = ("provision",)


@admin.register(Power)
class PowerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "agency", "category", "status")
    list_select_related = ("agency",)
    list_filter = ("category", "status", "agency")
    search_fields = ("code", "name")
    inlines = [PowerBasisInline]


class PowerVersionBasisInline(admin.TabularInline):
    model = PowerVersionBasis
    extra = 0
    raw_id_fields = ("provision",)


@admin.register(PowerVersion)
class PowerVersionAdmin(admin.ModelAdmin):
    list_display = ("power", "number", "status", "batch", "registration_number")
    list_select_related = ("power", "batch")
    list_filter = ("status",)
    search_fields = ("power__code", "name")
    raw_id_fields = ("power", "batch")
    inlines = [PowerVersionBasisInline]


@admin.register(FilingBatch)
class FilingBatchAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "status", "created_at", "submitted_at")
    list_select_related = ("agency",)
    list_filter = ("status", "agency")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("filename", "agency", "status", "total_rows", "created_at")
    list_select_related = ("agency",)
    list_filter = ("status",)
