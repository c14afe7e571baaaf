from django.contrib import admin

from samverkan.admin import TenantAdmin

from .models import Activity, Effect, LocalGoal, LocalPlan, LofteSignature, Medborgarlofte, Occasion


@admin.register(LocalPlan)
class LocalPlanAdmin(TenantAdmin):
    list_display = ["title", "organization", "agreement", "period_start", "period_end"]


@admin.register(Medborgarlofte)
class MedborgarlofteAdmin(TenantAdmin):
    list_display = ["title", "plan", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Activity)
class ActivityAdmin(TenantAdmin):
    list_display = ["what", "lofte", "responsible", "target_kind", "target_count", "target_unit"]
    list_filter = ["responsible", "target_kind"]


for model in (LocalGoal, Effect, Occasion, LofteSignature):
    admin.site.register(model, TenantAdmin)
