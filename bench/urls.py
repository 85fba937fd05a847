"""The project's URLs plus the benchmark's floor for pages: a minimal Django view.

Mounted only by bench.settings, never in the deployed site.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

MINIMAL_PATH = "/__bench__/minimal/"


def minimal(request):
    """The cheapest response Django can give through the full middleware stack."""
    return HttpResponse(b"<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal, name="bench-minimal"),
    # Spread in: the site's i18n_patterns may not sit inside an include().
    *site_urlpatterns,
]
