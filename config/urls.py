from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from core.health import healthz
from website.views import favicon

admin.site.site_header = "Bilateral Relations Archive"
admin.site.site_title = "Archive editors"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before the admin's own: its catch-all would take these addresses.
    path("admin/2fa/", include("core.twofactor_urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("feeds/", include("articles.feed_urls")),
]
# The reader site in three interface languages: English keeps today's addresses (no prefix),
# Azerbaijani and Turkish live under /az/ and /tr/ (LocaleMiddleware reads the prefix).
urlpatterns += i18n_patterns(
    path(
        "about/",
        TemplateView.as_view(
            template_name="pages/about.html",
            extra_context={"contact_email": settings.CONTACT_EMAIL},
        ),
        name="about",
    ),
    path("method/", TemplateView.as_view(template_name="pages/method.html"), name="method"),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("website.urls")),
    path("relations/", include("articles.relation_urls")),
    prefix_default_language=False,
)
# A database outage outside a view (sessions, authentication) is a 503, not a 500.
handler500 = "core.health.server_error"
