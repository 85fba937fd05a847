"""The rate limit holds across processes: two gunicorn workers, one count.

A real gunicorn with two worker processes on a random port, against the test database (and,
in the second run, Redis as production has it); many requests at once from several threads.
Exactly the partner's requests_per_minute succeed, the rest get 429 with Retry-After, and
every answer carries the RateLimit headers.
"""

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from django.db import connection

from partners.models import Partner, api_key_create

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 20
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(transactional_db, request, tmp_path):
    store = request.param
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env |= {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_API_CACHE_SECONDS": "0",
    }
    if store == "redis":
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        try:
            client.ping()
        except redis.ConnectionError:
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        for key in client.scan_iter("archive:ratelimit:*"):
            client.delete(key)
        env["REDIS_URL"] = REDIS_URL
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed with the server
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        print((tmp_path / "gunicorn.log").read_text()[-5000:])


def burst_in_one_minute(base: str, raw_key: str) -> list:
    """LIMIT * 3 requests at once, all inside one minute of the fixed window.

    Near a minute's end it waits for the next one; a burst that still crossed into the next
    minute (a very slow machine) is repeated once.
    """

    def call(_):
        response = requests.get(
            f"{base}/api/v1/topics/", headers={"Authorization": f"Bearer {raw_key}"}, timeout=30
        )
        return response.status_code, response.headers

    for _ in range(2):
        if datetime.now(UTC).second >= 55:
            time.sleep(61 - datetime.now(UTC).second)
        minute = datetime.now(UTC).replace(second=0, microsecond=0)
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(call, range(LIMIT * 3)))
        if datetime.now(UTC).replace(second=0, microsecond=0) == minute:
            return answers
        time.sleep(61 - datetime.now(UTC).second)
    pytest.fail("two bursts in a row crossed a minute's end")


@pytest.mark.parametrize("gunicorn", ["postgres", "redis"], indirect=True)
def test_exactly_the_configured_count_succeeds_across_two_workers(gunicorn):
    partner = Partner.objects.create(name="Two Workers", requests_per_minute=LIMIT)
    raw_key = api_key_create(partner=partner, label="workers")[1]
    answers = burst_in_one_minute(gunicorn, raw_key)
    statuses = [status for status, _ in answers]
    assert statuses.count(200) == LIMIT, statuses
    assert statuses.count(429) == LIMIT * 2, statuses
    for status, headers in answers:
        assert headers["RateLimit-Limit"] == str(LIMIT)
        assert 0 <= int(headers["RateLimit-Remaining"]) < LIMIT
        assert 1 <= int(headers["RateLimit-Reset"]) <= 60
        if status == 429:
            assert headers["Retry-After"] == headers["RateLimit-Reset"]
            assert headers["RateLimit-Remaining"] == "0"
