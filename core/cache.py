"""Whole-page caching of public pages, invalidated by any editorial change.

Every cached page is stored under the archive's content version, a counter in the database
(core.models.ContentVersion). Any save, delete or many-to-many change of an editorial model
raises it inside the editor's transaction, so the next request after the commit builds the
page afresh: no reader sees a stale page. Keeping the counter in the database rather than in
the cache is what makes this hold with several app processes: each may keep pages in its own
local memory (the default) or share Redis, but all read the same counter, and none can see
the new value before the change it stands for is committed. Old entries simply expire. Pages
depend on the clock too (an article scheduled for later becomes visible when its time comes,
with no save to mark it), so no entry outlives the next scheduled publication, nor
PUBLIC_PAGE_CACHE_SECONDS.
"""

import hashlib
import math
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core.db import as_aware_datetime, select_scalars
from core.models import ContentVersion

EDITORIAL_APPS = ("people", "events", "articles")
# Paths with their own rules: the admin (editors), the API (authenticated, throttled per
# partner, so a cache hit must not bypass authentication) and health checks.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz")


def content_version() -> int:
    """The current content version, read where public pages read their rows (replica or not)."""
    alias = router.db_for_read(ContentVersion)
    table = ContentVersion._meta.db_table
    # A plain cursor: this runs on every anonymous request, cache hit or not.
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page (signal receiver); takes effect when the transaction commits."""
    if ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
        return
    try:  # the row is gone (a flushed database): start again above any value cached before
        with transaction.atomic():
            ContentVersion.objects.create(pk=1, value=2)
    except IntegrityError:
        ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)


def connect_invalidation() -> None:
    for model in apps.get_models():
        # History rows are written beside the change they record, which already bumps.
        if model._meta.app_label not in EDITORIAL_APPS or model.__name__.startswith("Historical"):
            continue
        uid = f"core.cache.{model._meta.label}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(bump_content_version, dispatch_uid="core.cache.m2m")


def seconds_until_next_publication(limit: int) -> int:
    """limit, cut short by the next article scheduled to appear (no save marks that moment)."""
    (upcoming,) = select_scalars([_next_publication()])
    return seconds_before(as_aware_datetime(upcoming), limit)


def content_version_and_next_publication() -> tuple[int, datetime | None]:
    """content_version() and the time of the next scheduled article, in one round trip.

    For a cache miss that will store what it builds: it needs both, the key first and the
    entry's lifetime after.
    """
    version = ContentVersion.objects.filter(pk=1).values_list("value", flat=True)[:1]
    value, upcoming = select_scalars([version, _next_publication()])
    return value or 0, as_aware_datetime(upcoming)


def seconds_before(upcoming: datetime | None, limit: int) -> int:
    """limit, cut short so that nothing cached now outlives the moment `upcoming`."""
    if upcoming is None:
        return limit
    return max(0, min(limit, math.floor((upcoming - timezone.now()).total_seconds())))


def _next_publication():
    from articles.models import Article, ArticleStatus

    return (
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)[:1]
    )


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

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _cacheable(request):
            return self.get_response(request)
        # Hashed: a query string can be thousands of characters, and some cache backends
        # (memcached) refuse keys over 250.
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{content_version()}:{request.method}:{path}"
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            response.status_code in (200, 301, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        ):
            timeout = seconds_until_next_publication(self.timeout)
            if timeout:
                entry = (response.status_code, list(response.items()), response.content)
                cache.set(key, entry, timeout)
            response["X-Cache"] = "miss"
        return response
