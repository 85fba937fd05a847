"""Read-only partner API for articles: their stored ninjs documents. Published articles only."""

from articles.filters import ArticleFilter
from articles.models import Article
from articles.serializers import ArticleNinjsSerializer
from partners.sync import SyncDetailApi, SyncListApi


class ArticleListApi(SyncListApi):
    model = Article
    kind = "article"
    serializer_class = ArticleNinjsSerializer
    filterset_class = ArticleFilter
    tombstone_serializer = None  # a ninjs document with pubstatus 'canceled'

    def public_queryset(self):
        return Article.objects.published()


class ArticleDetailApi(SyncDetailApi):
    model = Article
    kind = "article"
    serializer_class = ArticleNinjsSerializer

    def public_queryset(self):
        return Article.objects.published()
