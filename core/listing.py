"""The public lists' shared view: a FilterSet's form, capped pagination, errors as a 400."""

from django_filters.views import FilterView

from core.pagination import CappedPaginator


class FilteredListView(FilterView):
    """A list narrowed by its FilterSet (the one the partner API uses too).

    Invalid filters list nothing and answer 400 with the form's errors on the page; an
    empty query string lists everything. Subclasses name the FilterSet, the queryset (one
    named QuerySet call plus select/prefetch) and which filters the form always shows; the
    others appear only while in use (e.g. ?person=, followed from a person's page).
    """

    paginate_by = 20
    paginator_class = CappedPaginator  # deep offsets cost a scan; readers filter instead
    template_name_suffix = "_list"
    form_fields: tuple[str, ...] = ("q",)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound, so the FilterSet's stable order applies to the unfiltered list too.
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        shown = [
            field
            for field in form
            if field.name in self.form_fields or field.value() not in (None, "", [])
        ]
        query = self.request.GET.copy()
        query.pop("page", None)
        context |= {
            "filter_fields": shown,
            "query_string": query.urlencode(),
            "is_filtered": any(value for value in query.values()),
            # A filtered list repeats pages already indexed: keep it out of search engines.
            "noindex": bool(query),
        }
        return context
