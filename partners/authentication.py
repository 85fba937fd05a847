"""Bearer API keys for partners: `Authorization: Bearer bra_<prefix>_<secret>`."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from partners.models import ApiKey, split_key

# Recording every request's time would turn each read into a write; a minute is precise
# enough to tell an unused key from a live one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, raw_key = header.partition(" ")
        raw_key = raw_key.strip()
        # The messages never echo the key: error bodies end up in partners' logs and ours.
        if scheme.lower() != self.keyword.lower() or not raw_key:
            raise exceptions.AuthenticationFailed("Send the key as 'Authorization: Bearer <key>'.")
        prefix = split_key(raw_key)
        key = (
            ApiKey.objects.select_related("partner").filter(prefix=prefix).first()
            if prefix
            else None
        )
        if key is None or not key.matches(raw_key):
            raise exceptions.AuthenticationFailed("Unknown API key.")
        now = timezone.now()
        if not key.is_usable(now):
            raise exceptions.AuthenticationFailed("This API key is revoked or expired.")
        if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        return key.partner, key

    def authenticate_header(self, request):
        # A WWW-Authenticate value makes DRF answer 401 rather than 403.
        return f'{self.keyword} realm="api"'
