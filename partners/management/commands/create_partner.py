from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from partners.models import Partner, api_key_create


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

    @transaction.atomic
    def handle(self, *args, name, rate, email, label, expires, **options):
        expires_at = None
        if expires:
            expires_at = parse_datetime(expires)
            if expires_at is None or expires_at.tzinfo is None:
                raise CommandError("--expires needs an ISO 8601 time with a zone, e.g. ...Z.")
        if rate is not None and rate < 1:
            raise CommandError("--rate must be at least 1.")
        partner, created = Partner.objects.get_or_create(
            name=name, defaults={"contact_email": email, "requests_per_minute": rate or 60}
        )
        if not created and rate:
            partner.requests_per_minute = rate
            partner.save(update_fields=["requests_per_minute"])
        key, raw_key = api_key_create(partner=partner, label=label, expires_at=expires_at)
        verb = "Created partner" if created else "Partner exists:"
        self.stdout.write(f"{verb} {partner.name} ({partner.requests_per_minute} requests/minute).")
        self.stdout.write(f"Key {key.prefix} — store it now; only its hash is kept:")
        self.stdout.write(raw_key)
