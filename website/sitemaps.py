"""/sitemap.xml: every public page; articles and meetings only once published."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from articles.models import Article
from events.models import Delegation, Exhibition, Meeting, Topic
from events.relations import most_active_pairs
from people.models import Organisation, Person


class Sitemap(DjangoSitemap):
    """Addresses on the public site (DJANGO_SITE_URL), whatever host the request named."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().latest().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ModelSitemap(Sitemap):
    """Pages of a model with no editorial status: all of them are public."""

    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(ModelSitemap):
    model = Person


class OrganisationSitemap(ModelSitemap):
    model = Organisation


class MeetingSitemap(ModelSitemap):
    model = Meeting

    def items(self):
        return Meeting.objects.published().order_by("pk").only("slug", "updated_at")


class ExhibitionSitemap(ModelSitemap):
    model = Exhibition


class DelegationSitemap(ModelSitemap):
    model = Delegation


class TopicSitemap(ModelSitemap):
    model = Topic


class RelationSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [pair for pair, _count in most_active_pairs(limit=None)]

    def location(self, item):
        return reverse("relations:detail", kwargs={"a": item.first, "b": item.second})


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "site:home",
            "articles:list",
            "events:meeting_list",
            "events:official_list",
            "people:organisation_list",
            "events:exhibition_list",
            "events:topic_list",
            "relations:list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "relations": RelationSitemap,
    "meetings": MeetingSitemap,
    "exhibitions": ExhibitionSitemap,
    "officials": PersonSitemap,
    "organisations": OrganisationSitemap,
    "delegations": DelegationSitemap,
    "topics": TopicSitemap,
}
