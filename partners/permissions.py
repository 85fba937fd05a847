from rest_framework.permissions import BasePermission

from partners.models import Partner


class IsPartner(BasePermission):
    """Only requests authenticated with a partner's API key."""

    def has_permission(self, request, view):
        return isinstance(request.user, Partner)
