"""Bytes and time of a 500-article API page, plain, gzip and brotli.

    createdb -h 127.0.0.1 -U postgres archive_compression_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_compression_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_archive --articles 1000 --seed 1
    DJANGO_DEBUG=0 .venv/bin/python -m bench.compression_bench [ITERATIONS]

A benchmark, not a test. GET /api/v1/articles/?page_size=500 through the full middleware
stack (in process, no network), the API's response cache off so every request builds the
page; for each Accept-Encoding it prints the bytes sent and the median and 95th percentile
milliseconds per request (the compression time is included), and the time a 10 Mbit/s link
would take to carry those bytes.
"""

import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_API_CACHE_SECONDS", "0")
django.setup()

from django.test import Client  # noqa: E402

from partners.models import Partner, api_key_create  # noqa: E402

URL = "/api/v1/articles/?page_size=500"
ENCODINGS = {"identity": "identity", "gzip": "gzip", "br": "br, gzip"}
LINK_BYTES_PER_SECOND = 10_000_000 / 8


def main(iterations: int) -> None:
    partner, _ = Partner.objects.get_or_create(
        name="Compression bench", defaults={"requests_per_minute": 1_000_000}
    )
    raw_key = api_key_create(partner=partner, label="bench")[1]
    client = Client(headers={"Authorization": f"Bearer {raw_key}"})
    items = len(client.get(URL, headers={"Accept-Encoding": "identity"}).json()["results"])
    print(f"GET {URL}: {items} articles, {iterations} requests per encoding")
    print(f"{'encoding':<10}{'bytes':>12}{'median ms':>12}{'p95 ms':>10}{'10 Mbit/s ms':>14}")
    for name, header in ENCODINGS.items():
        times, size = [], 0
        for _ in range(iterations):
            started = time.perf_counter()
            response = client.get(URL, headers={"Accept-Encoding": header})
            times.append((time.perf_counter() - started) * 1000)
            size = len(response.content)
            assert response.get("Content-Encoding", "identity") == name, response.headers
        times.sort()
        p95 = times[min(len(times) - 1, round(len(times) * 0.95))]
        wire = size / LINK_BYTES_PER_SECOND * 1000
        print(f"{name:<10}{size:>12,}{statistics.median(times):>12.1f}{p95:>10.1f}{wire:>14.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
