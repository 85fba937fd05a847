"""Article cards: what lists show of an article, rendered on write (core.fragments).

The headline and its link, the dateline place, the publication date and the source, and the
standfirst: all of it is in the article's partner document, so the parts are rendered again
in every interface language whenever those fields of that document change (a core.changes
follower, in the same transaction; a renamed source changes the documents of its articles),
and removed when the article leaves the public set. A change to anything else the document
holds (a topic renamed on 10,000 articles) leaves the cards as they are. Views and the
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


# The fields of the ninjs document (articles/ninjs.py) that the card's templates show.
SHOWN = ("headlines", "renditions", "located", "firstcreated", "descriptions", "infosources")


def _shown(document: dict | None) -> list | None:
    return None if document is None else [document.get(field) for field in SHOWN]


def _affected(items: list[changes.Followed]) -> set[int]:
    return {item.object_id for item in items if _shown(item.before) != _shown(item.after)}


def with_cards(articles) -> list[Article]:
    """The articles, each with `card`: its parts in the active language (public ones only)."""
    return fragments.attach(KIND, articles)


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
