from django.contrib import admin
from django.urls import include, path

from core.health import healthz

admin.site.site_header = "Bilateral Relations Archive"
admin.site.site_title = "Archive editors"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before the admin's own: its catch-all would take these addresses.
    path("admin/2fa/", include("core.twofactor_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("website.urls")),
    path("relations/", include("articles.relation_urls")),
    path("feeds/", include("articles.feed_urls")),
]
# A database outage outside a view (sessions, authentication) is a 503, not a 500.
handler500 = "core.health.server_error"
