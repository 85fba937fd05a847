"""Bad rows are refused: by the admin with an error on the page, and by the database itself."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from events.models import Exhibition, Meeting
from tests.admin_pages import fill, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import ExhibitionFactory, MeetingFactory


def post_add_form(app, url, **fields):
    form = fill(app, open_form(app, url), **fields)
    return submit(form, expect=200)


def test_meeting_with_one_country_on_both_sides_is_refused_on_the_page(desk):
    response = post_add_form(
        desk,
        "/admin/events/meeting/add/",
        title="A meeting with itself",
        slug="a-meeting-with-itself",
        kind="talks",
        cameo_code="040",
        date="2030-01-10",
        host_country="AZ",
        guest_country="AZ",
    )
    assert response.status_code == 200
    assert "the host and the guest must differ" in response.text
    assert "Please correct the error below." in response.text
    assert not Meeting.objects.exists()


def test_exhibition_ending_before_it_starts_is_refused_on_the_page(desk):
    series = ExhibitionFactory().series
    response = post_add_form(
        desk,
        "/admin/events/exhibition/add/",
        series=str(series.pk),
        name="Backwards Fair",
        slug="backwards-fair",
        start_date="2030-06-10",
        end_date="2030-06-08",
        city="Baku",
        country="AZ",
    )
    assert response.status_code == 200
    assert "An exhibition cannot end before it starts." in response.text
    assert not Exhibition.objects.filter(slug="backwards-fair").exists()


def test_duplicate_article_slug_is_refused_on_the_page(desk):
    ArticleFactory(headline="First report", slug="the-report")
    response = post_add_form(
        desk,
        "/admin/articles/article/add/",
        headline="Second report",
        slug="the-report",
        body="<p>Text.</p>",
    )
    assert response.status_code == 200
    assert "Article with this Slug already exists." in response.text
    assert Article.objects.filter(slug="the-report").count() == 1


def test_scheduling_without_a_time_is_refused_on_the_page(desk):
    form = fill(
        desk,
        open_form(desk, "/admin/articles/article/add/"),
        headline="Rushed",
        slug="rushed",
        body="<p>Text.</p>",
    )
    response = submit(form, "_schedule", expect=200)
    assert "Choose the time to publish it at." in response.text
    assert not Article.objects.filter(slug="rushed").exists()


@pytest.mark.django_db
def test_the_database_refuses_a_meeting_with_one_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(host_country="TR", guest_country="TR")


@pytest.mark.django_db
def test_the_database_refuses_an_exhibition_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExhibitionFactory(start_date=date(2030, 6, 10), end_date=date(2030, 6, 8))


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_article_slug():
    ArticleFactory(headline="First report", slug="the-report")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(headline="Second report", slug="the-report")
