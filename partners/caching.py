"""Cached API responses, shared by every partner and dropped when a change is published.

A response is the same for every partner, so it is stored once per absolute URL (host and
query included: the body carries `next` links) under the archive's content version
(core.cache), which publishing a change raises at commit. Authentication, the partner's rate
limit and the recording of the key's last use run before the cache is consulted.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.cache import content_version


def cache_key(request) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"api-response:{content_version()}:{digest}"


def cached_response(key: str):
    """(body, last_modified timestamp or None, Link header or None, ETag), or None."""
    entry = cache.get(key)
    return entry if entry is not None and len(entry) == 4 else None


def store_response(key: str, entry: tuple) -> bool:
    if seconds := settings.API_CACHE_SECONDS:
        cache.set(key, entry, seconds)
        return True
    return False
