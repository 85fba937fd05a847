from django.contrib import admin, messages
from django.utils import timezone

from core.audit import audit_record
from core.models import AuditAction
from partners.models import ApiKey, Partner, api_key_create, api_key_revoke


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    fields = ["label", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at", "last_used_at"]
    # Keys are made by the "Create a new API key" action so the raw key can be shown once.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "requests_per_minute", "is_active", "usable_keys", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email"]
    inlines = [ApiKeyInline]
    actions = ["create_key"]

    @admin.display(description="usable keys")
    def usable_keys(self, obj):
        return obj.keys.usable().count()

    @admin.action(description="Create a new API key (shown once)")
    def create_key(self, request, queryset):
        for partner in queryset:
            key, raw_key = api_key_create(partner=partner, label=f"created by {request.user}")
            audit_record(action=AuditAction.KEY_CREATED, request=request, obj=key)
            # Shown to the editor once; the database keeps only its hash.
            self.message_user(
                request,
                f"New key for {partner}: {raw_key} — copy it now, it will not be shown again.",
                messages.WARNING,
            )


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "label", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["partner", "revoked_at"]
    fields = [
        "partner",
        "label",
        "prefix",
        "expires_at",
        "created_at",
        "revoked_at",
        "last_used_at",
    ]
    readonly_fields = ["partner", "prefix", "created_at", "revoked_at", "last_used_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            audit_record(action=AuditAction.KEY_CHANGED, request=request, obj=obj)

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        count = 0
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key)
            audit_record(action=AuditAction.KEY_REVOKED, request=request, obj=key)
            count += 1
        self.message_user(
            request, f"Revoked {count} key(s) at {timezone.now():%Y-%m-%d %H:%M} UTC."
        )
