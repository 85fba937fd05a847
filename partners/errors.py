"""One JSON error shape for the partner API: {"error": {"status", "code", "message", "fields"}}."""

import orjson
from django.http import HttpResponse
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail):
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [
            str(item) if not isinstance(item, dict | list) else _flatten(item) for item in detail
        ]
    return [str(detail)]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    error = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        error |= {
            "code": "invalid",
            "message": "Some parameters are invalid; see fields.",
            "fields": _flatten(detail),
        }
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        code = getattr(detail, "code", None) or "error"
        error |= {"code": code, "message": str(detail)}
        if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
            usage = getattr(context["request"], "rate_limit", None)
            error["retry_after"] = usage.reset if usage else 60
    response.data = {"error": error}
    return response


def not_found(request, path=""):
    """Any other address under /api/: the same JSON error shape as the API's own 404s."""
    error = {
        "status": 404,
        "code": "not_found",
        "message": "No such API address; the endpoints are listed at /api/docs/.",
    }
    return HttpResponse(orjson.dumps({"error": error}), status=404, content_type="application/json")
