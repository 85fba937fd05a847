"""One search across the archive: articles, people, organisations, meetings and exhibitions.

Each kind is found by its own QuerySet's matching(), so /search/ and the list pages' q agree.
Counts per kind, country and topic are computed on the same querysets for the facets.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleCountry
from core.countries import country_name
from core.matching import is_truncated, query_terms
from core.pagination import CappedPaginator
from events.models import Exhibition, Meeting, Topic
from people.models import Organisation, Person

ARTICLES, PEOPLE, ORGANISATIONS, MEETINGS, EXHIBITIONS = (
    "articles",
    "people",
    "organisations",
    "meetings",
    "exhibitions",
)
KINDS = {
    ARTICLES: gettext_lazy("Articles"),
    PEOPLE: gettext_lazy("People"),
    ORGANISATIONS: gettext_lazy("Organisations"),
    MEETINGS: gettext_lazy("Meetings"),
    EXHIBITIONS: gettext_lazy("Exhibitions"),
}
# How many of each kind the mixed result page shows before "all N ...".
PREVIEW = {ARTICLES: 10, PEOPLE: 5, ORGANISATIONS: 5, MEETINGS: 5, EXHIBITIONS: 3}
PAGE_SIZE = 20
# word_similarity above which a known name is offered as "did you mean" (PostgreSQL only).
SIMILARITY = 0.5
FACET_SIZE = 12
# A search matching more articles than this works on the newest this many: the count says
# "more than", "best match" ranks them, the facets count them and pages stop after them.
# Meetings are counted up to this many too, and their facets count that many.
# Counting, ranking or faceting every match of a common word (80,000 of 100,000 articles
# for 'defence') cost most of a second; a word that common says little about which
# article is best, and readers narrow such a search rather than page through it.
ARTICLE_LIMIT = 1_000


class SearchPaginator(CappedPaginator):
    """Pages of one kind of result, up to ARTICLE_LIMIT results (see CappedPaginator)."""

    max_pages = ARTICLE_LIMIT // PAGE_SIZE


@dataclass
class Group:
    kind: str
    label: str
    count: int
    items: list | Page
    capped: bool = False  # more than count match


@dataclass
class Facet:
    value: str
    label: str
    count: int
    capped: bool = False  # more than count match


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    truncated: bool = False
    groups: list[Group] = field(default_factory=list)
    types: list[Facet] = field(default_factory=list)
    countries: list[Facet] = field(default_factory=list)
    topics: list[Facet] = field(default_factory=list)
    did_you_mean: str = ""
    corrected_from: str = ""

    @property
    def total(self) -> int:
        return sum(f.count for f in self.types)

    @property
    def capped(self) -> bool:
        """More articles match than were counted: counts and facets cover the newest."""
        return any(f.capped for f in self.types)

    @property
    def article_limit(self) -> int:
        return ARTICLE_LIMIT


def matched(kind: str, query: str, *, country: str = "", topic: Topic | None = None) -> QuerySet:
    """The rows of one kind that match query and the filters, unordered."""
    if kind == ARTICLES:
        qs = Article.objects.published().matching(query)
        if country:
            qs = qs.about_country(country)
        return qs.tagged(topic) if topic else qs
    if kind == MEETINGS:
        qs = Meeting.objects.published().matching(query)
        if country:
            qs = qs.about_country(country)
        return qs.filter(topics=topic) if topic else qs
    # People, organisations and exhibitions carry no topics: a topic filter leaves none.
    model = {PEOPLE: Person, ORGANISATIONS: Organisation, EXHIBITIONS: Exhibition}[kind]
    qs = model.objects.matching(query)
    if topic:
        return qs.none()
    return qs.filter(country=country.upper()) if country else qs


def ordered(
    kind: str,
    qs: QuerySet,
    terms: list[str],
    *,
    sort: str = "",
    many: bool = False,
    newest: list[int] | None = None,
) -> QuerySet:
    """Best match first where the database can say (PostgreSQL), else the natural order.

    When more than ARTICLE_LIMIT match (many): articles are the best of the newest that many;
    other kinds come in their natural order (meetings newest first), since scoring every
    match costs most and a term that common matches them all about equally. `newest`: the
    ids of those newest articles when the facts query has found them already.
    """
    if kind == ARTICLES:
        if sort == "newest":
            return qs.order_by("-published_at", "-id").select_related("source")
        if many and newest is not None:
            # Those ids already passed every filter: ranking them needs no search again (for
            # a word in a few thousand articles, finding the newest reads a page for each).
            qs = qs.model.objects.filter(pk__in=newest)
        elif many:
            qs = qs.filter(pk__in=_newest(qs, ARTICLE_LIMIT))
        return qs.by_relevance(" ".join(terms)).select_related("source")
    if kind == MEETINGS:
        qs = qs.order_by("-date", "-id") if sort == "newest" else qs
        return _by_similarity(qs, "search_text", terms, many).select_related("exhibition")
    if kind == EXHIBITIONS:
        return _by_similarity(qs, "search_text", terms, many).select_related("series")
    return _by_similarity(qs, "search_names", terms, many).prefetch_related("aliases")


def _by_similarity(qs: QuerySet, column: str, terms: list[str], many: bool) -> QuerySet:
    if not terms or many:
        return qs
    similarity = TrigramWordSimilarity(" ".join(terms), column)
    then = qs.query.order_by or qs.model._meta.ordering
    return qs.annotate(similarity=similarity).order_by("-similarity", *then)


def search_archive(
    query: str,
    *,
    kind: str = "",
    country: str = "",
    topic: Topic | None = None,
    sort: str = "",
    page: int | str = 1,
) -> SearchResults:
    """Everything matching query, grouped by kind, with facet counts and a 'did you mean'."""
    results = _search(query, kind=kind, country=country, topic=topic, sort=sort, page=page)
    if results.total or not results.terms:
        return results
    suggestion = did_you_mean(query)
    if suggestion:
        corrected = _search(
            suggestion, kind=kind, country=country, topic=topic, sort=sort, page=page
        )
        if corrected.total:
            corrected.did_you_mean = suggestion
            corrected.corrected_from = query
            return corrected
        results.did_you_mean = suggestion
    return results


def _search(query, *, kind, country, topic, sort, page) -> SearchResults:
    terms = query_terms(query)
    results = SearchResults(query=query, terms=terms, truncated=is_truncated(query))
    if not terms:
        return results
    kinds = [kind] if kind in KINDS else list(KINDS)
    # Article and meeting counts and facets come from one pass over each kind's matches; with
    # a country or topic chosen, each facet counts as if its own choice were not made.
    facts = Facts(query)
    for each in KINDS:
        if each in (ARTICLES, MEETINGS):
            counted = facts.of(each, country=country, topic=topic)
            facet = Facet(each, KINDS[each], counted["count"], counted["capped"])
        else:
            count = matched(each, query, country=country, topic=topic).count()
            facet = Facet(each, KINDS[each], count)
        results.types.append(facet)
    counts = {f.value: f for f in results.types}
    for each in kinds:
        count, capped = counts[each].count, counts[each].capped
        qs = matched(each, query, country=country, topic=topic)
        many = capped or count > ARTICLE_LIMIT
        newest = facts.of(each, country=country, topic=topic).get("newest") if capped else None
        qs = ordered(each, qs, terms, sort=sort, many=many, newest=newest)
        if kind:
            items = SearchPaginator(qs, PAGE_SIZE).get_page(page)
        else:
            items = list(qs[: PREVIEW[each]]) if count else []
        results.groups.append(Group(each, KINDS[each], count, items, capped))
    results.countries = country_facets(query, kinds, topic=topic, facts=facts)
    results.topics = topic_facets(kinds, country=country, facts=facts)
    return results


def _newest(qs: QuerySet, limit: int) -> QuerySet:
    """The ids of qs's newest `limit` rows: on PostgreSQL read off the newest-first index,
    each row checked against its stored search document, so a common word stops early."""
    return qs.order_by("-published_at", "-id").values("pk")[:limit]


class Facts:
    """A query's article or meeting count and facets under each filter, computed once each."""

    def __init__(self, query: str):
        self.query = query
        self._known: dict = {}

    def of(self, kind: str, *, country: str = "", topic: Topic | None = None) -> dict:
        key = (kind, country, topic)
        if key not in self._known:
            qs = matched(kind, self.query, country=country, topic=topic)
            self._known[key] = _article_facts(qs) if kind == ARTICLES else _meeting_facts(qs)
        return self._known[key]


def _article_facts(qs: QuerySet) -> dict:
    """How many articles qs matches, up to ARTICLE_LIMIT, and per country and topic, in one query.

    The match runs once, not once per figure, and stops at the newest ARTICLE_LIMIT + 1
    articles: "capped" says more match, and the facets then count the newest ARTICLE_LIMIT.
    """
    newest = qs.order_by("-published_at", "-id").values("pk", "published_at")
    match_sql, params = newest[: ARTICLE_LIMIT + 1].query.sql_with_params()
    countries = ArticleCountry._meta.db_table
    topics = Article.topics.through._meta.db_table
    sql = (
        f"WITH m (id, published_at) AS MATERIALIZED ({match_sql}), "
        f"s (id) AS (SELECT id FROM m ORDER BY published_at DESC, id DESC LIMIT {ARTICLE_LIMIT}) "
        "SELECT 'n', '', COUNT(*) FROM m "
        f"UNION ALL SELECT 'c', c.country, COUNT(*) FROM {countries} c "
        "JOIN s ON c.article_id = s.id GROUP BY c.country "
        f"UNION ALL SELECT 't', CAST(t.topic_id AS TEXT), COUNT(*) FROM {topics} t "
        "JOIN s ON t.article_id = s.id GROUP BY t.topic_id "
        # And the ids themselves, for ranking them without searching again.
        "UNION ALL SELECT 'i', CAST(s.id AS TEXT), 0 FROM s"
    )
    return _capped(_read_facts(sql, params))


def _capped(facts: dict) -> dict:
    """Facts whose count stopped at ARTICLE_LIMIT + 1: that means 'more than ARTICLE_LIMIT'."""
    return facts | {
        "count": min(facts["count"], ARTICLE_LIMIT),
        "capped": facts["count"] > ARTICLE_LIMIT,
    }


def _meeting_facts(qs: QuerySet) -> dict:
    """How many meetings qs matches, up to ARTICLE_LIMIT, and per country and topic, in one query.

    Any ARTICLE_LIMIT + 1 matches, not the newest: the matches are found through the trigram
    index in table order, and stopping there is what keeps a word in every meeting's text
    ('talks': all 33,000 at 100k) cheap; finding the newest would mean reading them all.
    "capped" says more match, and the facets then count ARTICLE_LIMIT of them.
    """
    values = qs.order_by().values("pk", "host_country", "guest_country")
    match_sql, params = values[: ARTICLE_LIMIT + 1].query.sql_with_params()
    topics = Meeting.topics.through._meta.db_table
    sql = (
        f"WITH m (id, host, guest) AS MATERIALIZED ({match_sql}), "
        f"s (id, host, guest) AS (SELECT id, host, guest FROM m LIMIT {ARTICLE_LIMIT}) "
        "SELECT 'n', '', COUNT(*) FROM m "
        "UNION ALL SELECT 'c', host, COUNT(*) FROM s GROUP BY host "
        "UNION ALL SELECT 'c', guest, COUNT(*) FROM s GROUP BY guest "
        f"UNION ALL SELECT 't', CAST(t.topic_id AS TEXT), COUNT(*) FROM {topics} t "
        "JOIN s ON t.meeting_id = s.id GROUP BY t.topic_id"
    )
    return _capped(_read_facts(sql, params))


def _read_facts(sql: str, params) -> dict:
    facts: dict = {"count": 0, "countries": Counter(), "topics": Counter(), "newest": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for what, value, n in cursor.fetchall():
            if what == "n":
                facts["count"] = n
            elif what == "c":
                facts["countries"][value] += n
            elif what == "t":
                facts["topics"][int(value)] += n
            else:
                facts["newest"].append(int(value))
    return facts


def country_facets(
    query: str, kinds: list[str], *, topic: Topic | None, facts: Facts
) -> list[Facet]:
    """How many results each country has, across the kinds shown, before filtering by country."""
    counts: Counter = Counter()
    for kind in kinds:
        if kind in (ARTICLES, MEETINGS):
            counts.update(facts.of(kind, topic=topic)["countries"])
        else:
            counts.update(dict(_grouped(matched(kind, query, topic=topic), "country")))
    counts.pop("", None)
    return [
        Facet(code, country_name(code), n)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    ]


def topic_facets(kinds: list[str], *, country: str, facts: Facts) -> list[Facet]:
    """How many articles and meetings each topic has among the results, topic filter aside."""
    counts: Counter = Counter()
    for kind in (ARTICLES, MEETINGS):
        if kind in kinds:
            counts.update(facts.of(kind, country=country)["topics"])
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:FACET_SIZE]
    topics = Topic.objects.in_bulk([pk for pk, _ in top])
    return [Facet(topics[pk].slug, topics[pk].name, n) for pk, n in top if pk in topics]


def _grouped(qs: QuerySet, column: str):
    return qs.order_by().values_list(column).annotate(n=Count("pk"))


def did_you_mean(query: str) -> str:
    """The known name closest to a query that found nothing ('Gorgn' -> 'Haluk Görgün').

    Trigram word similarity between the folded query and the folded names, served by the
    names' trigram indexes.
    """
    terms = query_terms(query)
    if not terms:
        return ""
    folded = " ".join(terms)
    candidates = []
    for model, column in (
        (Person, "search_names"),
        (Organisation, "search_names"),
        (Exhibition, "search_text"),
    ):
        best = (
            model.objects.annotate(score=TrigramWordSimilarity(folded, column))
            .filter(score__gte=SIMILARITY)
            .order_by("-score")
            .values_list("score", "name")
            .first()
        )
        if best:
            candidates.append(best)
    return max(candidates)[1] if candidates else ""
