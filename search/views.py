from django.views.generic import TemplateView

from search.archive import search_archive
from search.forms import SearchForm


class SearchView(TemplateView):
    """/search/?q=: results of every kind, with facets; bad filters are form errors."""

    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
            data = form.cleaned_data
            context["results"] = search_archive(
                data["q"],
                kind=data["type"],
                country=data["country"],
                topic=data["topic"],
                sort=data["sort"],
                page=self.request.GET.get("page", 1),
            )
        return context
