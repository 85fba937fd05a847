from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from partners.models import (
    ApiKey,
    Partner,
    WebhookDelivery,
    WebhookEndpoint,
    api_key_create,
    api_key_revoke,
    api_key_save,
)
from partners.ratelimit import requests_on
from partners.webhooks import resend

RECENT_DELIVERIES = 20


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    fields = ["label", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at", "last_used_at"]
    # Keys are made by the "Create a new API key" action so the raw key can be shown once.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class WebhookEndpointInline(admin.TabularInline):
    model = WebhookEndpoint
    extra = 0
    fields = ["url", "active", "secret", "created_at"]
    readonly_fields = ["secret", "created_at"]
    verbose_name_plural = "webhook endpoints (each change of the log is POSTed, signed)"


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "requests_per_minute",
        "is_active",
        "usable_keys",
        "last_used",
        "requests_today",
        "created_at",
    ]
    readonly_fields = ["last_used", "requests_today", "webhook_deliveries"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email"]
    inlines = [ApiKeyInline, WebhookEndpointInline]
    actions = ["create_key"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ApiKey:
            return super().save_formset(request, form, formset, change)
        # A key's label or expiry changed on the partner's page is a key change: audited.
        for key in formset.save(commit=False):
            api_key_save(key=key)
        formset.save_m2m()

    @admin.display(description="usable keys")
    def usable_keys(self, obj):
        return obj.keys.usable().count()

    @admin.display(description="last use")
    def last_used(self, obj):
        used = [key.last_used_at for key in obj.keys.all() if key.last_used_at]
        return max(used) if used else "never"

    @admin.display(description="requests today (UTC)")
    def requests_today(self, obj):
        return requests_on(partner_id=obj.pk, day=timezone.now().date())

    @admin.display(description="recent webhook deliveries")
    def webhook_deliveries(self, obj):
        if obj.pk is None:
            return "none yet"
        recent = (
            WebhookDelivery.objects.filter(endpoint__partner=obj)
            .select_related("endpoint")
            .order_by("-pk")[:RECENT_DELIVERIES]
        )
        if not recent:
            return "none yet"
        rows = format_html_join(
            "",
            '<tr class="delivery"><td><a href="{}">{}</a></td><td>{}</td><td>{}</td>'
            '<td class="status">{}</td><td class="attempts">{}</td><td>{}</td>'
            '<td class="error">{}</td></tr>',
            (
                (
                    reverse("admin:partners_webhookdelivery_change", args=[d.pk]),
                    d.webhook_id,
                    d.event_type,
                    d.endpoint.url,
                    d.get_status_display(),
                    d.attempts,
                    f"{d.last_attempt_at:%Y-%m-%d %H:%M:%S}" if d.last_attempt_at else "—",
                    d.last_error or "",
                )
                for d in recent
            ),
        )
        listing = reverse("admin:partners_webhookdelivery_changelist")
        return format_html(
            "<table><thead><tr><th>webhook-id</th><th>type</th><th>endpoint</th><th>status</th>"
            "<th>attempts</th><th>last attempt (UTC)</th><th>last error</th></tr></thead>"
            "<tbody>{}</tbody></table>"
            '<p><a href="{}?endpoint__partner__id__exact={}">'
            "All deliveries (resend from there)</a></p>",
            rows,
            listing,
            obj.pk,
        )

    @admin.action(description="Create a new API key (shown once)")
    def create_key(self, request, queryset):
        for partner in queryset:
            key, raw_key = api_key_create(partner=partner, label=f"created by {request.user}")
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
        if form.changed_data:
            api_key_save(key=obj)

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        count = 0
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key)
            count += 1
        self.message_user(
            request, f"Revoked {count} key(s) at {timezone.now():%Y-%m-%d %H:%M} UTC."
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "webhook_id",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "last_status_code",
        "last_error",
    ]
    list_filter = ["status", "endpoint__partner"]
    list_select_related = ["endpoint__partner"]
    readonly_fields = [
        "endpoint",
        "change",
        "kind",
        "object_id",
        "event_type",
        "body",
        "status",
        "attempts",
        "created_at",
        "first_attempt_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "last_status_code",
        "last_error",
    ]
    actions = ["resend_deliveries"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Resend the selected deliveries", permissions=["change"])
    def resend_deliveries(self, request, queryset):
        count = resend(queryset)
        self.message_user(request, f"{count} deliveries queued to be sent again.")
