"""Lists page by number up to a cap, and never count or skip the whole archive."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.pagination import CappedPaginator
from seeds.synthetic import generate_archive


class SmallCap(CappedPaginator):
    max_pages = 3


def test_the_count_stops_one_row_past_the_last_offered_page(db):
    generate_archive(articles=90, seed=6)
    paginator = SmallCap(Article.objects.published().latest(), 10)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 31
    assert "LIMIT 31" in queries[0]["sql"]
    assert paginator.num_pages == 3 and paginator.is_capped
    assert len(paginator.page(3).object_list) == 10


def test_a_short_list_is_counted_exactly(db):
    generate_archive(articles=12, seed=6)
    paginator = SmallCap(Article.objects.all(), 10)
    assert paginator.count == 12 and paginator.num_pages == 2 and not paginator.is_capped


def test_a_page_past_the_cap_is_not_found(db, client):
    generate_archive(articles=60, seed=6)
    from articles.views import ArticleListView

    last = ArticleListView.paginator_class.max_pages
    assert client.get(f"/articles/?page={last + 1}").status_code == 404
