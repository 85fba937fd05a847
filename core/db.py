"""Read replica routing: public reads may go to a replica; editors always use the primary.

Set DATABASE_REPLICA_URL and the settings add a "replica" alias. Reads then go there, except
inside `use_primary()` — which the middleware below enters for the admin, for any request that
writes (POST, PUT, PATCH, DELETE) and for signed-in editors — so an editor never reads a row
older than the one they just saved.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime

REPLICA = "replica"
# Rows that must be read fresh whatever the request: sessions and users (a login just written),
# partner keys (a revoked key must stop working at once) and login-failure records.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "admin", "partners", "axes"})
_pinned: ContextVar[bool] = ContextVar("use_primary", default=False)


@contextmanager
def use_primary():
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            REPLICA in settings.DATABASES
            and not _pinned.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data, so objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryForEditorsMiddleware:
    """Pin the admin, writes and signed-in users to the primary database."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in self.SAFE_METHODS
            or request.path.startswith("/admin/")
            or request.user.is_authenticated
        ):
            with use_primary():
                return self.get_response(request)
        return self.get_response(request)


def select_scalars(querysets) -> list:
    """The single value each one-value query returns ([:1] of a values_list), in one round trip.

    A request pays a round trip per query; values a request needs together (a sync bound's
    maxima, the content version and the next publication) travel as scalar subqueries of
    one SELECT instead. Values come raw from the cursor: see as_aware_datetime.
    """
    alias = querysets[0].db
    compiled = [qs.query.get_compiler(alias).as_sql() for qs in querysets]
    sql = "SELECT " + ", ".join(f"({part})" for part, _ in compiled)
    params = [param for _, part_params in compiled for param in part_params]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def as_aware_datetime(value) -> datetime | None:
    """A date-time from a raw cursor, aware (text read as ISO 8601, naive taken as UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value
