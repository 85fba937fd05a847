"""The admin's page tests (django-webtest) leave the settings as they found them, even when a
test also overrides settings: later tests must get the site's 500 page, not a raised error.

The two tests run in this order, in one process (one file stays on one xdist worker).
"""


def test_a_page_test_that_also_overrides_a_setting(settings, django_app, db):
    settings.SITE_URL = "https://archive.example.org"
    assert django_app.get("/healthz").status_code == 200


def test_the_next_test_has_errors_rendered_not_propagated(db, client):
    from django.conf import settings

    assert settings.DEBUG_PROPAGATE_EXCEPTIONS is False
    assert "django_webtest.middleware.WebtestUserMiddleware" not in settings.MIDDLEWARE
