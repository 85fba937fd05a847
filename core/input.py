"""One guard for the site's input: a request whose address cannot be valid answers 400.

PostgreSQL refuses NUL bytes in text, Django silently replaces bytes that are not UTF-8 with
U+FFFD, and nothing downstream expects a path segment of ten thousand characters. Rather than
teach every view, filter and admin page about them, this middleware looks at the raw path and
query string before anything else does and refuses, naming the offending parameter:

- a NUL byte (or another control character, in the path) anywhere;
- percent-encoding that does not decode as UTF-8;
- a path segment longer than MAX_SEGMENT_LENGTH or a query value (or name) longer than
  MAX_QUERY_VALUE_LENGTH.

Under /api/ the answer is the API's JSON error shape with the parameter under "fields";
elsewhere a plain HTML page rendered without the database.
"""

import logging
import re
from urllib.parse import unquote_to_bytes

import orjson
from django.http import HttpRequest, HttpResponse

from core.pagelanguage import render_in_page_language

logger = logging.getLogger(__name__)

# Slugs and ids are far shorter; a segment this long is never a real address.
MAX_SEGMENT_LENGTH = 255
# Long enough for the admin's _changelist_filters (a whole query string in one value).
MAX_QUERY_VALUE_LENGTH = 2000
# Control characters refused in the path: C0 and DEL (a query value may hold a newline).
PATH_CONTROL = {chr(c) for c in range(32)} | {"\x7f"}
BROKEN_UTF8 = re.compile(r"%[89A-F][0-9A-F]")


class BadInput(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _decode(raw: bytes, parameter: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(parameter, "is not valid UTF-8 once percent-decoded.") from None


def check_path(path: str) -> None:
    """Raise BadInput for a path with NUL/control bytes, bad UTF-8 or an over-long segment."""
    # Django has already decoded the path, putting back as %XX (upper case) every byte that
    # is not part of valid UTF-8; no address of ours holds a literal "%" followed by those.
    if BROKEN_UTF8.search(path):
        raise BadInput("path", "is not valid UTF-8 once percent-decoded.")
    for segment in path.split("/"):
        if PATH_CONTROL.intersection(segment):
            raise BadInput("path", "contains a NUL byte or another control character.")
        if len(segment) > MAX_SEGMENT_LENGTH:
            raise BadInput("path", f"has a segment longer than {MAX_SEGMENT_LENGTH} characters.")


def check_query(query_string: bytes) -> None:
    """Raise BadInput for the first query parameter that is NUL-bearing, undecodable or too long."""
    for pair in query_string.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        name_bytes = unquote_to_bytes(raw_name.replace(b"+", b" "))
        # Name the parameter as readably as possible, even when the name itself is the problem.
        shown = name_bytes.decode("utf-8", "replace").replace("\x00", "\\x00")[:80] or "(empty)"
        name = _decode(name_bytes, shown)
        value = _decode(unquote_to_bytes(raw_value.replace(b"+", b" ")), shown)
        if "\x00" in name or "\x00" in value:
            raise BadInput(shown, "contains a NUL byte.")
        if len(name) > MAX_QUERY_VALUE_LENGTH:
            raise BadInput(shown, f"has a name longer than {MAX_QUERY_VALUE_LENGTH} characters.")
        if len(value) > MAX_QUERY_VALUE_LENGTH:
            raise BadInput(shown, f"is longer than {MAX_QUERY_VALUE_LENGTH} characters.")


def bad_input_response(request: HttpRequest, error: BadInput) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        body = {
            "error": {
                "status": 400,
                "code": "invalid",
                "message": f"The parameter {error.parameter!r} {error.message}",
                "fields": {error.parameter: [error.message]},
            }
        }
        response = HttpResponse(orjson.dumps(body), status=400, content_type="application/json")
    else:
        html = render_in_page_language(
            request, "400.html", {"parameter": error.parameter, "message": error.message}
        )
        response = HttpResponse(html, status=400)
    response["Cache-Control"] = "no-store"
    return response


class BadInputMiddleware:
    """Answer 400 before any view, filter or query sees an impossible path or query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_path(request.path_info)
            check_query(request.META.get("QUERY_STRING", "").encode("latin-1", "replace"))
        except BadInput as error:
            logger.info("Refused %s: %r %s", request.method, error.parameter, error.message)
            return bad_input_response(request, error)
        return self.get_response(request)
