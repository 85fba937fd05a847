"""The article page's own parts, rendered on write (core.fragments).

Most of an article page is the article and what it names: the headline, byline and body with
the first mention of each tagged official, organisation and exhibition linked, the credit,
the meetings it reports as cards, its people with the titles they held on the day, its
organisations, topics and exhibitions. Rendering those from their rows took most of the
page's time, for a result that changes only when one of them does; so they are stored
rendered in every interface language and rendered again, in the transaction of the change,
whenever the article's row is written or the partner document of anything it shows changes
(a core.changes follower). The whole page is stored as well (ArticleDetailView), with the
candidates for its related articles: the cards of the public ones among them are read with
the page, so that an article leaving the public set leaves every page at once.

Related articles are chosen when the page is rendered. An article entering or leaving the
public set, or changing what makes articles related (its meetings, people, topics or date),
renders again the pages of its closest neighbours (those it names as related, before and
after the change), so that they list it, or another in its place; a page further away picks
it up when it is next rendered (and one leaving is gone from every page at once, its card
with it). Any other change to it (the headline, the body) reaches their pages through its
card, read with each page.
"""

from django.conf import settings
from django.db.models import Prefetch

from articles import ninjs
from articles.models import Article
from core import changes, fragments
from core.models import Fragment
from events import cards as meeting_cards
from events.models import Exhibition, Meeting

KIND = "article_page"
# Stored with the page, twice as many as it shows: one leaving leaves a successor.
RELATED_CANDIDATES = 10
# A change of at most this many articles (an editor's) renders their neighbours' pages again.
NEIGHBOURS_LIMIT = 20
# The fields of the article's document that decide which articles are related to it.
RELATED_BY = ("events", "people", "subjects", "firstcreated")


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
    view="articles.views.ArticleDetailView",
    page_templates=("articles/article_detail.html", "base.html", "includes/seo_head.html"),
    code=(
        "articles.pages",
        "articles.models",
        "people.models",
        "search.body_links",
        "search.linking",
        "search.templatetags.article_body",
    ),
)


def related_candidates(article: Article) -> list[int]:
    """The articles the page may list as related, the closest first (the same in every
    language: read once per article)."""
    if not hasattr(article, "related_candidates"):
        article.related_candidates = Article.objects.published().related_ids(
            article, limit=RELATED_CANDIDATES
        )
    return article.related_candidates


def _neighbours(article_ids: set[int]) -> set[int]:
    """The articles these name as related, on their stored pages and now."""
    if not article_ids or len(article_ids) > NEIGHBOURS_LIMIT:
        return set()
    found = set()
    stored = Fragment.objects.filter(
        kind=KIND, language=settings.LANGUAGE_CODE, object_id__in=article_ids
    ).values_list("parts__related", flat=True)
    for related in stored:
        found.update(int(pk) for pk in (related or "").split())
    for article in Article.objects.filter(pk__in=article_ids):
        found.update(related_candidates(article))
    return found


def _moves_neighbours(item: changes.Followed) -> bool:
    """Whether the article entered or left the public set or changed what makes articles
    related."""
    if item.kind != "article" or item.unchanged:
        return False
    return (
        item.before is None
        or item.after is None
        or any(item.before.get(field) != item.after.get(field) for field in RELATED_BY)
    )


def _affected(items: list[changes.Followed]) -> set[int]:
    """The articles whose pages the changed documents touch: the changed articles, those
    naming a changed official (or one of their positions), organisation, exhibition, topic or
    source, and those reporting a meeting whose card changed (a meeting's own topics do not
    show here)."""
    found = {item.object_id for item in items if item.kind == "article"}
    found |= _neighbours({item.object_id for item in items if _moves_neighbours(item)})
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
