import orjson
from django.utils.functional import Promise
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer


def _default(value):
    # Lazy translation strings (DRF's error messages) and anything else str() can name.
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class OrjsonRenderer(BaseRenderer):
    """JSON through orjson: several times faster than the standard library on large pages."""

    media_type = "application/json"
    format = "json"
    charset = None  # orjson writes UTF-8; JSON has no charset parameter (RFC 8259).

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


class JsonNegotiation(DefaultContentNegotiation):
    """A view with JSON as its only renderer: a request accepting anything, or JSON, gets it
    without the general negotiation (it runs on every partner request); any other Accept or
    `format` is negotiated as usual (and refused)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if (
            len(renderers) == 1
            and format_suffix is None
            and accept in ("*/*", renderers[0].media_type)
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)
