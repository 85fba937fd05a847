"""Serializer fields every app's partner API shares."""

from rest_framework import serializers


class CountryCodeField(serializers.CharField):
    """ISO 3166-1 alpha-2 code; empty when not recorded."""

    def to_representation(self, value):
        return getattr(value, "code", value) or ""
