from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.views.generic import DetailView

from articles import cards as article_cards
from articles import pages
from articles.filters import ArticleFilter
from articles.models import Article
from core.fragments import StoredPartsMixin
from core.listing import FilteredListView
from core.pagemeta import (
    SITE_NAME,
    PageMeta,
    PageMetaMixin,
    absolute,
    describe,
    schema_link,
    schema_publisher,
)
from events.models import Meeting, Topic
from people.models import Person

RELATED_ARTICLES = 5  # of pages.RELATED_CANDIDATES stored with the page


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    form_fields = ("q", "country", "topic", "date_from", "date_to")

    def get_queryset(self):
        return Article.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article_list"] = article_cards.with_cards(context["article_list"])
        return context


class ArticleDetailView(StoredPartsMixin, PageMetaMixin, DetailView):
    """The article's page comes stored whole (articles/pages.py), except its related
    articles: their cards are read with it, of the public ones among the candidates stored
    with the page, so that one leaving the public set leaves every page at once."""

    parts_kind = pages.KIND
    live = ("related",)

    def get_queryset(self):
        # What the page meta and related articles read: names and ids, not the parts' rows.
        return (
            Article.objects.published()
            .select_related("source")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
                Prefetch("people", queryset=Person.objects.only("name", "slug")),
                Prefetch("meetings", queryset=Meeting.objects.published().only("pk")),
            )
        )

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        if "related" in stored_parts:
            candidates = [int(pk) for pk in stored_parts["related"].split()]
        else:
            candidates = pages.related_candidates(self.object)
        cards = [card for card in article_cards.cards_for(candidates) if card.card]
        return render_to_string("articles/page/related.html", {"related": cards[:RELATED_ARTICLES]})

    @classmethod
    def stored_parts(cls, row) -> dict[str, str]:
        related = " ".join(map(str, pages.related_candidates(row)))
        return super().stored_parts(row) | {"related": related}

    def get_page_meta(self) -> PageMeta:
        article = self.object
        url = absolute(article.get_absolute_url())
        json_ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.headline[:110],
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": article.published_at.isoformat() if article.published_at else None,
            "dateModified": article.updated_at.isoformat(),
            "inLanguage": article.language,
            "description": article.standfirst or None,
            "dateline": article.dateline_place or None,
            "author": {"@type": "Organization", "name": article.byline or SITE_NAME},
            "publisher": schema_publisher(),
            "articleSection": [topic.name for topic in article.topics.all()] or None,
            "mentions": [
                schema_link("Person", person.name, person) for person in article.people.all()
            ]
            or None,
        }
        if article.source_id:
            json_ld["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
        if article.source_url:
            json_ld["isBasedOn"] = article.source_url
        return PageMeta(
            title=article.headline,
            description=describe(article.standfirst or article.body),
            og_type="article",
            published_time=article.published_at.isoformat() if article.published_at else "",
            json_ld=json_ld,
        )


class ArticlePreviewView(ArticleDetailView):
    """The article page as readers will see it, whatever its status: served to editors only,
    through the admin (ArticleAdmin's preview URL)."""

    extra_context = {"preview": True, "noindex": True}

    def get_queryset(self):
        return pages.prefetch(Article.objects.all())

    render_parts_now = True
