"""The partner API against its floor over HTTP, as a partner meets both. Figures, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<archive with documents> \\
        REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python -m bench.api_http

Two gunicorn servers, one process and one thread each, on the same database: the API
(bench.wsgi, DEBUG off, response cache off, the partner's key checked and the rate limit
counted in Redis as in production) and the floor (bench/api_floor.py: psycopg and orjson
reading the same stored rows, no Django). One client with a kept-open connection to each asks
for a page of 50 articles and for single articles in turn, interleaved, and gives medians and
95th percentiles; the ratio is the API's median over the floor's. bench/stream.py measures the
same in one process, against the bare psycopg call (no HTTP at all).
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from articles.models import Article  # noqa: E402
from bench.urls import MINIMAL_PATH  # noqa: E402
from partners.models import Partner, api_key_create  # noqa: E402

API_PORT, FLOOR_PORT = 8771, 8772


def serve(app: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_API_CACHE_SECONDS": "0"}
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "--config", "/dev/null",  # not the project's gunicorn.conf.py: one worker, no log
        "--workers", "1", "--worker-class", "gthread", "--threads", "1",
        "--keep-alive", "30", "--bind", f"127.0.0.1:{port}", app,
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def timer(port: int, headers: dict):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(path: str) -> float:
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        assert response.status == 200, (port, path, response.status)
        return elapsed

    return get


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=300)
    args = parser.parse_args()
    partner, _ = Partner.objects.get_or_create(
        name="Bench partner", defaults={"requests_per_minute": 10**7}
    )
    key = api_key_create(partner=partner)[1]
    ids = list(
        Article.objects.published().order_by("?").values_list("pk", flat=True)[: args.iterations]
    )
    servers = [
        serve("bench.wsgi:application", API_PORT),
        serve("bench.api_floor:application", FLOOR_PORT),
    ]
    try:
        api = timer(API_PORT, {"Authorization": f"Bearer {key}", "Accept-Encoding": "identity"})
        floor = timer(FLOOR_PORT, {})
        print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        for name, api_path, floor_path in (
            ("list, page of 50", lambda pk: "/api/v1/articles/?page_size=50", lambda pk: "/list/"),
            ("detail", lambda pk: f"/api/v1/articles/{pk}/", lambda pk: f"/detail/{pk}/"),
        ):
            for pk in ids[:20]:  # warm both: connections, caches, the key's first use
                api(api_path(pk)), floor(floor_path(pk))
            ours, base = [], []
            for pk in ids:
                ours.append(api(api_path(pk)))
                base.append(floor(floor_path(pk)))
            ratio = statistics.median(ours) / statistics.median(base)
            print(f"API {name}: {summary(ours)}; floor {summary(base)}; {ratio:.1f}x the floor")
        # What any answer through Django's stack costs here, for reading the ratios above.
        minimal = [api(MINIMAL_PATH) for _ in ids]
        print(f"Minimal Django view (same server, no database): {summary(minimal)}")
    finally:
        for server in servers:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
