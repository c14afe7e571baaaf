from django.contrib import admin

from samverkan.admin import TenantAdmin

from .models import Agreement, AgreementParty, Comment, Commitment, FocusArea, SectionItem, Signature


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    readonly_fields = ["accepted_at"]


@admin.register(Agreement)
class AgreementAdmin(TenantAdmin):
    list_display = ["title", "revision", "status", "period_start", "period_end", "pdf_sha256"]
    list_filter = ["status", "renewal"]
    search_fields = ["title"]
    readonly_fields = ["series", "revision", "previous", "activated_at", "ended_at", "pdf", "pdf_sha256", "sealed_at"]
    inlines = [PartyInline]

    def has_delete_permission(self, request, obj=None):
        # Agreement versions and their sealed PDFs are allmänna handlingar and never deleted.
        return False


for model in (FocusArea, Commitment, SectionItem, Comment):
    admin.site.register(model, TenantAdmin)


@admin.register(Signature)
class SignatureAdmin(TenantAdmin):
    list_display = ["agreement", "signer_name", "signer_title", "role", "signed_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
