"""Page-number pagination that stays cheap however large a list grows."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Page numbers up to max_pages; the count stops one row past what those pages can show.

    Offset paging reads and throws away every row before the page asked for, so page 4,000 of
    a 100,000-article list costs as much as reading them all, and counting every row for the
    "page X of Y" line costs nearly as much on every page. Readers do not page that deep: they
    narrow the list with its filters or search it. So a list offers at most max_pages pages
    (a deeper page number is a 404, like any page past the end) and is_capped tells the
    template to say "more" rather than a total.
    """

    max_pages = 100

    @cached_property
    def count(self) -> int:
        limit = self.per_page * self.max_pages + 1
        rows = self.object_list
        if hasattr(rows, "order_by"):  # any `limit` rows will do for counting: no sort needed
            return rows.order_by()[:limit].count()
        return len(rows[:limit])

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)

    @property
    def is_capped(self) -> bool:
        return self.count > self.per_page * self.max_pages
