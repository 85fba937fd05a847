"""The admin's sidebar filters list what is in use without reading every row."""

import pytest

from articles.models import Article, ArticleCountry
from core.admin import distinct_values
from events.models import Meeting
from tests.articles.factories import ArticleFactory
from tests.events.factories import TopicFactory


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_distinct_values_hops_through_every_value_once(seeded):
    from seeds.synthetic import generate_archive

    generate_archive(articles=90, seed=2)
    expected = sorted(set(ArticleCountry.objects.values_list("country", flat=True)))
    assert distinct_values(ArticleCountry, "country") == expected
    hosts = sorted(set(Meeting.objects.values_list("host_country", flat=True)))
    assert distinct_values(Meeting, "host_country") == hosts


def test_topic_filter_lists_only_topics_with_articles(seeded, editor_client):
    used = TopicFactory(name="Used topic")
    TopicFactory(name="Unused topic")
    ArticleFactory(published=True, topics=[used])
    page = editor_client.get("/admin/articles/article/").content.decode()
    assert f"topics__id__exact={used.pk}" in page
    assert "Unused topic" not in page


def test_country_filter_lists_countries_covered_and_filters(seeded, editor_client):
    page = editor_client.get("/admin/articles/article/").content.decode()
    assert "countries__country=AZ" in page and "countries__country=TR" in page
    assert "countries__country=FR" not in page
    filtered = editor_client.get("/admin/articles/article/?countries__country=AZ")
    assert filtered.status_code == 200
    assert filtered.context["cl"].result_count == Article.objects.about_country("az").count()


def test_meeting_country_filter_lists_both_sides(seeded, editor_client):
    page = editor_client.get("/admin/events/meeting/").content.decode()
    assert "country=AZ" in page and "country=TR" in page


def test_changelist_checkboxes_are_the_markup_django_renders(seeded, editor_client):
    from django import forms
    from django.contrib.admin import helpers
    from django.utils.html import format_html

    article = Article.objects.first()
    expected = forms.CheckboxInput(
        {
            "class": "action-select",
            "aria-label": format_html("Select this object for an action - {}", str(article)),
        },
        lambda value: False,
    ).render(helpers.ACTION_CHECKBOX_NAME, str(article.pk))
    assert expected in editor_client.get("/admin/articles/article/").content.decode()


def test_changelists_count_their_rows_once(seeded, editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lists = {
        "/admin/articles/article/": "articles_article",
        "/admin/events/meeting/?host_country=AZ": "events_meeting",
    }
    for url, table in lists.items():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url)
        assert response.status_code == 200
        # The overdue-jobs warning counts tasks too; only the list's own table is meant here.
        counts = [
            q["sql"]
            for q in queries
            if q["sql"].startswith("SELECT COUNT(*)") and f'FROM "{table}"' in q["sql"]
        ]
        assert len(counts) == 1, (url, counts)
