"""OpenAPI description of the partner API: every list's sync parameters, the page envelope,
tombstones, and every error response."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema_serializer,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers

_pages: dict = {}


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.authentication.PartnerKeyAuthentication"
    name = "partnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner API key: 'Authorization: Bearer bra_…'. Ask the desk "
            "for one; it is shown once when created.",
        }


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(
        help_text="invalid, not_authenticated, authentication_failed, not_found, throttled."
    )
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="On 400: each offending parameter and what is wrong with it.",
    )
    retry_after = serializers.IntegerField(required=False, help_text="On 429: seconds to wait.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


class TombstoneSerializer(serializers.Serializer):
    """An item that left the public set (or your filters): delete your copy."""

    id = serializers.IntegerField()
    uri = serializers.URLField()
    pubstatus = serializers.ChoiceField(choices=["canceled"], help_text="Always 'canceled'.")


def page_serializer(item_serializer, tombstone_serializer=None):
    """The envelope of a list page: exactly what SyncListApi.build sends.

    With updated_since, a removed item appears as a tombstone; when the tombstone has a shape
    of its own (all but articles, whose tombstone is a ninjs document), each result is one of
    the two.
    """
    name = item_serializer.__name__.removesuffix("Serializer") + "Page"
    if name not in _pages:
        help_text = (
            "A full read: in id order. With updated_since: in change-log order, removed items as "
            "tombstones (articles: ninjs with pubstatus 'canceled')."
        )
        if tombstone_serializer is None:
            results = item_serializer(many=True, help_text=help_text)
        else:
            results = PolymorphicProxySerializer(
                component_name=name.removesuffix("Page") + "OrTombstone",
                serializers=[item_serializer, tombstone_serializer],
                resource_type_field_name=None,
                many=True,
                help_text=help_text,
            )
        fields = {
            "results": results,
            "next_cursor": serializers.CharField(
                allow_null=True,
                help_text="Pass as ?cursor= for the next page; null at the end.",
            ),
            "next": serializers.URLField(allow_null=True, help_text="The next page's address."),
            "until": serializers.CharField(
                help_text="The change-log position this pass is complete up to. When next "
                "is null, start the next pass with updated_since=<until>."
            ),
        }
        # many=False: the page is one object, not a list of pages.
        _pages[name] = extend_schema_serializer(many=False)(
            type(name, (serializers.Serializer,), fields)
        )
    return _pages[name]


ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer,
        description="No API key, or an unknown, revoked or "
        "expired one. Send 'Authorization: Bearer <key>'.",
    ),
    429: OpenApiResponse(
        ErrorSerializer,
        description="The partner's rate limit is spent; "
        "retry after the seconds in the Retry-After header.",
    ),
}
INVALID = OpenApiResponse(
    ErrorSerializer,
    description="A parameter is unknown, empty or malformed (it breaks its schema); "
    "error.fields names each one. A well-formed reference to nothing (an unknown slug) "
    "is not an error: it matches nothing.",
)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the If-None-Match ETag (or If-Modified-Since) still matches."
)

# Positions are whole numbers after a word (partners.sync.encode_token), so every value the
# patterns allow is one the server can read: a malformed one is refused by the pattern.
_N = "[0-9]{1,18}"
LOG_TOKEN = rf"log\.{_N}\.{_N}"
PASS_TOKEN = rf"log\.{_N}\.{_N}\.{_N}\.{_N}"  # a place in the log, and where the pass ends
FULL_TOKEN = rf"full\.{_N}\.{_N}\.{_N}"
SLUG_PATTERN = r"^[-A-Za-z0-9_]+$"


def ids_pattern() -> str:
    return rf"^[0-9]{{1,18}}(,[0-9]{{1,18}}){{0,{settings.API_MAX_BATCH_IDS - 1}}}$"


def sync_parameters() -> list[OpenApiParameter]:
    """The paging parameters every list takes; the page size cap is a setting."""
    cap = settings.API_MAX_PAGE_SIZE
    return [
        OpenApiParameter(
            "updated_since",
            {
                "type": "string",
                "anyOf": [
                    {"pattern": f"^{LOG_TOKEN}$"},
                    {"format": "date-time"},
                    {"format": "date"},
                ],
            },
            description="The `until` of your previous pass (a place in the change log), or, "
            "for a first incremental pass, an RFC 3339 time or a bare date (midnight UTC; a "
            "time without a zone is UTC). Only items changed after it, with tombstones for "
            "items that left the public set (or your filters) since.",
        ),
        OpenApiParameter(
            "cursor",
            {"type": "string", "pattern": f"^(?:{FULL_TOKEN}|{PASS_TOKEN}|{LOG_TOKEN})$"},
            description="The next_cursor of the previous page, unchanged (or just follow "
            "`next`). Given, it says where the pass goes on, and updated_since is not read.",
        ),
        OpenApiParameter(
            "ids",
            {"type": "string", "pattern": ids_pattern()},
            description=f"Only these items: up to {settings.API_MAX_BATCH_IDS} ids, separated "
            "by commas (?ids=3,14,15). Paged and ordered like any list; an id that is not "
            "published is left out (with updated_since, a removed one is its tombstone).",
        ),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": cap},
            description=f"Items per page: default {settings.API_PAGE_SIZE}, at most {cap}.",
        ),
    ]


def _header(name: str, description: str, response=False) -> OpenApiParameter:
    return OpenApiParameter(
        name, str, OpenApiParameter.HEADER, description=description, response=response
    )


# Conditional requests and what every answer carries, on lists and details alike.
HEADERS = [
    _header("If-None-Match", "An ETag from an earlier answer: 304 with no body if unchanged."),
    _header("If-Modified-Since", "An HTTP date: 304 if nothing newer (If-None-Match wins)."),
    _header("ETag", "A hash of the body; send it back as If-None-Match.", response=[200, 304]),
    _header(
        "Last-Modified",
        "The newest change shown (an empty page: the time the pass covers up to).",
        response=[200, 304],
    ),
    _header(
        "X-Cache",
        "hit or miss: served from the shared cache, which every editorial change empties.",
        response=[200],
    ),
    _header("Retry-After", "Seconds until the rate limit lets you in again.", response=[429]),
    _header(
        "RateLimit-Limit",
        "Requests your key may make per minute (all of the partner's keys together).",
        response=True,
    ),
    _header("RateLimit-Remaining", "Requests left in the current minute.", response=True),
    _header("RateLimit-Reset", "Seconds until the current minute's count ends.", response=True),
]
LINK = _header(
    "Link", 'The next page as an RFC 8288 link (rel="next"), like `next`.', response=[200]
)


class PartnerApiSchema(AutoSchema):
    def _is_list_view(self, serializer=None):
        from partners.sync import SyncListApi

        return isinstance(self.view, SyncListApi)

    def get_tags(self):
        return [getattr(self.view, "endpoint", "") or self.view.model._meta.verbose_name_plural]

    def get_override_parameters(self):
        if self._is_list_view():
            return [*sync_parameters(), LINK, *HEADERS]
        pattern = SLUG_PATTERN if self.view.has_slug else r"^[0-9]+$"
        reference = OpenApiParameter(
            "ref",
            {"type": "string", "pattern": pattern},
            OpenApiParameter.PATH,
            description="The numeric id" + (", or the slug" if self.view.has_slug else "") + ".",
        )
        return [reference, *HEADERS]

    def _get_filter_parameters(self):
        # A query value is never empty: a plain text parameter says so in the schema, and
        # the server refuses ?name= with 400 like any other value the schema refuses.
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            schema = parameter["schema"]
            plain = not ({"enum", "pattern", "format", "minLength"} & set(schema))
            if schema.get("type") == "string" and plain:
                schema["minLength"] = 1
        return parameters

    def get_description(self):
        if self._is_list_view():
            return (
                "Pages through the public items: all of them in id order, or (updated_since) "
                "those changed since, in change-log order. "
                "Unknown parameters and invalid filter values are refused with 400."
            )
        return "One item by numeric id or by slug."

    def get_response_serializers(self):
        serializer = self.view.get_serializer_class()
        if self._is_list_view():
            ok = page_serializer(serializer, self.view.tombstone_serializer)
            responses = {200: ok, 400: INVALID}
        else:
            responses = {
                200: serializer,
                400: INVALID,
                404: OpenApiResponse(
                    ErrorSerializer,
                    description="No published item by that id or slug (never published, "
                    "or no such item).",
                ),
                410: OpenApiResponse(
                    self.view.tombstone_serializer or serializer,
                    description="Gone: the item was published once and has been withdrawn "
                    "or deleted. The body is its tombstone (pubstatus 'canceled'): delete "
                    "your copy. (A deleted item is found by its id only.)",
                ),
            }
        return responses | {304: NOT_MODIFIED} | ERRORS


class SchemaView(SpectacularAPIView):
    """/api/schema/, built under the lock partners.params builds its copy under."""

    authentication_classes = []
    permission_classes = []

    def _get_schema_response(self, request):
        from partners.params import SCHEMA_LOCK

        with SCHEMA_LOCK:
            return super()._get_schema_response(request)
