"""Search latency on a generated archive, against plain icontains; tag-suggestion matching speed.

    createdb -h 127.0.0.1 -U postgres archive_search_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_search_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_archive --articles 100000 --seed 1
    DJANGO_DEBUG=0 .venv/bin/python -m bench.search_bench [ITERATIONS]

A benchmark, not a test: it prints median and 95th percentile milliseconds per query for
  - page:       GET /search/?q= through the full middleware stack, cache emptied each time
                (every kind, facets, highlighted snippets; the 'did you mean' path for a typo);
  - articles:   the article part alone: matching() (full text on PostgreSQL), the count up to
                search.archive.ARTICLE_LIMIT and the first page of 20, ranked by relevance
                (among the newest ARTICLE_LIMIT matches when more match, as on the page);
  - icontains:  the same first page and count by plain icontains over headline, standfirst and
                body, newest first: what a naive search costs, and it misses other spellings;
and the time to find names in one article with a matcher of 10,000 names (pyahocorasick).
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from articles.models import Article  # noqa: E402
from bench.stats import summary  # noqa: E402
from core.matching import query_terms  # noqa: E402
from search.archive import ARTICLE_LIMIT, ARTICLES, ordered  # noqa: E402
from search.linking import PERSON, NameMatcher, Target, country_names  # noqa: E402
from search.services import article_plain_text  # noqa: E402

QUERIES = [
    "Güler",  # a surname in many stories, typed as written
    "Quliyev",  # another, typed in ASCII
    "Gulnara Quliyev",  # first name and surname, ASCII for 'Gülnarə'
    "memorandum",  # a middling word
    "interoperability certification",  # two rarer words together
    "defence",  # one of the commonest words
    "Gorgn",  # a typo: nothing matches, 'did you mean' runs
]
PAGE = 20


def timed(fn, iterations: int) -> dict:
    fn()  # warm: plans, caches, the matcher
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return summary(times)


def page(client: Client, query: str):
    def run():
        cache.clear()
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, response.status_code

    return run


def fts(query: str):
    def run():
        # As /search/ does it: the capped count first, which says whether to rank them all.
        qs = Article.objects.published().matching(query)
        many = qs.order_by()[: ARTICLE_LIMIT + 1].count() > ARTICLE_LIMIT
        list(ordered(ARTICLES, qs, query_terms(query), many=many)[:PAGE])

    return run


def icontains(query: str):
    def run():
        qs = Article.objects.published().filter(
            Q(headline__icontains=query) | Q(standfirst__icontains=query) | Q(body__icontains=query)
        )
        list(qs.order_by("-published_at", "-id")[:PAGE])
        qs.count()

    return run


def counts(query: str) -> tuple[int, int]:
    published = Article.objects.published()
    plain = published.filter(
        Q(headline__icontains=query) | Q(standfirst__icontains=query) | Q(body__icontains=query)
    )
    return published.matching(query).count(), plain.count()


def matcher_figures(iterations: int) -> dict:
    entries = [
        (f"Name{i} Surname{i}", Target(PERSON, i, f"Name{i} Surname{i}")) for i in range(9_700)
    ]
    entries += country_names()  # about 300 more
    started = time.perf_counter()
    matcher = NameMatcher(entries)
    built = time.perf_counter() - started
    article = Article.objects.order_by("-id").first()
    text = article_plain_text(article) + " Name42 Surname42 met Name9000 Surname9000."
    found = timed(lambda: matcher.find(text), iterations)
    return {"names": len(entries), "build_ms": round(built * 1000, 1), "find": found}


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    total = Article.objects.published().count()
    print(f"{connection.vendor}, {total:,} published articles, {iterations} runs each")
    print(f"{'query':34} {'method':10} {'median ms':>10} {'p95 ms':>8} {'found':>8}")
    client = Client()
    with override_settings(ALLOWED_HOSTS=["*"]):
        for query in QUERIES:
            found_fts, found_plain = counts(query)
            for method, fn, found in (
                ("page", page(client, query), ""),
                ("articles", fts(query), found_fts),
                ("icontains", icontains(query), found_plain),
            ):
                s = timed(fn, iterations)
                print(f"{query:34} {method:10} {s['median_ms']:>10} {s['p95_ms']:>8} {found:>8}")
    m = matcher_figures(iterations)
    print(
        f"tag suggestions: {m['names']:,} names, automaton built in {m['build_ms']} ms; "
        f"one article: median {m['find']['median_ms']} ms, p95 {m['find']['p95_ms']} ms"
    )


if __name__ == "__main__":
    main()
