import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from partners.models import Partner, api_key_create


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The throttle counts in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Caucasus Desk", requests_per_minute=1000)


@pytest.fixture
def raw_key(partner):
    return api_key_create(partner=partner, label="tests")[1]


@pytest.fixture
def api(raw_key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client
