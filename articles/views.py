from django.views.generic import DetailView, ListView

from articles.models import Article
from core.pagination import CappedPaginator


class ArticleListView(ListView):
    paginate_by = 20
    paginator_class = CappedPaginator  # deep offsets cost a scan; readers filter instead

    def get_queryset(self):
        return Article.objects.published().select_related("source")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published().select_related("source")
