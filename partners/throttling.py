"""Per-partner rate limit, counted in the shared cache so every worker sees the same count."""

from rest_framework.throttling import SimpleRateThrottle

from partners.models import Partner


class PartnerRateThrottle(SimpleRateThrottle):
    scope = "partner"

    def get_rate(self):
        # The rate lives on each Partner, not in settings; allow_request sets it per request.
        return None

    def allow_request(self, request, view):
        partner = request.user
        if not isinstance(partner, Partner):
            return True
        self.rate = f"{partner.requests_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
