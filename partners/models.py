"""Partners who copy our published content, and the API keys they authenticate with."""

import base64
import hashlib
import hmac
import secrets

from django.db import models, transaction
from django.utils import timezone

from core.audit import audit_record
from core.models import AuditAction
from partners.webhook_urls import validate_webhook_url

# Keys look like "bra_<prefix>_<secret>". The prefix is stored in clear so a key can be
# found with one indexed look-up and recognised in the admin; only the hash of the whole
# key is kept, so a database leak does not hand out working keys.
KEY_PREFIX = "bra"
PREFIX_LENGTH = 8


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def split_key(raw_key: str) -> str | None:
    """The look-up prefix of a well-formed key, or None for anything else."""
    parts = raw_key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != PREFIX_LENGTH:
        return None
    return parts[1]


class Partner(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="The organisation, as billed.")
    contact_email = models.EmailField(blank=True, help_text="Who to warn before a key expires.")
    requests_per_minute = models.PositiveIntegerField(
        default=60, help_text="Requests allowed per minute across all of the partner's keys."
    )
    is_active = models.BooleanField(
        default=True, help_text="Untick to refuse every key of this partner at once."
    )
    notes = models.TextField(blank=True, help_text="Internal: agreement, contact history.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_per_minute__gte=1),
                name="partner_rate_at_least_one",
                violation_error_message="A partner needs at least one request per minute.",
            ),
        ]

    def __str__(self):
        return self.name

    # DRF sets request.user to what authentication returns; these let a Partner stand there.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, at=None):
        """Keys that authenticate now: not revoked, not expired, partner active."""
        at = at or timezone.now()
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=at),
            revoked_at__isnull=True,
            partner__is_active=True,
        )


class ApiKey(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys")
    label = models.CharField(max_length=100, blank=True, help_text="e.g. 'production feed'.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty for a key that does not expire."
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "-created_at"]
        verbose_name = "API key"

    def __str__(self):
        return f"{KEY_PREFIX}_{self.prefix}_… ({self.partner})"

    def matches(self, raw_key: str) -> bool:
        return hmac.compare_digest(self.key_hash, hash_key(raw_key))

    def is_usable(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.revoked_at is None
            and (self.expires_at is None or self.expires_at > at)
            and self.partner.is_active
        )


@transaction.atomic
def api_key_create(*, partner: Partner, label: str = "", expires_at=None) -> tuple[ApiKey, str]:
    """A new key for partner, audited; the raw key is returned here once and never stored."""
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    raw_key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        partner=partner,
        label=label,
        prefix=prefix,
        key_hash=hash_key(raw_key),
        expires_at=expires_at,
    )
    audit_record(action=AuditAction.KEY_CREATED, obj=key)
    return key, raw_key


@transaction.atomic
def api_key_save(*, key: ApiKey) -> ApiKey:
    """Save a key's changed label or expiry, audited."""
    key.save()
    audit_record(action=AuditAction.KEY_CHANGED, obj=key)
    return key


@transaction.atomic
def api_key_revoke(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.KEY_REVOKED, obj=key)
    return key


class RateWindow(models.Model):
    """Requests of one partner in one minute (the rate limit's count without Redis)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "start"], name="rate_window_once"),
        ]

    def __str__(self):
        return f"{self.partner_id} {self.start:%Y-%m-%d %H:%M}: {self.requests}"


def webhook_secret() -> str:
    """A signing secret in the Standard Webhooks form: "whsec_" + base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpoint(models.Model):
    """Where a partner wants each change of the log POSTed, signed (Standard Webhooks)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(
        max_length=500,
        validators=[validate_webhook_url],
        help_text="HTTPS address that receives a signed POST for each change.",
    )
    secret = models.CharField(max_length=60, default=webhook_secret, editable=False)
    active = models.BooleanField(default=True, help_text="Untick to stop deliveries.")
    # The last log position taken into deliveries, per kind: {"article": [txid, change id]}.
    cursor = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partner", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return f"{self.partner}: {self.url}"

    def save(self, *args, **kwargs):
        if self.pk is None and not self.cursor:
            # A new endpoint receives what changes from its registration on.
            from core import changes, feed

            self.cursor = {kind: list(feed.log_head(kind)) for kind in changes.document_kinds()}
        super().save(*args, **kwargs)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (gave up)"


class WebhookDelivery(models.Model):
    """One change for one endpoint: the delivery log, and the outbox the worker sends from."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey("core.Change", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    event_type = models.CharField(max_length=50)
    body = models.TextField(help_text="The exact JSON sent (signed as is).")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "change"], name="delivery_once_per_change"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["endpoint", "kind", "object_id", "status"], name="delivery_order"),
        ]

    def __str__(self):
        return f"{self.webhook_id} → {self.endpoint.url}"

    @property
    def webhook_id(self) -> str:
        return f"chg_{self.change_id}"
