from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Bilateral Relations Archive"
admin.site.site_title = "Archive editors"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
]
