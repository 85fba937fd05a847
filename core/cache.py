"""Whole-page caching of public pages, invalidated by the change log.

Every cached page (and every cached API response, partners/caching.py) is stored under the
archive's content version, a counter kept in the cache itself. Publishing a change
(core.changes.publish) raises it with `cache.incr` when the editor's transaction commits (and
once before, for the writer's own next read), so no page rebuilt from uncommitted data is
served under the final value, and a draft edit (which changes no public document) leaves every
cached page in place. The counter is never read from the database, so cached pages keep
being served while it is down.

Several app processes must share one cache (REDIS_URL) for a change made in one process to
reach the pages cached by another; the local-memory default suits one process.

No stampede: when a popular page's entry expires or a change invalidates it, the first request
takes a short lock (`cache.add`) and builds the page; the others meanwhile get the previous
copy (`X-Cache: updating`), or, when there is none, wait for the new one, polling the cache
for at most REBUILD_WAIT_SECONDS before building it themselves.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "content-version"
# Paths with their own rules: the admin (editors), the API (authenticated, throttled per
# partner, so a cache hit must not bypass authentication) and health checks.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz")
# The lock on a page's rebuild outlives a worker that dies holding it by this much at most.
REBUILD_LOCK_SECONDS = 30
# How long a request with no previous copy to show waits for another's rebuild of the page.
REBUILD_WAIT_SECONDS = 5.0
REBUILD_POLL_SECONDS = 0.02

T = TypeVar("T")


def _fresh_start() -> int:
    # A value no entry cached before a flush or an eviction of the counter can carry.
    return time.time_ns() // 1000


def content_version() -> int:
    """The current content version, from the cache."""
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, _fresh_start(), timeout=None)
        value = cache.get(VERSION_KEY, 0)
    return value


def until_next_change(key: str, build: Callable[[], T]) -> T:
    """build()'s value, kept under key until the next published change (the content version).

    For a piece many different pages share, so that a page the page cache misses (a new
    combination of filters) does not compute it again.
    """
    versioned = f"{key}:{content_version()}"
    value = cache.get(versioned)
    if value is None:
        value = build()
        cache.set(versioned, value, getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300))
    return value


def bump_content_version() -> None:
    """Invalidate every cached page and API response."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter (flushed or evicted): start above every earlier value
        cache.set(VERSION_KEY, _fresh_start(), timeout=None)


def bump_on_commit() -> None:
    """Raise the content version now, for this process's next read, and again at commit.

    The second raise is the one that matters to others: anything another process cached
    between the two was built from the rows before the commit.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and not request.user.is_authenticated
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; place after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
        self.stale_timeout = getattr(settings, "PUBLIC_PAGE_STALE_SECONDS", 0)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _cacheable(request):
            return self.get_response(request)
        # Hashed: a query string can be thousands of characters, and some cache backends
        # (memcached) refuse keys over 250.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{content_version()}:{request.method}:{path}"
        stale_key = f"page-stale:{request.method}:{path}"
        cached = cache.get(key)
        if cached is not None:
            return _from_entry(cached, "hit")
        lock = f"page-lock:{key}"
        if not cache.add(lock, 1, REBUILD_LOCK_SECONDS):
            # Another request is building this page: its previous copy now, else the new one.
            previous = cache.get(stale_key) if self.stale_timeout else None
            if previous is not None:
                return _from_entry(previous, "updating")
            built = _wait_for(key, lock)
            if built is not None:
                return _from_entry(built, "hit")
        try:
            return self._build(request, key, stale_key)
        finally:
            cache.delete(lock)

    def _build(self, request: HttpRequest, key: str, stale_key: str) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 503 and self.stale_timeout:
            # The database is unreachable (core.health): the last good copy, marked stale.
            return _stale_response(cache.get(stale_key)) or response
        if (
            response.status_code in (200, 301, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        ):
            entry = (response.status_code, list(response.items()), response.content)
            cache.set(key, entry, self.timeout)
            if response.status_code == 200 and self.stale_timeout:
                cache.set(stale_key, entry, self.stale_timeout)
            response["X-Cache"] = "miss"
        return response


def _wait_for(key: str, lock: str, sleep: Callable[[float], None] = time.sleep):
    """The entry another request is building, once stored; None if it gives up (its page is
    not cacheable) or takes longer than REBUILD_WAIT_SECONDS."""
    deadline = time.monotonic() + REBUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        sleep(REBUILD_POLL_SECONDS)
        entry = cache.get(key)
        if entry is not None:
            return entry
        if cache.get(lock) is None:
            return cache.get(key)
    return None


def _from_entry(entry, state: str) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = state
    return response


def _stale_response(entry) -> HttpResponse | None:
    if entry is None:
        return None
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "stale"
    response["X-Cache-Stale"] = "1"
    response["Warning"] = '110 - "Response is Stale"'
    response["Cache-Control"] = "no-cache"
    return response
