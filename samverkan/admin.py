from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import County, Membership, Organization, User


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sami_name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "code", "county", "parent", "is_active"]
    list_filter = ["kind", "county", "is_active"]
    search_fields = ["name", "sami_name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["covers"]
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "title", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "title", "phone")}),
        (
            _("Behörighet"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Datum"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization__kind"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]


class TenantAdmin(SimpleHistoryAdmin):
    """Admin for tenant-owned models: platform staff work across tenants, so the admin reads
    through the unfiltered manager; only superusers get that far."""

    def get_queryset(self, request):
        return self.model.all_objects.all()

    def has_module_permission(self, request):
        return bool(request.user.is_active and request.user.is_superuser)
