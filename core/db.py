"""Read replica routing: public reads may go to a replica; editors always use the primary.

Set DATABASE_REPLICA_URL and the settings add a "replica" alias. Reads then go there, except
inside `use_primary()` — which the middleware below enters for the admin, for any request that
writes (POST, PUT, PATCH, DELETE) and for signed-in editors — so an editor never reads a row
older than the one they just saved.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

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
