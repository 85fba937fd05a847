from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from website import views
from website.sitemaps import SITEMAPS

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    # An index of one sitemap per section, so a large archive stays within the protocol's
    # 50,000 addresses per file (each section pages itself with ?p=).
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
