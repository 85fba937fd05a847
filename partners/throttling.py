"""Per-partner rate limit, counted in a store every worker shares (partners/ratelimit.py).

Every answer to a partner carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset
(the IETF draft's fields); a refused request gets 429 with Retry-After.
"""

from rest_framework.throttling import BaseThrottle

from partners.models import Partner
from partners.ratelimit import record_request


class PartnerRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        partner = request.user
        if not isinstance(partner, Partner):
            return True
        usage = record_request(partner_id=partner.pk, limit=partner.requests_per_minute)
        request.rate_limit = usage
        return usage.allowed

    def wait(self):
        return None  # set per request in rate_limit_headers' Retry-After


def rate_limit_headers(request, response):
    """Add the partner's usage to any API answer (errors and 304 included)."""
    usage = getattr(request, "rate_limit", None)
    if usage is None:
        return response
    response["RateLimit-Limit"] = str(usage.limit)
    response["RateLimit-Remaining"] = str(usage.remaining)
    response["RateLimit-Reset"] = str(usage.reset)
    if response.status_code == 429:
        response["Retry-After"] = str(usage.reset)
    return response
