"""The project's URLs under /mounted/: a URLconf whose detail addresses differ."""

from django.urls import include, path

urlpatterns = [path("mounted/", include("config.urls"))]
