"""Queries per request do not grow with the archive: no page or endpoint queries per row."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.probes import every_url
from partners.models import Partner, api_key_create
from seeds.synthetic import generate_archive


def _counts(clients: dict) -> dict[str, int]:
    counts = {}
    for name, url, auth in every_url():
        if not url:
            continue
        client, headers = clients[auth]
        client.get(url, **headers)  # per-process caches warmed, as on a running server
        cache.clear()  # the page and API caches emptied: the page is built from the database
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_queries_per_request_are_the_same_for_a_small_and_a_four_times_larger_archive(
    seeded, settings
):
    partner = Partner.objects.create(name="Counting", requests_per_minute=10**6)
    _, key = api_key_create(partner=partner)
    clients = {
        "anonymous": (Client(), {}),
        "partner": (Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
    }
    generate_archive(articles=40, seed=11)
    small = _counts(clients)
    generate_archive(articles=160, seed=12)
    large = _counts(clients)
    grown = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grown, f"queries grew with the archive (small, large): {grown}"
