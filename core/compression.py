"""Brotli or gzip for API answers and pages, when the client accepts them.

Django's GZipMiddleware does the gzip part (with its BREACH padding and its weak ETag); this
adds brotli, preferred when the client offers both. ETags are computed by the views on the
uncompressed body; a compressed answer carries the same ETag made weak (W/"..."), which
If-None-Match compares weakly, so a client's stored ETag gives 304 whichever encoding it got.

BREACH: a compressed answer that reflects a secret next to text an attacker controls leaks
the secret through its size. So nothing under /admin/ is compressed, nor any answer that
used the CSRF token (a form on a page); the API and the public pages reflect no secret.
"""

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

accepts_br = _lazy_re_compile(r"\bbr\b(?!;q=0(?:\.0*)?\b)")
# Fast enough for a dynamic 2.5 MB page (tens of milliseconds), most of the gain of level 11.
BROTLI_QUALITY = 5


def _compressible(request, response) -> bool:
    if response.has_header("Content-Encoding") or response.status_code in (204, 304):
        return False
    if request.path.startswith("/admin/"):
        return False
    # The CSRF token went into this answer (get_token() marks the request): never compress it.
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not _compressible(request, response):
            return response
        encodings = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if response.streaming or not accepts_br.search(encodings):
            return super().process_response(request, response)
        if len(response.content) < 200:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
