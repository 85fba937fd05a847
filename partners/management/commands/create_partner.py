from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.dateparse import parse_datetime

from partners.models import Partner, WebhookEndpoint, api_key_create
from partners.webhook_urls import check_webhook_url


class Command(BaseCommand):
    help = (
        "Create a partner (or reuse one of that name) and a new API key for it. "
        "The key is printed once, alone on the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--rate", type=int, help="Requests per minute (default 60).")
        parser.add_argument("--email", default="", help="Contact address.")
        parser.add_argument("--label", default="", help="What the key is for.")
        parser.add_argument("--expires", help="Expiry as ISO 8601, e.g. 2026-01-01T00:00:00Z.")
        parser.add_argument(
            "--webhook",
            metavar="URL",
            help="Also register this endpoint for signed change webhooks (https in production).",
        )

    @transaction.atomic
    def handle(self, *args, name, rate, email, label, expires, webhook=None, **options):
        expires_at = None
        if expires:
            expires_at = parse_datetime(expires)
            if expires_at is None or expires_at.tzinfo is None:
                raise CommandError("--expires needs an ISO 8601 time with a zone, e.g. ...Z.")
        if rate is not None and rate < 1:
            raise CommandError("--rate must be at least 1.")
        if webhook is not None:
            try:
                URLValidator()(webhook)
                check_webhook_url(webhook)
            except ValidationError as exc:
                raise CommandError(f"--webhook: {' '.join(exc.messages)}") from exc
        partner, created = Partner.objects.get_or_create(
            name=name, defaults={"contact_email": email, "requests_per_minute": rate or 60}
        )
        if not created and rate:
            partner.requests_per_minute = rate
            partner.save(update_fields=["requests_per_minute"])
        if webhook is not None:
            endpoint = WebhookEndpoint.objects.create(partner=partner, url=webhook)
            self.stdout.write(f"Webhook {endpoint.url} — verify signatures with: {endpoint.secret}")
        key, raw_key = api_key_create(partner=partner, label=label, expires_at=expires_at)
        verb = "Created partner" if created else "Partner exists:"
        self.stdout.write(f"{verb} {partner.name} ({partner.requests_per_minute} requests/minute).")
        self.stdout.write(f"Key {key.prefix} — store it now; only its hash is kept:")
        self.stdout.write(raw_key)
