"""Settings for benchmark runs: the project's own, with DEBUG off and a minimal view mounted.

Run with DJANGO_DEBUG=0 in the environment so that everything config.settings derives from
DEBUG (the CSP header, cookie flags) is as in production. Static files use plain storage here:
no collectstatic is needed, and no page under test serves static files itself.
"""

from config.settings import *  # noqa: F403

DEBUG = False
BENCH = True
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
