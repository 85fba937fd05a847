"""The client's address: the one login throttling, the audit trail and logs attribute a request to.

Behind DJANGO_PROXY_COUNT trusted proxies, each appends the address it received the request
from to X-Forwarded-For, so the entry the outermost trusted proxy wrote is PROXY_COUNT from
the right. Entries further left were written by the client and prove nothing; a header with
fewer entries than proxies did not come through them, and neither that nor anything that is
not an address is believed. Without a proxy the socket's address is the only one.
"""

from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest


def _valid(candidate: str) -> str | None:
    try:
        return str(ip_address(candidate.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as far as the trusted proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_TLS_PROXY:
        return remote
    count = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if count < 1 or len(forwarded) < count or not forwarded[-count].strip():
        return remote
    return _valid(forwarded[-count]) or remote
