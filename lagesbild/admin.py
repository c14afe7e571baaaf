from django.contrib import admin

from samverkan.admin import TenantAdmin

from .models import Cause, Indicator, Lagesbild, Measurement, Problem, Source, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


class CauseInline(admin.TabularInline):
    model = Cause
    extra = 0


@admin.register(Lagesbild)
class LagesbildAdmin(TenantAdmin):
    list_display = ["title", "organization", "period_start", "period_end", "status"]
    list_filter = ["status", "organization__kind"]
    search_fields = ["title", "organization__name"]


@admin.register(Problem)
class ProblemAdmin(TenantAdmin):
    list_display = ["title", "lagesbild", "theme", "priority"]
    list_filter = ["theme"]
    inlines = [CauseInline]


@admin.register(Source)
class SourceAdmin(TenantAdmin):
    list_display = ["title", "lagesbild", "kind", "date"]
    list_filter = ["kind"]


@admin.register(Indicator)
class IndicatorAdmin(TenantAdmin):
    list_display = ["name", "organization", "unit", "baseline_year", "baseline_value"]


@admin.register(Measurement)
class MeasurementAdmin(TenantAdmin):
    list_display = ["indicator", "period_start", "granularity", "value"]
