"""The article page's own parts, rendered on write (core.fragments).

Most of an article page is the article and what it names: the headline, byline and body with
the first mention of each tagged official, organisation and exhibition linked, the credit,
the meetings it reports as cards, its people with the titles they held on the day, its
organisations, topics and exhibitions. Rendering those from their rows took most of the
page's time, for a result that changes only when one of them does; so they are stored
rendered in every interface language and rendered again, in the transaction of the change,
whenever the article's row is written or the partner document of anything it shows changes
(a core.changes follower). The page adds what depends on other articles (related articles),
which is read live so that an article leaving the public set leaves every page at once.
"""

from django.db.models import Prefetch

from articles import ninjs
from articles.models import Article
from core import changes, fragments
from events import cards as meeting_cards
from events.models import Exhibition, Meeting

KIND = "article_page"


def prefetch(articles):
    """The articles with what their pages' parts show fetched along."""
    return articles.select_related("source").prefetch_related(
        "topics",
        # Aliases and series: the body links the first mention in any of its spellings.
        "people__aliases",
        "organisations__aliases",
        Prefetch("exhibitions", queryset=Exhibition.objects.select_related("series")),
        Prefetch("meetings", queryset=Meeting.objects.published()),
    )


def _prepare(articles: list[Article]) -> None:
    # The meetings' stored cards, current here: the meeting cards' follower is registered
    # first (the events app is ready before this one), so it runs first in every write.
    meeting_cards.with_cards(
        [meeting for article in articles for meeting in article.meetings.all()]
    )
    for article in articles:
        if not hasattr(article, "titled_people"):  # the same in every language
            article.titled_people = article.people_with_titles()
        article.reported_meetings = article.meetings.all()


PAGES = fragments.FragmentKind(
    kind=KIND,
    public=Article.objects.published,
    prefetch=prefetch,
    parts={"article": "articles/page/article.html", "aside": "articles/page/aside.html"},
    name="article",
    included=(
        "includes/meeting_item.html",
        *meeting_cards.CARDS.parts.values(),
        *meeting_cards.CARDS.included,
    ),
    prepare=_prepare,
    code=(
        "articles.pages",
        "articles.models",
        "people.models",
        "search.body_links",
        "search.linking",
        "search.templatetags.article_body",
    ),
)


def _affected(items: list[changes.Followed]) -> set[int]:
    """The articles whose pages the changed documents touch: the changed articles, those
    naming a changed official (or one of their positions), organisation, exhibition, topic or
    source, and those reporting a meeting whose card changed (a meeting's own topics do not
    show here)."""
    found = {item.object_id for item in items if item.kind == "article"}
    named: dict[str, list[int]] = {}
    for item in items:
        if item.kind in ninjs.DEPENDS_ON and item.kind != meeting_cards.KIND:
            named.setdefault(item.kind, []).append(item.object_id)
        elif item.kind == "position":  # a title held on the article's date, or no longer
            people = {doc["person"] for doc in (item.before, item.after) if doc}
            named.setdefault("official", []).extend(people)
    for kind, ids in named.items():
        found.update(ninjs.DEPENDS_ON[kind](ids))
    if meetings := meeting_cards.affected(items):
        found.update(ninjs.DEPENDS_ON[meeting_cards.KIND](list(meetings)))
    return found


def register() -> None:
    fragments.register(PAGES)
    changes.follow(
        changes.Follower(
            name="article_pages",
            kinds=("article", "position", *ninjs.DEPENDS_ON, *meeting_cards.FOLLOWS),
            affected=_affected,
            refresh=lambda ids: fragments.refresh(KIND, ids),
            rows=("article",),  # the page shows the dateline's date; the document does not
        )
    )
