"""Read-only partner API for articles, as IPTC ninjs documents. Published articles only."""

from django.db.models import F
from django.utils import timezone

from articles.filters import ArticleFilter
from articles.models import Article, ArticleStatus
from articles.ninjs import article_tombstone, ninjs_documents, ninjs_prefetch
from articles.serializers import ArticleNinjsSerializer
from partners.sync import SyncDetailApi, SyncListApi


class ArticleListApi(SyncListApi):
    model = Article
    endpoint = "articles"
    appears_at = "published_at"
    serializer_class = ArticleNinjsSerializer
    filterset_class = ArticleFilter
    tombstone_serializer = None  # a ninjs document with pubstatus 'canceled'

    def public_queryset(self):
        return Article.objects.published()

    def withdrawn_queryset(self):
        # Once visible (a publication time passed) but not published now. A draft never
        # published has no publication time and is never mentioned, not even as a tombstone.
        return Article.objects.unpublished().filter(published_at__lte=timezone.now())

    def public_deletions(self, deletions):
        # The deletion record keeps the row's last values: report only deletions of
        # articles that were visible then.
        return deletions.filter(status=ArticleStatus.PUBLISHED, published_at__lte=F("history_date"))

    def is_public(self, obj) -> bool:
        return obj.is_published()

    def optimise(self, queryset):
        return ninjs_prefetch(queryset)

    def represent(self, objects) -> list:
        # The whole page at once: its tags are read in one query per kind, not per article.
        return ninjs_documents(objects)

    def tombstone(self, *, pk, at):
        return article_tombstone(pk=pk, at=at)


class ArticleDetailApi(SyncDetailApi):
    model = Article
    serializer_class = ArticleNinjsSerializer

    def get_queryset(self):
        return ninjs_prefetch(Article.objects.published())
