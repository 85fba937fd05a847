"""In-process measurements of one archive: queries per request and server-side time.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.settings DJANGO_DEBUG=0 \
        .venv/bin/python -m bench.measure OUT.json

Requests go through Django's test client (the full middleware stack, no network), so the
time is the server's own. The cache is emptied before every timed request: the figures are
for uncached pages (a cache miss, including storing the result). Prints nothing but the
JSON it writes.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import floors  # noqa: E402
from bench.probes import Probe, every_url, probes, routes  # noqa: E402
from bench.stats import summary  # noqa: E402
from partners.models import Partner, api_key_create  # noqa: E402

ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "30"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "10"))  # different objects per detail page


def clients() -> dict[str, tuple[Client, dict]]:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin = Client(raise_request_exception=False)
    admin.force_login(user)
    partner, _ = Partner.objects.get_or_create(
        name="Benchmark", defaults={"requests_per_minute": 10**9}
    )
    _, raw_key = api_key_create(partner=partner, label="bench")
    return {
        "anonymous": (Client(raise_request_exception=False), {}),
        "superuser": (admin, {}),
        "partner": (
            Client(raise_request_exception=False),
            {"HTTP_AUTHORIZATION": f"Bearer {raw_key}"},
        ),
    }


def fresh() -> None:
    """Forget cached pages and API responses so the next request is built from the database."""
    cache.clear()


def count_queries(client: Client, headers: dict, url: str) -> tuple[int, int]:
    client.get(url, **headers)  # warm: per-process caches (content types, site) filled
    fresh()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return len(queries), response.status_code


def time_probe(client: Client, headers: dict, probe: Probe) -> dict:
    for url in probe.urls[:3]:
        client.get(url, **headers)
    times, statuses = [], set()
    for i in range(ITERATIONS):
        url = probe.urls[i % len(probe.urls)]
        fresh()
        start = time.perf_counter()
        response = client.get(url, **headers)
        times.append(time.perf_counter() - start)
        statuses.add(response.status_code)
    return {**summary(times), "statuses": sorted(statuses)}


def api_floor(conn: psycopg.Connection, route_view) -> dict | None:
    model = getattr(route_view, "model", None)
    if model is None:
        return None
    from articles.models import Article

    size = settings.API_PAGE_SIZE
    sql = floors.article_page_sql(size) if model is Article else floors.model_page_sql(model, size)
    return summary(floors.timed(lambda: floors.api_page(conn, sql), ITERATIONS))


def main(out_path: str) -> None:
    by_auth = clients()
    result: dict = {"queries": {}, "timings": {}, "floors": {}}

    for name, url, auth in every_url():
        if not url:
            result["queries"][name] = {"absent": "no sample arguments"}
            continue
        client, headers = by_auth[auth]
        count, status = count_queries(client, headers, url)
        result["queries"][name] = {"url": url, "queries": count, "status": status}

    api_views = {
        "api_" + r.name.removeprefix("api:").removesuffix("_list"): r.view
        for r in routes()
        if r.name.startswith("api:") and r.name.endswith("_list")
    }
    dsn = settings.DATABASES["default"]
    with psycopg.connect(
        dbname=dsn["NAME"], host=dsn["HOST"] or None, port=dsn["PORT"] or None, user=dsn["USER"]
    ) as conn:
        for probe in probes(SAMPLES):
            entry: dict = {"label": probe.label, "auth": probe.auth}
            if probe.absent or not probe.urls:
                entry["absent"] = probe.absent or "no URL"
                result["timings"][probe.key] = entry
                continue
            client, headers = by_auth[probe.auth]
            entry["url"] = probe.urls[0]
            entry["queries"], _ = count_queries(client, headers, probe.urls[0])
            entry |= time_probe(client, headers, probe)
            result["timings"][probe.key] = entry
            if probe.key in api_views:
                floor = api_floor(conn, api_views[probe.key])
                if floor:
                    result["floors"][probe.key] = floor

    with open(out_path, "w") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
