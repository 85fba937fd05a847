"""Cached API responses, shared by every partner and dropped when an editor saves.

A response is the same for every partner, so it is stored once per absolute URL (host and
query included: the body carries `next` links) under the archive's content version
(core.cache), which every editorial save raises at commit. A request after a publish or an
unpublish therefore never gets the copy from before it. Authentication, the partner's rate
limit and the recording of the key's last use run before the cache is consulted.

The clock matters too: an article scheduled for later appears when its time comes, with no
save to raise the version. An entry never outlives the next scheduled publication.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.cache import content_version, seconds_until_next_publication


def cache_key(request) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"api-response:{content_version()}:{digest}"


def cache_seconds() -> int:
    """How long a response may be kept: the setting, cut short by the next scheduled article."""
    seconds = settings.API_CACHE_SECONDS
    return seconds_until_next_publication(seconds) if seconds else 0


def cached_response(key: str):
    """(body, last_modified timestamp or None, Link header or None), or None."""
    return cache.get(key)


def store_response(key: str, entry: tuple) -> bool:
    if seconds := cache_seconds():
        cache.set(key, entry, seconds)
        return True
    return False
