"""The change stream's benchmark: stored-document API against its floor, save-to-feed latency,
and the fan-out of renaming a topic used by many articles. Figures, not a test.

    DATABASE_URL=$(.venv/bin/python scripts/embedded_pg.py fresh stream_bench) DJANGO_DEBUG=0 \\
        .venv/bin/python -m bench.stream --articles 12000 --fanout 10000 --saves 60

or on an archive already generated, with its documents (a copy: the benchmark writes), and
the partners' rate limit counted in Redis as in production:

    createdb -h 127.0.0.1 -U postgres -T archive100k stream_bench_100k
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/stream_bench_100k \\
        REDIS_URL=redis://127.0.0.1:6379/13 DJANGO_DEBUG=0 .venv/bin/python -m bench.stream

A database of its own: the sync feed reads below the oldest write transaction running in the
database, so another program's long transaction in it would delay what the feed shows
(never skip it) and be measured too.

It migrates the database, loads the seed story and a synthetic archive of --articles
(skipped when an archive is there already), then measures, in one process:

- API list (page of 50) and detail through Django's full stack (API cache off), against a
  floor: plain psycopg reading the same stored rows (core_document) and joining them with
  orjson, no Django. A minimal Django view (bench.urls) is timed in the same run: what any
  request costs before a view does anything, so each ratio is given against the floor and
  against the floor plus that cost;
- the time from an editor's save (committed) to the new version showing in the sync feed,
  read by a second thread polling `updated_since` (median and p95 over --saves saves);
- renaming a topic used by --fanout articles: the editor's request (the topic's own document,
  the fan-out queued) and the background re-rendering of every article showing it.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import orjson  # noqa: E402
import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.services import article_save  # noqa: E402
from bench.urls import MINIMAL_PATH  # noqa: E402
from core import changes  # noqa: E402
from events.models import Topic  # noqa: E402
from events.services import topic_save  # noqa: E402
from partners.models import Partner, api_key_create  # noqa: E402
from seeds.synthetic import generate_archive  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def summary(times: list[float]) -> str:
    if not times:
        return "no samples"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {ms(statistics.median(ordered))}, p95 {ms(p95)} (n={len(ordered)})"


def timed(call, iterations: int) -> list[float]:
    call()
    out = []
    for _ in range(iterations):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def prepare(articles: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_seeds", verbosity=0)
    if not Article.objects.exclude(slug="azerbaijan-turkiye-defence-talks-adex-2024").exists():
        start = time.perf_counter()
        generate_archive(articles=articles, seed=5)  # renders every document too
        print(f"generated and rendered {articles} articles in {time.perf_counter() - start:.1f} s")


def api_against_floor(key: str, iterations: int) -> None:
    settings.API_CACHE_SECONDS = 0
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    ids = list(
        Article.objects.published().order_by("?").values_list("pk", flat=True)[: iterations + 1]
    )
    pick = iter(ids * 2)

    def api_list():
        assert client.get("/api/v1/articles/?page_size=50").status_code == 200

    def api_detail():
        assert client.get(f"/api/v1/articles/{next(pick)}/").status_code == 200

    def minimal():
        assert Client().get(MINIMAL_PATH).status_code == 200

    for name, call in (("list", api_list), ("detail", api_detail)):
        call()  # the key's first use is recorded (once a minute): not counted
        with CaptureQueriesContext(connection) as queries:
            call()
        print(f"API {name}: {len(queries)} database queries per request")

    dsn = settings.DATABASES["default"]
    conn = psycopg.connect(
        dbname=dsn["NAME"], user=dsn["USER"], host=dsn["HOST"], port=dsn["PORT"] or 5432
    )
    picks = iter(ids * 2)

    def floor_list():
        rows = conn.execute(
            "SELECT body FROM core_document WHERE kind = 'article' AND public"
            " AND object_id > 0 ORDER BY object_id LIMIT 51"
        ).fetchall()
        tail = orjson.dumps({"next_cursor": "x", "next": "x", "until": "x"})
        return b'{"results":[' + b",".join(r[0] for r in rows[:50]) + b"]," + tail[1:]

    def floor_detail():
        return conn.execute(
            "SELECT body FROM core_document WHERE kind = 'article' AND object_id = %s AND public",
            [next(picks)],
        ).fetchone()[0]

    django_cost = statistics.median(timed(minimal, iterations))
    print(f"minimal Django view: {ms(django_cost)} (median)")
    for name, ours, floor in (
        ("list, page of 50", api_list, floor_list),
        ("detail", api_detail, floor_detail),
    ):
        a, f = timed(ours, iterations), timed(floor, iterations)
        ratio = statistics.median(a) / statistics.median(f)
        with_django = statistics.median(a) / (statistics.median(f) + django_cost)
        print(
            f"API {name}: {summary(a)}; floor {summary(f)}; ratio {ratio:.1f}x the floor, "
            f"{with_django:.1f}x the floor plus the minimal view"
        )
    conn.close()


def save_to_feed(key: str, saves: int) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    until = client.get("/api/v1/articles/?page_size=1").json()["until"]
    committed: dict[tuple[int, str], float] = {}
    seen: dict[tuple[int, str], float] = {}
    done = threading.Event()

    def poll():
        nonlocal until
        poller = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        while not (done.is_set() and set(committed) <= set(seen)):
            page = poller.get(f"/api/v1/articles/?page_size=500&updated_since={until}").json()
            now = time.perf_counter()
            for doc in page["results"]:
                pk = int(doc["altids"][0]["value"])
                seen.setdefault((pk, doc.get("version")), now)
            until = page["until"]
        connection.close()

    reader = threading.Thread(target=poll)
    reader.start()
    candidates = list(Article.objects.published().values_list("pk", flat=True)[:saves])
    for n, pk in enumerate(candidates):
        article = Article.objects.get(pk=pk)
        article.headline = f"{article.headline[:200]} (bench edit {n})"
        article_save(article=article)  # autocommit: committed when it returns
        at = time.perf_counter()
        version = changes.Document.objects.get(kind="article", object_id=pk).version
        committed[(pk, str(version))] = at
        time.sleep(random.uniform(0.02, 0.1))
    done.set()
    reader.join(timeout=300)
    latencies = [seen[k] - at for k, at in committed.items() if k in seen]
    missing = len(committed) - len(latencies)
    print(f"save to visible in the feed: {summary(latencies)}; never seen: {missing}")


def fan_out(size: int) -> None:
    stamp = int(time.time())  # a new topic on every run against the same database
    topic = topic_save(
        topic=Topic(name=f"Bench fan-out topic {stamp}", slug=f"bench-fan-out-{stamp}")
    )
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True)[:size])
    through = Article.topics.through
    through.objects.bulk_create([through(article_id=pk, topic_id=topic.pk) for pk in ids])
    start = time.perf_counter()
    for at in range(0, len(ids), changes.FANOUT_BATCH):
        changes.publish("article", ids[at : at + changes.FANOUT_BATCH])
    took = time.perf_counter() - start
    print(f"tagging {len(ids)} articles, their documents re-rendered: {took:.1f} s")

    queued = []
    real_enqueue = changes._enqueue_fanout
    changes._enqueue_fanout = queued.append
    try:
        topic.name = f"{topic.name}, renamed"
        start = time.perf_counter()
        topic_save(topic=topic)
        request = time.perf_counter() - start
    finally:
        changes._enqueue_fanout = real_enqueue
    start = time.perf_counter()
    rendered = 0
    for targets in queued:
        for kind, kind_ids in targets.items():
            for at in range(0, len(kind_ids), changes.FANOUT_BATCH):
                batch = kind_ids[at : at + changes.FANOUT_BATCH]
                rendered += len(changes.publish(kind, batch))
    background = time.perf_counter() - start
    per_document = ms(background / max(rendered, 1))
    print(
        f"renaming a topic used by {len(ids)} articles: editor's request {ms(request)}; "
        f"background re-rendering {background:.1f} s ({rendered} documents changed, "
        f"{per_document} each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=12000)
    parser.add_argument("--fanout", type=int, default=10000)
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--iterations", type=int, default=100)
    args = parser.parse_args()
    database = connection.settings_dict["NAME"]
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, database {database}")
    print(f"rate limit counted in {'Redis' if settings.REDIS_URL else 'PostgreSQL (no REDIS_URL)'}")
    prepare(args.articles)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    partner, _ = Partner.objects.get_or_create(
        name="Bench partner", defaults={"requests_per_minute": 10**7}
    )
    key = api_key_create(partner=partner)[1]
    print(f"published articles: {Article.objects.published().count()}")
    api_against_floor(key, args.iterations)
    save_to_feed(key, args.saves)
    fan_out(args.fanout)


if __name__ == "__main__":
    main()
