"""One search across the archive: articles, people, organisations, meetings and exhibitions.

Each kind is found by its own QuerySet's matching(), so /search/ and the list pages' q agree.
Counts per kind, country and topic are computed on the same querysets for the facets.
"""

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet

from articles.models import Article, ArticleCountry
from core.countries import country_name
from events.models import Exhibition, Meeting, Topic
from people.models import Organisation, Person
from search.matching import is_truncated, query_terms

ARTICLES, PEOPLE, ORGANISATIONS, MEETINGS, EXHIBITIONS = (
    "articles",
    "people",
    "organisations",
    "meetings",
    "exhibitions",
)
KINDS = {
    ARTICLES: "Articles",
    PEOPLE: "People",
    ORGANISATIONS: "Organisations",
    MEETINGS: "Meetings",
    EXHIBITIONS: "Exhibitions",
}
# How many of each kind the mixed result page shows before "all N ...".
PREVIEW = {ARTICLES: 10, PEOPLE: 5, ORGANISATIONS: 5, MEETINGS: 5, EXHIBITIONS: 3}
PAGE_SIZE = 20
# word_similarity above which a known name is offered as "did you mean" (PostgreSQL only).
SIMILARITY = 0.5
FACET_SIZE = 12
# Above this many matching articles, "best match" is newest first: ranking means scoring every
# match (seconds for a common word in 100,000 articles), and a word that common says little
# about which article is best.
RANK_LIMIT = 5_000


@dataclass
class Group:
    kind: str
    label: str
    count: int
    items: list | Page


@dataclass
class Facet:
    value: str
    label: str
    count: int


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


def matched(kind: str, query: str, *, country: str = "", topic: Topic | None = None) -> QuerySet:
    """The rows of one kind that match query and the filters, unordered."""
    if kind == ARTICLES:
        qs = Article.objects.published().matching(query)
        if country:
            qs = qs.about_country(country)
        return qs.tagged(topic) if topic else qs
    if kind == MEETINGS:
        qs = Meeting.objects.matching(query)
        if country:
            qs = qs.involving(country)
        return qs.filter(topics=topic) if topic else qs
    # People, organisations and exhibitions carry no topics: a topic filter leaves none.
    model = {PEOPLE: Person, ORGANISATIONS: Organisation, EXHIBITIONS: Exhibition}[kind]
    qs = model.objects.matching(query)
    if topic:
        return qs.none()
    return qs.filter(country=country.upper()) if country else qs


def ordered(
    kind: str, qs: QuerySet, terms: list[str], *, sort: str = "", count: int = 0
) -> QuerySet:
    """Best match first where the database can say (PostgreSQL), else the natural order."""
    if kind == ARTICLES:
        query = " ".join(terms)
        newest = sort == "newest" or count > RANK_LIMIT
        ordered_qs = qs.order_by("-published_at", "-id") if newest else qs.by_relevance(query)
        return ordered_qs.select_related("source")
    if kind == MEETINGS:
        qs = qs.order_by("-date", "-id") if sort == "newest" else qs
        return _by_similarity(qs, "search_text", terms).select_related("exhibition")
    if kind == EXHIBITIONS:
        return _by_similarity(qs, "search_text", terms).select_related("series")
    return _by_similarity(qs, "search_names", terms).prefetch_related("aliases")


def _by_similarity(qs: QuerySet, column: str, terms: list[str]) -> QuerySet:
    if connection.vendor != "postgresql" or not terms:
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
    # Unfiltered, the article count and both article facets come from one pass over the matches.
    facts = None if country or topic else _article_facts(matched(ARTICLES, query))
    for each in KINDS:
        if each == ARTICLES and facts:
            count = facts["count"]
        else:
            count = matched(each, query, country=country, topic=topic).count()
        results.types.append(Facet(each, KINDS[each], count))
    counts = {f.value: f.count for f in results.types}
    for each in kinds:
        qs = matched(each, query, country=country, topic=topic)
        qs = ordered(each, qs, terms, sort=sort, count=counts[each])
        if kind:
            items = Paginator(qs, PAGE_SIZE).get_page(page)
        else:
            items = list(qs[: PREVIEW[each]]) if counts[each] else []
        results.groups.append(Group(each, KINDS[each], counts[each], items))
    known = facts if facts and ARTICLES in kinds else None
    results.countries = country_facets(query, kinds, topic=topic, known=known)
    results.topics = topic_facets(query, kinds, country=country, known=known)
    return results


def _article_facts(qs: QuerySet) -> dict:
    """How many articles qs matches, and how many per country and per topic, in one query.

    The match (a full-text search over every article) runs once, not once per figure.
    """
    match_sql, params = qs.order_by().values("pk").query.sql_with_params()
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    countries = ArticleCountry._meta.db_table
    topics = Article.topics.through._meta.db_table
    sql = (
        f"WITH m (id) AS {materialized}({match_sql}) "
        "SELECT 'n', '', COUNT(*) FROM m "
        f"UNION ALL SELECT 'c', c.country, COUNT(*) FROM {countries} c "
        "JOIN m ON c.article_id = m.id GROUP BY c.country "
        f"UNION ALL SELECT 't', CAST(t.topic_id AS TEXT), COUNT(*) FROM {topics} t "
        "JOIN m ON t.article_id = m.id GROUP BY t.topic_id"
    )
    facts: dict = {"count": 0, "countries": Counter(), "topics": Counter()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for what, value, n in cursor.fetchall():
            if what == "n":
                facts["count"] = n
            elif what == "c":
                facts["countries"][value] = n
            else:
                facts["topics"][int(value)] = n
    return facts


def country_facets(
    query: str, kinds: list[str], *, topic: Topic | None, known: dict | None = None
) -> list[Facet]:
    """How many results each country has, across the kinds shown, before filtering by country."""
    counts: Counter = Counter()
    for kind in kinds:
        qs = matched(kind, query, topic=topic)
        if kind == ARTICLES and known:
            counts.update(known["countries"])
            continue
        if kind == ARTICLES:
            rows = (
                ArticleCountry.objects.filter(article__in=qs.values("pk"))
                .values_list("country")
                .annotate(n=Count("article"))
            )
        elif kind == MEETINGS:
            for column in ("host_country", "guest_country"):
                counts.update(dict(_grouped(qs, column)))
            continue
        else:
            rows = _grouped(qs, "country")
        counts.update(dict(rows))
    counts.pop("", None)
    return [
        Facet(code, country_name(code), n)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    ]


def topic_facets(
    query: str, kinds: list[str], *, country: str, known: dict | None = None
) -> list[Facet]:
    """How many articles and meetings each topic has among the results."""
    counts: Counter = Counter()
    if ARTICLES in kinds and known:
        counts.update(known["topics"])
    elif ARTICLES in kinds:
        qs = matched(ARTICLES, query, country=country)
        through = Article.topics.through.objects.filter(article__in=qs.values("pk"))
        counts.update(dict(through.values_list("topic").annotate(n=Count("article"))))
    if MEETINGS in kinds:
        qs = matched(MEETINGS, query, country=country)
        through = Meeting.topics.through.objects.filter(meeting__in=qs.values("pk"))
        counts.update(dict(through.values_list("topic").annotate(n=Count("meeting"))))
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:FACET_SIZE]
    topics = Topic.objects.in_bulk([pk for pk, _ in top])
    return [Facet(topics[pk].slug, topics[pk].name, n) for pk, n in top if pk in topics]


def _grouped(qs: QuerySet, column: str):
    return qs.order_by().values_list(column).annotate(n=Count("pk"))


def did_you_mean(query: str) -> str:
    """The known name closest to a query that found nothing ('Gorgn' -> 'Haluk Görgün').

    Trigram similarity on PostgreSQL; elsewhere (SQLite, a small archive) a comparison in
    Python of the query with every known name and its words.
    """
    terms = query_terms(query)
    if not terms:
        return ""
    folded = " ".join(terms)
    if connection.vendor != "postgresql":
        return _closest_name(folded)
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


# How alike (difflib's ratio) a query and a name must be for a "did you mean" without trigrams.
CLOSE = 0.75


def _closest_name(folded: str) -> str:
    best = (0.0, "")
    for model, column in (
        (Person, "search_names"),
        (Organisation, "search_names"),
        (Exhibition, "search_text"),
    ):
        for name, names in model.objects.values_list("name", column).iterator():
            for line in names.splitlines():
                for candidate in (line, *line.split()):
                    score = SequenceMatcher(None, folded, candidate).ratio()
                    if score > best[0]:
                        best = (score, name)
    return best[1] if best[0] >= CLOSE else ""
