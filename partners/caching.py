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
from datetime import datetime

from django.conf import settings
from django.core.cache import cache

from core.cache import content_version_and_next_publication, seconds_before


def cache_slot(request) -> tuple[str, datetime | None]:
    """The response's cache key, and the next scheduled publication for store_response."""
    version, upcoming = content_version_and_next_publication()
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"api-response:{version}:{digest}", upcoming


def cache_seconds(upcoming: datetime | None) -> int:
    """How long a response may be kept: the setting, cut short by the next scheduled article."""
    seconds = settings.API_CACHE_SECONDS
    return seconds_before(upcoming, seconds) if seconds else 0


def cached_response(key: str):
    """(body, last_modified timestamp or None, Link header or None), or None."""
    return cache.get(key)


def store_response(key: str, entry: tuple, upcoming: datetime | None) -> bool:
    """Keep entry under key; `upcoming`: the next publication, as cache_slot read it."""
    if seconds := cache_seconds(upcoming):
        cache.set(key, entry, seconds)
        return True
    return False
