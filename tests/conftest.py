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
