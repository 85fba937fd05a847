"""How a reader's words become a database condition: the same on /search/ and on every list's q.

A query matches when every one of its words starts a word of the folded text, so 'guler' finds
'Yaşar Güler' and 'hasan' finds 'Həsənov', but 'art' does not find 'party'. On PostgreSQL the
article text goes through the weighted full-text index built in search/migrations/0002; the
smaller tables use a regular expression that the trigram indexes there can serve.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
)
from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Coalesce

from core.text import fold

# A pasted paragraph is still a query, but only its first words are searched.
MAX_TERMS = 16
MAX_QUERY_CHARS = 1000
_WORD = re.compile(r"[^\W_]+")


def _words(query: str | None) -> list[str]:
    if not query:
        return []
    return list(dict.fromkeys(_WORD.findall(fold(query[:MAX_QUERY_CHARS]))))


def query_terms(query: str | None) -> list[str]:
    """The folded words of a query, once each: 'Yaşar GÜLER!' -> ['yasar', 'guler']."""
    return _words(query)[:MAX_TERMS]


def is_truncated(query: str | None) -> bool:
    """Whether query_terms left words out (a pasted paragraph)."""
    return bool(query) and (len(query) > MAX_QUERY_CHARS or len(_words(query)) > MAX_TERMS)


def words_q(field: str, terms: list[str]) -> Q:
    """Every term starts a word of a folded column; the pattern reads the same on both databases.

    Terms hold letters and digits only (see query_terms), so nothing in them is a regex operator.
    """
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__regex": rf"(^|\W){term}"})
    return condition


class ArticleDocument(Func):
    """An article's weighted search document: headline A, standfirst B, all its text C.

    Written exactly as the GIN index expression of search/migrations/0002, so PostgreSQL uses it.
    """

    function = "archive_article_document"
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__("headline", "standfirst", "search_text")


def tsquery(terms: list[str]) -> SearchQuery:
    """Every term as a word prefix: ['hasan', 'gul'] -> to_tsquery('hasan:* & gul:*')."""
    return SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")


def article_text_q(terms: list[str], vendor: str) -> Q:
    if vendor == "postgresql":
        return Q(SearchVectorExact(ArticleDocument(), tsquery(terms)))
    return words_q("search_text", terms)


class _Folded(Func):
    """archive_fold() of search/migrations/0002: the SQL twin of core.text.fold."""

    function = "public.archive_fold"
    output_field = TextField()


def article_rank(terms: list[str]) -> SearchRank:
    """Headline matches above standfirst matches; a match in the body alone ranks 0.

    Ranked on the headline and standfirst only: ranking on the whole document would rebuild
    every matching article's full-text vector from its body (over a second for a common name
    in 100,000 articles), where these two short fields cost little. Ties go newest first.
    """
    vector = SearchVector(
        _Folded(Coalesce("headline", Value(""))), config="simple", weight="A"
    ) + SearchVector(_Folded(Coalesce("standfirst", Value(""))), config="simple", weight="B")
    return SearchRank(vector, tsquery(terms))
