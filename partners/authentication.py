"""Bearer API keys for partners: `Authorization: Bearer bra_<prefix>_<secret>`."""

from datetime import timedelta

from django.db import connections, router
from django.utils import timezone
from rest_framework import authentication, exceptions

from partners.models import ApiKey, Partner, split_key

# Recording every request's time would turn each read into a write; a minute is precise
# enough to tell an unused key from a live one.
LAST_USED_RESOLUTION = timedelta(minutes=1)

_KEY_FIELDS = ApiKey._meta.concrete_fields
_PARTNER_FIELDS = Partner._meta.concrete_fields


def key_with_partner(prefix: str) -> ApiKey | None:
    """The key of that prefix with its partner, in one indexed look-up.

    Its SQL is written out because it runs on every API request: building it through the ORM
    cost more than the query itself.
    """
    alias = router.db_for_read(ApiKey)
    columns = [f"k.{f.column}" for f in _KEY_FIELDS] + [f"p.{f.column}" for f in _PARTNER_FIELDS]
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM partners_apikey k"
            " JOIN partners_partner p ON p.id = k.partner_id WHERE k.prefix = %s",
            [prefix],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(_KEY_FIELDS)
    key = ApiKey.from_db(alias, [f.attname for f in _KEY_FIELDS], row[:split])
    key.partner = Partner.from_db(alias, [f.attname for f in _PARTNER_FIELDS], row[split:])
    return key


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
        key = key_with_partner(prefix) if prefix else None
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
