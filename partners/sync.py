"""The partner API's read views: stored documents, and incremental sync from the change log.

Every list and detail serves the bytes stored in core.Document; nothing is rendered per
request. A list without `updated_since` is a full read of the public documents in id order;
its `until` is the change-log position it is complete up to. `updated_since=<until>` then
reads core.Change after that position, in (txid, id) order and only below the oldest
transaction still running, so a change committed late by a slow transaction is never
skipped (see core.models.Change). An ISO 8601 time is accepted too (changes recorded after
it), for a first incremental pass. A pass ends at the log's head as its first page found it:
the cursor of its later pages carries that bound, so an object changed while a partner pages
through comes once, in the next pass, and never twice (or as two tombstones) in one.

An object that left the public set, or no longer matches the partner's filters, comes as a
tombstone (its id, URI and `pubstatus: canceled`). Filters are evaluated only on objects that
are public, over the published rows, so no answer depends on unpublished text, and an object
that was never public has no change to report.
"""

import hashlib
from datetime import UTC, datetime

import orjson
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.generics import GenericAPIView

from core import changes
from core.feed import log_head, read_document, read_documents, read_log
from core.models import ChangeAction
from partners import caching
from partners.params import check_query
from partners.renderers import JsonNegotiation, OrjsonRenderer
from partners.schema import PartnerApiSchema, TombstoneSerializer
from partners.throttling import rate_limit_headers

CONTROL_PARAMS = ("updated_since", "cursor", "page_size")


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


def encode_token(*values) -> str:
    """A position as `<kind>.<number>.<number>…`: every token the schema's pattern allows
    (partners.schema.LOG_TOKEN, PASS_TOKEN, FULL_TOKEN) is one the server can read."""
    return ".".join(str(value) for value in values)


def decode_token(value: str, *, prefix: str, length: int) -> list | None:
    """The token's values, or None if it is not one of ours of that kind."""
    parts = value.split(".")
    if len(parts) != length or parts[0] != prefix:
        return None
    if not all(part.isascii() and part.isdigit() and len(part) <= 18 for part in parts[1:]):
        return None
    return [prefix, *(int(part) for part in parts[1:])]


def position_token(txid: int, change_id: int) -> str:
    """A place in the change log, as partners pass it back in `updated_since`."""
    return encode_token("log", txid, change_id)


class ConditionalGetMixin:
    """Cached bodies, and ETag (a hash of the body) and Last-Modified on every 200.

    A matching If-None-Match (or, without one, an If-Modified-Since not older than
    Last-Modified) gives 304. Subclasses build the response in `build`; one that knows
    what its body is made of sets `etag_basis` (bytes that change exactly when the body
    does: the documents' ids and versions and the page's links), cheaper to hash than a
    long body.
    """

    schema = PartnerApiSchema()
    content_negotiation_class = JsonNegotiation
    last_modified: datetime | None = None
    etag_basis: bytes | None = None
    etag: str | None = None
    _cache_key: str | None = None

    def get(self, request, *args, **kwargs):
        # Runs after authentication and the rate limit (DRF's initial()).
        if not settings.API_CACHE_SECONDS or "updated_since" in request.query_params:
            # What the log shows moves when any transaction ends, not only when a change is
            # published (see _BELOW_RUNNING): incremental answers are never cached.
            return self.build(request, *args, **kwargs)
        key = caching.cache_key(request)
        if hit := caching.cached_response(key):
            body, stamp, link, self.etag = hit
            self.last_modified = datetime.fromtimestamp(stamp, UTC) if stamp else None
            response = HttpResponse(body, content_type=OrjsonRenderer.media_type)
            if link:
                response["Link"] = link
            response["X-Cache"] = "hit"
            return response
        self._cache_key = key
        return self.build(request, *args, **kwargs)

    def build(self, request, *args, **kwargs):
        raise NotImplementedError

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return rate_limit_headers(request, self.conditional(request, response))

    def conditional(self, request, response):
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if hasattr(response, "render"):
            response.render()
        last_modified = self.last_modified.timestamp() if self.last_modified else None
        if (etag := self.etag) is None:
            basis = response.content if self.etag_basis is None else self.etag_basis
            etag = '"' + hashlib.sha256(basis).hexdigest()[:32] + '"'
        if self._cache_key is not None:
            entry = (response.content, last_modified, response.get("Link"), etag)
            if caching.store_response(self._cache_key, entry):
                response["X-Cache"] = "miss"
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request._request, etag=etag, last_modified=last_modified, response=response
        )


def _json_response(parts: dict, results: list[bytes], headers=None) -> HttpResponse:
    """{"results": [stored bodies...], **parts}, the bodies copied as they are stored."""
    tail = orjson.dumps(parts)
    body = b'{"results":[' + b",".join(results) + b"]," + tail[1:]
    return HttpResponse(body, content_type=OrjsonRenderer.media_type, headers=headers)


class SyncListApi(ConditionalGetMixin, GenericAPIView):
    """A list of stored documents, for full reads and incremental sync.

    Subclasses name the document `kind`, the model, its serializer (the schema's description
    of the document) and FilterSet, and `public_queryset`: the rows that are public now.
    """

    kind: str = ""
    filter_backends = [DjangoFilterBackend]
    # The shape of a removed item in the schema; None when it is the item's own (articles).
    tombstone_serializer = TombstoneSerializer

    @property
    def endpoint(self) -> str:
        return changes.document_kind(self.kind).endpoint

    def public_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        return self.public_queryset()

    def read_params(self, request):
        """(since, cursor, page_size); unknown, empty and malformed values are refused here,
        by the published schema (partners.params), so what passes can be read.

        A full read's cursor is ["full", after id, head txid, head id]; an incremental pass's
        ["log", txid, id, bound txid, bound id] (a place in the log and where the pass ends).
        """
        params = request.query_params
        check_query(self.endpoint, params)
        since = cursor = None
        if raw := params.get("updated_since"):
            since = decode_token(raw, prefix="log", length=3) or parse_instant(raw)
        if raw := params.get("cursor"):
            # A cursor says where its pass goes on: a full read's, or a place in the log.
            cursor = decode_token(raw, prefix="full", length=4) or decode_token(
                raw, prefix="log", length=5
            )
            if cursor is not None:
                since = cursor if cursor[0] == "log" else None
            else:  # a place in the log without a bound (links from before the bound)
                since = decode_token(raw, prefix="log", length=3)
        page_size = int(params.get("page_size", settings.API_PAGE_SIZE))
        return since, cursor, page_size

    def batch_ids(self) -> set[int] | None:
        raw = self.request.query_params.get("ids")
        return {int(pk) for pk in raw.split(",")} if raw else None

    def filter_queryset(self, queryset):
        # The values are well-formed (read_params); one the FilterSet still refuses names
        # nothing that exists (an unknown slug, a pair of one country twice, an empty date
        # range), and so matches nothing.
        if (ids := self.batch_ids()) is not None:
            queryset = queryset.filter(pk__in=ids)
        filterset = self.filterset_class(
            self.request.query_params, queryset=queryset, request=self.request
        )
        if not filterset.is_valid():
            return queryset.none()
        return filterset.qs

    def filtered(self) -> bool:
        return any(
            request_value
            for name, request_value in self.request.query_params.items()
            if name not in CONTROL_PARAMS
        )

    def matching_ids(self, ids) -> set[int]:
        """Those of the public ids that match the request's filters (on published rows)."""
        rows = self.filter_queryset(self.public_queryset().filter(pk__in=ids))
        return set(rows.order_by().values_list("pk", flat=True))

    def tombstone(self, pk: int) -> bytes:
        return orjson.dumps(changes.document_kind(self.kind).canceled(pk))

    def build(self, request, *args, **kwargs):
        since, cursor, page_size = self.read_params(request)
        if since is None:
            return self.full_read(request, cursor, page_size)
        return self.incremental(request, since, page_size)

    def full_read(self, request, cursor, page_size) -> HttpResponse:
        # The position is fixed with the first page, read in the same snapshot as its
        # documents: every change up to it is in the pages that follow, and every later one
        # comes in the next pass. The cursor carries it on.
        after = cursor[1] if cursor else 0
        among = None
        if self.filtered():
            ids = self.filter_queryset(self.public_queryset()).filter(pk__gt=after)
            among = ids.order_by("pk").values_list("pk", flat=True)[: page_size + 1]
        rows, head = read_documents(
            self.kind, after=after, limit=page_size + 1, among=among, head=not cursor
        )
        if cursor:
            head = (cursor[2], cursor[3])
        has_more = len(rows) > page_size
        rows = rows[:page_size]
        if rows:
            self.last_modified = datetime.fromtimestamp(max(row[2] for row in rows), UTC)
        # A stored body changes exactly when its version does.
        self.etag_basis = b" ".join(b"%d.%d" % (row[0], row[3]) for row in rows)
        next_cursor = encode_token("full", rows[-1][0], *head) if has_more else None
        bodies = [bytes(body) for _, body, _, _ in rows]
        return self.page(request, bodies, next_cursor, position_token(*head))

    def incremental(self, request, since, page_size) -> HttpResponse:
        if isinstance(since, list):
            after, when = (since[1], since[2]), None
        else:
            after, when = None, since
        # The pass ends where the log's head was at its first page: an object changed since
        # waits for the next pass (its newer change is past the bound), so in one pass an
        # object comes at most once, at the change that is current when it is read.
        if isinstance(since, list) and len(since) == 5:
            upto = (since[3], since[4])
        else:
            upto = log_head(self.kind)
        rows = read_log(self.kind, after=after, since=when, limit=page_size + 1, upto=upto)
        has_more = len(rows) > page_size
        rows = rows[:page_size]
        # An object changed twice is sent once, at its newest change; older entries are skipped.
        current = [row for row in rows if row[3] == row[4]]
        public = [row[2] for row in current if row[5]]
        if public and self.filtered():
            matching = self.matching_ids(public)
        else:
            matching = set(public)
        results = []
        for _, _, pk, _, _, public, body, action in current:
            if pk in matching:
                results.append(bytes(body))
            elif public and action == ChangeAction.ENTERED:
                continue  # new to the public set and not matching: the partner never had it
            else:  # left the public set, or changed and may have matched before
                results.append(self.tombstone(pk))
        if has_more:
            position = (rows[-1][0], rows[-1][1])
            next_cursor = encode_token("log", *position, *upto)
        else:  # everything up to the bound is in this pass
            position = max(upto, after) if after is not None else upto
            next_cursor = None
        return self.page(request, results, next_cursor, position_token(*position))

    def page(self, request, results, next_cursor, until) -> HttpResponse:
        next_url = None
        if next_cursor:
            params = request.query_params.copy()
            params["cursor"] = next_cursor
            next_url = request.build_absolute_uri(request.path) + "?" + params.urlencode()
        parts = {"next_cursor": next_cursor, "next": next_url, "until": until}
        if self.etag_basis is not None:
            self.etag_basis += b" " + orjson.dumps(parts)
        return _json_response(
            parts,
            results,
            # The same address as `next`, for clients that follow RFC 8288 links.
            headers={"Link": f'<{next_url}>; rel="next"'} if next_url else None,
        )


class SyncDetailApi(ConditionalGetMixin, GenericAPIView):
    """One stored document by numeric id or by slug."""

    kind: str = ""
    lookup_url_kwarg = "ref"
    has_slug = True
    # The schema's shape of the 410 body; None when it is the item's own (articles: ninjs).
    tombstone_serializer = TombstoneSerializer

    def public_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        return self.public_queryset()

    def build(self, request, *args, **kwargs):
        ref = self.kwargs[self.lookup_url_kwarg]
        # ASCII digits only ('¹'.isdigit() is true, int('¹') fails) and within a bigint.
        if ref.isascii() and ref.isdigit():
            pk = int(ref) if int(ref) < 2**63 else None
        elif self.has_slug:
            # Any row, draft or not: what the document says decides what partners learn.
            pk = self.model.objects.filter(slug=ref).values_list("pk", flat=True).first()
        else:
            pk = None
        row = read_document(self.kind, pk) if pk is not None else None
        # Never public (a draft: its document, if any, was never published, version 0) is
        # answered exactly like an id that never existed.
        if row is None or not (row[2] or row[3]):
            raise Http404
        body, updated_at, public, _ = row
        if not public:
            # Public once, withdrawn or deleted since: 410 with the stored tombstone.
            return HttpResponse(bytes(body), status=410, content_type=OrjsonRenderer.media_type)
        self.last_modified = updated_at
        return HttpResponse(bytes(body), content_type=OrjsonRenderer.media_type)
