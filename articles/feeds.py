"""Atom feeds of published articles: all of them, per topic, per country pair."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles.models import Article
from events.models import Topic

FEED_LENGTH = 30


def absolute(path: str) -> str:
    # Feeds carry the public site's addresses (DJANGO_SITE_URL), not the host that asked.
    return f"{settings.SITE_URL}{path}"


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = "Bilateral Relations Archive: latest articles"
    subtitle = "Reporting on meetings, officials, exhibitions and agreements between countries."

    def link(self):
        return absolute(reverse("articles:list"))

    def feed_url(self):
        return absolute(reverse("feeds:articles"))

    def articles(self, obj):
        """The published articles this feed covers; subclasses narrow it."""
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .latest()
            .select_related("source")
            .prefetch_related("topics")[:FEED_LENGTH]
        )

    def item_link(self, item: Article):
        return absolute(item.get_absolute_url())

    def item_title(self, item: Article):
        return item.headline

    def item_description(self, item: Article):
        # Atom marks the summary as HTML; the standfirst is plain text, so it goes in escaped
        # (a standfirst quoting "<script>" must reach feed readers as words, not markup).
        return escape(item.standfirst or item.headline)

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item: Article):
        return item.byline or item.credit or None

    def item_categories(self, item: Article):
        return [topic.name for topic in item.topics.all()]


class TopicArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic):
        return f"Bilateral Relations Archive: {obj.name}"

    def subtitle(self, obj: Topic):
        return obj.description or f"Articles tagged {obj.name}."

    def link(self, obj: Topic):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Topic):
        return absolute(reverse("feeds:topic", kwargs={"slug": obj.slug}))

    def articles(self, obj: Topic):
        return Article.objects.published().tagged(obj)


class PairArticlesFeed(LatestArticlesFeed):
    """Served through articles.relation_views.relation_feed, which resolves the pair."""

    def get_object(self, request, pair):
        return pair

    def title(self, obj):
        return f"Bilateral Relations Archive: {obj.label} relations"

    def subtitle(self, obj):
        return f"Articles covering both {obj.names[0]} and {obj.names[1]}."

    def link(self, obj):
        return absolute(reverse("relations:detail", kwargs={"a": obj.first, "b": obj.second}))

    def feed_url(self, obj):
        return absolute(reverse("feeds:pair", kwargs={"a": obj.first, "b": obj.second}))

    def articles(self, obj):
        return Article.objects.published().for_country_pair(obj.first, obj.second)
