"""A URLconf with views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("secret detail that must not reach the reader")


def database_gone_view(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


urlpatterns = [
    path("broken/", broken_view),
    path("database-gone/", database_gone_view),
    path("api/database-gone/", database_gone_view),
    # The site itself, spread in: its i18n_patterns may not sit inside an include().
    *site_urlpatterns,
]
handler500 = "core.health.server_error"
