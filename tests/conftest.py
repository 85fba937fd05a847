import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on in cached pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The full seed story (ADEX 2024), loaded through the real command."""
    call_command("load_seeds", verbosity=0)


@pytest.fixture
def browser_for(django_app):
    """A django-webtest app of its own (cookies, session) logged in as user: one per editor."""
    from django_webtest import DjangoTestApp

    def open_for(user):
        app = DjangoTestApp(extra_environ=dict(django_app.extra_environ))
        app.set_user(user)
        return app

    return open_for
