"""OpenAPI description of the partner API: every list's sync parameters, the page envelope,
tombstones, and every error response."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
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
    id = serializers.IntegerField()
    uri = serializers.URLField()
    pubstatus = serializers.CharField(help_text="Always 'canceled': delete your copy.")


def page_serializer(item_serializer):
    name = item_serializer.__name__.removesuffix("Serializer") + "Page"
    if name not in _pages:
        _pages[name] = type(
            name,
            (serializers.Serializer,),
            {
                "results": item_serializer(
                    many=True,
                    help_text="A full read: in id order. With updated_since: in commit order, "
                    "each changed item once, and tombstones (id or altids, uri, pubstatus "
                    "'canceled') for items that left what you follow.",
                ),
                "next_cursor": serializers.CharField(
                    allow_null=True,
                    help_text="Pass as ?cursor= for the next page; null at the end.",
                ),
                "next": serializers.URLField(allow_null=True, help_text="The next page's address."),
                "until": serializers.CharField(
                    help_text="The place in the change log this pass is complete to. When "
                    "next is null, start the next pass with updated_since=<until>."
                ),
            },
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
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the If-None-Match ETag (or If-Modified-Since) still matches."
)

SYNC_PARAMETERS = [
    OpenApiParameter(
        "updated_since",
        str,
        description="The until of an earlier pass (or, to start, an ISO 8601 time: a bare "
        "date or a time without zone is UTC). Only changes after it, with tombstones for "
        "items that left since.",
    ),
    OpenApiParameter(
        "cursor", str, description="The next_cursor of the previous page of this pass."
    ),
    OpenApiParameter(
        "page_size", int, description="Items per page: default 50, at most 500 (400 if more)."
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
        return [*SYNC_PARAMETERS, LINK, *HEADERS] if self._is_list_view() else HEADERS

    def get_description(self):
        if self._is_list_view():
            return (
                "Pages through the stored documents: a full read in id order, or with "
                "updated_since the change log in commit order. "
                "Unknown parameters and invalid filter values are refused with 400."
            )
        return "One item by numeric id or by slug."

    def get_response_serializers(self):
        serializer = self.view.get_serializer_class()
        if self._is_list_view():
            ok, invalid = page_serializer(serializer), "Invalid parameter; fields names it."
            responses = {200: ok, 400: OpenApiResponse(ErrorSerializer, description=invalid)}
        else:
            responses = {
                200: serializer,
                404: OpenApiResponse(
                    ErrorSerializer, description="No published item by that id or slug."
                ),
            }
        return responses | {304: NOT_MODIFIED} | ERRORS
