"""Which addresses a webhook may be sent to (no SSRF): checked on save and again on delivery.

In production an endpoint must be https and every address its host resolves to must be a
public one: never private, loopback, link-local, multicast, reserved or unspecified. In
development anything goes, so tests and local tools can listen on http://127.0.0.1.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_webhook_url(url: str, *, production: bool | None = None) -> None:
    """Raise ValidationError if url may not receive webhooks (resolving its host now)."""
    production = settings.PRODUCTION if production is None else production
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("Enter an http(s) address with a host.", code="invalid")
    if not production:
        return
    if parts.scheme != "https":
        raise ValidationError("Webhook endpoints must use https.", code="insecure")
    try:
        port = parts.port or 443
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as exc:
        raise ValidationError(
            f"The host {parts.hostname} cannot be resolved.", code="unresolvable"
        ) from exc
    addresses = {info[4][0] for info in infos}
    if not addresses:
        raise ValidationError(f"The host {parts.hostname} cannot be resolved.", code="unresolvable")
    for address in sorted(addresses):
        if _refused(address):
            raise ValidationError(
                f"{parts.hostname} resolves to {address}, a private or reserved address;"
                " webhooks go only to public addresses.",
                code="private",
            )


def validate_webhook_url(url: str) -> None:
    check_webhook_url(url)
