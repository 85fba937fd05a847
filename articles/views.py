from django.db.models import Prefetch
from django.views.generic import DetailView

from articles.filters import ArticleFilter
from articles.models import Article
from core.listing import FilteredListView
from events.models import Exhibition, Meeting

RELATED_ARTICLES = 5


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    form_fields = ("q", "country", "topic", "date_from", "date_to")

    def get_queryset(self):
        return Article.objects.published().select_related("source")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return self.with_parts(Article.objects.published())

    def with_parts(self, articles):
        return articles.select_related("source").prefetch_related(
            "topics",
            # Aliases and series: the body links the first mention in any of its spellings.
            "people__aliases",
            "organisations__aliases",
            Prefetch("exhibitions", queryset=Exhibition.objects.select_related("series")),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.published()
                .select_related("exhibition")
                .with_participants(),
            ),
        )

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(**kwargs) | {
            "people": article.people_with_titles(),
            "related": Article.objects.published()
            .related_to(article)
            .select_related("source")[:RELATED_ARTICLES],
        }


class ArticlePreviewView(ArticleDetailView):
    """The article page as readers will see it, whatever its status: served to editors only,
    through the admin (ArticleAdmin's preview URL)."""

    extra_context = {"preview": True, "noindex": True}

    def get_queryset(self):
        return self.with_parts(Article.objects.all())
