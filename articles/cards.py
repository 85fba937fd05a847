"""Article cards: what lists show of an article, rendered on write (core.fragments).

The headline and its link, the dateline place, the publication date and the source, and the
standfirst: all of it is in the article's partner document, so the parts are rendered again
in every interface language whenever that document changes in a field other than those
NOT_SHOWN lists (a core.changes follower, in the same transaction; a renamed source changes
the documents of its articles), and removed when the article leaves the public set. A
change to only the body or the tags (a topic renamed on 10,000 articles) leaves the cards as
they are. Views and the
article_lists tags hand their articles to `with_cards`, which reads the parts in one query.
"""

from articles.models import Article
from core import changes, fragments

KIND = "article"

CARDS = fragments.FragmentKind(
    kind=KIND,
    public=Article.objects.published,
    prefetch=lambda queryset: queryset.select_related("source"),
    parts={
        "link": "articles/cards/link.html",
        "meta": "articles/cards/meta.html",
        "standfirst": "articles/cards/standfirst.html",
    },
    name="article",
)


# The fields of the ninjs document (articles/ninjs.py) that the card does not show: a change
# to only these (the body, the tags, the version stamps) leaves the card as it is; a change to
# any other field, one added later included, renders it again.
NOT_SHOWN = {
    "bodies",
    "subjects",
    "people",
    "organisations",
    "places",
    "events",
    "by",
    "version",
    "versioncreated",
}


def _affected(items: list[changes.Followed]) -> set[int]:
    return fragments.changed(items, not_shown=NOT_SHOWN)


def with_cards(articles) -> list[Article]:
    """The articles, each with `card`: its parts in the active language (public ones only)."""
    return fragments.attach(KIND, articles)


def cards_for(ids: list[int]) -> list[Article]:
    """Articles known by id only (ArticleQuerySet.related_ids), in that order, each with its
    `card`: nothing else of them is read."""
    return with_cards(Article(pk=pk) for pk in ids)


def register() -> None:
    fragments.register(CARDS)
    changes.follow(
        changes.Follower(
            name="article_cards",
            kinds=(KIND,),
            affected=_affected,
            refresh=lambda ids: fragments.refresh(KIND, ids),
        )
    )
