"""How a reader's words become a database condition: the same on /search/ and on every list's q.

A query matches when every one of its words starts a word of the folded text, so 'guler' finds
'Yaşar Güler' and 'hasan' finds 'Həsənov', but 'art' does not find 'party'. Article text goes
through Article.search_document, its stored full-text document with a GIN index; the smaller
tables use a regular expression that their trigram indexes can serve.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
)
from django.db.models import F, Q

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
    """Every term starts a word of a folded column.

    Terms hold letters and digits only (see query_terms), so nothing in them is a regex operator.
    """
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__regex": rf"(^|\W){term}"})
    return condition


def tsquery(terms: list[str]) -> SearchQuery:
    """Every term as a word prefix: ['hasan', 'gul'] -> to_tsquery('hasan:* & gul:*')."""
    return SearchQuery(" & ".join(f"{t}:*" for t in terms), search_type="raw", config="simple")


def article_text_q(terms: list[str]) -> Q:
    """Every term starts a word of the article's headline, standfirst or text."""
    return Q(SearchVectorExact(F("search_document"), tsquery(terms)))


# ts_rank's weights for D, C, B and A: the body (C, which repeats headline and standfirst)
# counts nothing, so a match in the body alone ranks 0 and headline beats standfirst.
RANK_WEIGHTS = [0.0, 0.0, 0.4, 1.0]


def article_rank(terms: list[str]) -> SearchRank:
    """Headline matches above standfirst matches; a match in the body alone ranks 0.

    Read from the stored document, not rebuilt from each match's text. Ties go newest first.
    """
    return SearchRank(F("search_document"), tsquery(terms), weights=RANK_WEIGHTS)
