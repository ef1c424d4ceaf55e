from django.contrib import admin

from .models import Circumstance, DiscretionStandard, ExpertOpinion, PenaltyBand, PenaltyType


@admin.register(PenaltyType)
class PenaltyTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")


class BandInline(admin.TabularInline):
    model = PenaltyBand
    extra = 0


class CircumstanceInline(admin.TabularInline):
    model = Circumstance
    extra = 0


class OpinionInline(admin.TabularInline):
    model = ExpertOpinion
    extra = 0


@admin.register(DiscretionStandard)
class DiscretionStandardAdmin(admin.ModelAdmin):
    list_display = ("power", "version", "status", "registration_number", "registered_on")
    list_filter = ("status", "agency")
    list_select_related = ("power",)
    raw_id_fields = ("power", "violated_provision", "penalty_provision", "created_by")
    inlines = [BandInline, CircumstanceInline, OpinionInline]
