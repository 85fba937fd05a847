"""The partner API's read views: incremental sync by (updated_at, id), tombstones, ETags.

A *pass* is one walk through a list, page by page. Its first page fixes an upper bound
(`until`): the newest change already settled. Later pages only look at rows changed at or
before it, in (updated_at, id) order after the cursor, so an item edited during the pass moves
out of this pass instead of being delivered twice, and is picked up by the next pass, which
starts at `updated_since=<until>`. Each change in (updated_since, until] is delivered once.
An article scheduled for later has no change to mark its appearance, so for incremental passes
its publication time stands in for its last change once that time has come (`appears_at`).
"""

import hashlib
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.db import as_aware_datetime, select_scalars
from partners import caching
from partners.params import check_query
from partners.renderers import OrjsonRenderer
from partners.rows import rows
from partners.schema import PartnerApiSchema, TombstoneSerializer


def api_uri(endpoint: str, pk: int) -> str:
    """The stable public URI of an object: its API address by id, which never changes."""
    return f"{settings.SITE_URL}/api/v1/{endpoint}/{pk}/"


def web_url(obj) -> str:
    return f"{settings.SITE_URL}{obj.get_absolute_url()}"


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_instant(value: str) -> datetime | None:
    """An ISO 8601 date or date-time; a time without a zone, or a bare date, is taken as UTC."""
    value = value.strip().replace(" ", "+")  # '+' arrives as a space when not URL-encoded
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            parsed = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        return None
    if parsed is None:
        return None
    if not parsed.tzinfo:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # a zone pushes the first or last day past what a datetime holds
        return (
            datetime.min.replace(tzinfo=UTC)
            if parsed.year < 2
            else datetime.max.replace(tzinfo=UTC)
        )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _microseconds(value: datetime) -> int:
    return (value - EPOCH) // timedelta(microseconds=1)


def encode_cursor(at: datetime, pk: int, until: datetime) -> str:
    """Where a page ended and the bound of its pass, as three whole numbers (see CURSOR_PATTERN)."""
    return f"{_microseconds(at)}-{pk}-{_microseconds(until)}"


def decode_cursor(value: str) -> tuple[datetime, int, datetime]:
    # The schema's pattern has been checked (partners.params): three bounded whole numbers.
    at, pk, until = (int(part) for part in value.split("-"))
    return EPOCH + timedelta(microseconds=at), pk, EPOCH + timedelta(microseconds=until)


def _latest(queryset, field: str):
    """The newest value of a date-time column: ORDER BY ... DESC LIMIT 1 walks its index."""
    present = queryset.filter(**{f"{field}__isnull": False})
    return present.order_by(f"-{field}").values_list(field, flat=True)[:1]


@cache
def _history_model(model):
    # Model.history builds a manager class (inspect.getmembers over the QuerySet) on every
    # access; the historical model behind it never changes.
    return model.history.model


class ConditionalGetMixin:
    """Cached bodies, and ETag (a hash of the body) and Last-Modified on every 200.

    A matching If-None-Match (or, without one, an If-Modified-Since not older than
    Last-Modified) gives 304. Subclasses build the response in `build`.
    """

    schema = PartnerApiSchema()
    last_modified: datetime | None = None
    _cache_key: str | None = None
    _next_publication: datetime | None = None

    def get(self, request, *args, **kwargs):
        # Runs after authentication and the rate limit (DRF's initial()).
        if not settings.API_CACHE_SECONDS:
            return self.build(request, *args, **kwargs)
        key, upcoming = caching.cache_slot(request)
        if hit := caching.cached_response(key):
            body, stamp, link = hit
            self.last_modified = datetime.fromtimestamp(stamp, UTC) if stamp else None
            response = HttpResponse(body, content_type=OrjsonRenderer.media_type)
            if link:
                response["Link"] = link
            response["X-Cache"] = "hit"
            return response
        self._cache_key, self._next_publication = key, upcoming
        return self.build(request, *args, **kwargs)

    def build(self, request, *args, **kwargs):
        raise NotImplementedError

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if isinstance(response, Response):
            response.render()
        last_modified = self.last_modified.timestamp() if self.last_modified else None
        if self._cache_key is not None:
            entry = (response.content, last_modified, response.get("Link"))
            if caching.store_response(self._cache_key, entry, self._next_publication):
                response["X-Cache"] = "miss"
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request._request, etag=etag, last_modified=last_modified, response=response
        )


class SyncListApi(ConditionalGetMixin, GenericAPIView):
    """A list for incremental sync. Subclasses name the model, serializer and FilterSet."""

    endpoint: str = ""  # the path segment under /api/v1/, also used in URIs
    # A field that can make a row visible later than its last change (articles: published_at).
    appears_at: str | None = None
    filter_backends = [DjangoFilterBackend]
    # The shape of a removed item in the schema; None when it is the item's own (articles).
    tombstone_serializer = TombstoneSerializer

    def public_queryset(self):
        """Rows partners may see; reference data is public, articles override this."""
        return self.model.objects.all()

    def withdrawn_queryset(self):
        """Rows partners may have seen that are hidden now: reported as tombstones."""
        return self.model.objects.none()

    def public_deletions(self, deletions):
        """Deletion records (simple_history '-') of rows that were visible when deleted."""
        return deletions

    def is_public(self, obj) -> bool:
        return True

    def optimise(self, queryset):
        return queryset

    def represent(self, objects) -> list:
        return rows(self.get_serializer(), objects)

    def tombstone(self, *, pk: int, at: datetime) -> dict:
        return {"id": pk, "uri": api_uri(self.endpoint, pk), "removed": True, "updated_at": iso(at)}

    def get_queryset(self):
        return self.public_queryset()

    def read_params(self, request):
        # Unknown, empty and malformed values are refused here, by the published schema.
        params = request.query_params
        check_query(self.endpoint, params)
        since = parse_instant(params["updated_since"]) if "updated_since" in params else None
        cursor = decode_cursor(params["cursor"]) if "cursor" in params else None
        page_size = int(params.get("page_size", settings.API_PAGE_SIZE))
        ids = {int(pk) for pk in params["ids"].split(",")} if "ids" in params else None
        return since, cursor, page_size, ids

    def filter_queryset(self, queryset):
        # The values are well-formed (read_params); one the FilterSet still refuses names
        # nothing that exists (an unknown slug, a pair of one country twice, an empty date
        # range), and so matches nothing.
        filterset = self.filterset_class(
            self.request.query_params, queryset=queryset, request=self.request
        )
        if not filterset.is_valid():
            return queryset.none()
        return filterset.qs

    def pass_bound(self) -> datetime:
        """The newest settled change: rows changed later belong to the next pass."""
        settled = timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
        latest = [
            _latest(self.model.objects.all(), "updated_at"),
            _latest(self.deletions(), "history_date"),
        ]
        if self.appears_at:
            visible = self.model.objects.filter(**{f"{self.appears_at}__lte": settled})
            latest.append(_latest(visible, self.appears_at))
        newest = max((t for t in map(as_aware_datetime, select_scalars(latest)) if t), default=None)
        return min(newest, settled) if newest else settled

    def deletions(self):
        history = _history_model(self.model).objects.filter(history_type="-")
        return self.public_deletions(history)

    def build(self, request, *args, **kwargs):
        since, cursor, page_size, ids = self.read_params(request)
        rows = self.public_queryset()
        if since is not None:
            rows = rows | self.withdrawn_queryset()
        rows = self.filter_queryset(rows)
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        until = cursor[2] if cursor else self.pass_bound()

        late = None
        if since is not None and self.appears_at:
            # Rows that became visible after their last change (an article scheduled for
            # later) count as changed when they appear: at that time, in a stream of their own.
            later = Q(**{f"{self.appears_at}__gt": F("updated_at")})
            late = rows.filter(later)
            rows = rows.exclude(later)
        rows = rows.filter(updated_at__lte=until)
        deletions = self.deletions().filter(history_date__lte=until) if since else None
        if ids is not None and deletions is not None:
            deletions = deletions.filter(id__in=ids)
        if since is not None:
            rows = rows.filter(updated_at__gt=since)
            deletions = deletions.filter(history_date__gt=since)
        if late is not None:
            late = late.filter(
                **{f"{self.appears_at}__gt": since, f"{self.appears_at}__lte": until}
            )
        if cursor:
            at, pk = cursor[0], cursor[1]
            rows = rows.filter(Q(updated_at__gt=at) | Q(updated_at=at, pk__gt=pk))
            if deletions is not None:
                deletions = deletions.filter(Q(history_date__gt=at) | Q(history_date=at, id__gt=pk))
            if late is not None:
                late = late.filter(
                    Q(**{f"{self.appears_at}__gt": at}) | Q(**{self.appears_at: at, "pk__gt": pk})
                )

        live = list(self.optimise(rows.order_by("updated_at", "pk"))[: page_size + 1])
        entries = [(obj.updated_at, obj.pk, obj) for obj in live]
        if late is not None:
            arrivals = self.optimise(late.order_by(self.appears_at, "pk"))[: page_size + 1]
            entries += [(getattr(obj, self.appears_at), obj.pk, obj) for obj in arrivals]
        if deletions is not None:
            gone = deletions.order_by("history_date", "id").values_list("history_date", "id")
            entries += [(at, pk, None) for at, pk in gone[: page_size + 1]]
        entries.sort(key=lambda entry: (entry[0], entry[1]))
        has_more = len(entries) > page_size
        entries = entries[:page_size]

        public = [obj for _, _, obj in entries if obj is not None and self.is_public(obj)]
        represented = iter(self.represent(public))
        results = [
            next(represented)
            if obj is not None and self.is_public(obj)
            else self.tombstone(pk=pk, at=at)
            for at, pk, obj in entries
        ]
        # An empty page is as recent as the pass it belongs to.
        self.last_modified = max((at for at, _, _ in entries), default=until)
        next_cursor = encode_cursor(entries[-1][0], entries[-1][1], until) if has_more else None
        next_url = self.page_link(request, next_cursor)
        return Response(
            {"results": results, "next_cursor": next_cursor, "next": next_url, "until": iso(until)},
            # The same address as `next`, for clients that follow RFC 8288 links.
            headers={"Link": f'<{next_url}>; rel="next"'} if next_url else None,
        )

    def page_link(self, request, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        params = request.query_params.copy()
        params["cursor"] = cursor
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()


class SyncDetailApi(ConditionalGetMixin, GenericAPIView):
    """One object by numeric id or by slug."""

    lookup_url_kwarg = "ref"
    has_slug = True

    def get_queryset(self):
        return self.model.objects.all()

    def get_object(self):
        ref = self.kwargs[self.lookup_url_kwarg]
        queryset = self.get_queryset()
        # ASCII digits only ('¹'.isdigit() is true, int('¹') fails) and within a bigint.
        if ref.isascii() and ref.isdigit():
            pk = int(ref)
            obj = queryset.filter(pk=pk).first() if pk < 2**63 else None
        elif self.has_slug:
            obj = queryset.filter(slug=ref).first()
        else:
            obj = None
        if obj is None:
            raise Http404
        return obj

    def represent(self, obj) -> dict:
        return self.get_serializer(obj).data

    def build(self, request, *args, **kwargs):
        obj = self.get_object()
        self.last_modified = obj.updated_at
        return Response(self.represent(obj))
