"""Health check, and a friendly 503 whenever the database cannot be reached.

A database restart must not show readers a stack trace or a bare 500: every request that
fails on the connection gets the 503 page with Retry-After (JSON under /api/), and the next
request after the database is back reconnects by itself (CONN_HEALTH_CHECKS in settings).
"""

import logging
import sys
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error

from core.pagelanguage import render_in_page_language

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before retrying while the database is away.
RETRY_AFTER_SECONDS = 15
# Errors that mean "the database is unreachable", not "this query is wrong".
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_reachable(alias: str = DEFAULT_DB_ALIAS) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except OUTAGE_ERRORS:
        # Drop the broken connection so that the next request opens a new one.
        connections[alias].close_if_unusable_or_obsolete()
        return False
    return True


def overdue_tasks():
    """Background jobs still waiting TASKS_OVERDUE_SECONDS after their time (no worker runs),
    or "running" for that long (jobs here take seconds: its worker died in the middle)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    limit = timezone.now() - timedelta(seconds=settings.TASKS_OVERDUE_SECONDS)
    waiting = Q(run_after__lte=limit) | Q(run_after=get_date_max(), enqueued_at__lte=limit)
    return DBTaskResult.objects.filter(
        Q(waiting, status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__lte=limit)
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors.

    Overdue background jobs (a scheduled publication not done) make the status "degraded",
    still 200: the web servers themselves are fine.
    """
    if database_reachable():
        overdue = overdue_tasks().count()
        if overdue:
            return JsonResponse(
                {
                    "status": "degraded",
                    "database": "ok",
                    "tasks": "overdue",
                    "overdue_tasks": overdue,
                }
            )
        return JsonResponse({"status": "ok", "database": "ok", "tasks": "ok"})
    response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page; rendered without a request context, which could itself need the database."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The archive is briefly unavailable; retry shortly."}, status=503
        )
    else:
        response = HttpResponse(render_in_page_language(request, "503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turn a lost database connection in any view into the 503 page, even under DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            logger.warning(
                "Database unavailable on %s %s: %s", request.method, request.path, exception
            )
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage raised outside a view (sessions, auth) is a 503 as well."""
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE_ERRORS):
        return unavailable_response(request)
    return django_server_error(request)
