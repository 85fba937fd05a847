"""The reader site's URLs under /mounted/: a URLconf whose detail addresses differ.

The apps' URLconfs are mounted one by one: config.urls wraps them in i18n_patterns, which
Django allows only at the top of a URLconf, never inside an include().
"""

from django.urls import include, path

SITE = ["articles.urls", "people.urls", "events.urls", "search.urls", "website.urls"]

urlpatterns = [path("mounted/", include([path("", include(urls)) for urls in SITE]))]
