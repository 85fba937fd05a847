from django.views.generic import DetailView, ListView

from articles.models import Article


class ArticleListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("source")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published().select_related("source")
