"""The rules that must always hold are enforced by the database itself, not only by forms."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from events.models import Exhibition, ExhibitionSeries, Meeting


def make_meeting(**overrides) -> Meeting:
    values = dict(
        title="Talks",
        slug="talks",
        kind="talks",
        cameo_code="046",
        date=date(2024, 9, 24),
        host_country="AZ",
        guest_country="TR",
    )
    values.update(overrides)
    return Meeting.objects.create(**values)


def test_meeting_between_one_country_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(guest_country="AZ")
    assert not Meeting.objects.exists()


def test_meeting_without_a_guest_country_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(guest_country="")


def test_meeting_pair_key_is_canonical_whoever_hosts(db):
    assert make_meeting(host_country="TR", guest_country="AZ").pair_key == "az-tr"


def test_exhibition_ending_before_it_starts_is_refused(db):
    series = ExhibitionSeries.objects.create(name="Expo", slug="expo")
    with pytest.raises(IntegrityError), transaction.atomic():
        Exhibition.objects.create(
            series=series,
            name="Expo 2024",
            slug="expo-2024",
            start_date=date(2024, 9, 26),
            end_date=date(2024, 9, 24),
            city="Baku",
            country="AZ",
        )


def test_duplicate_article_slug_is_refused(db):
    Article.objects.create(headline="One", slug="same", body="<p>a</p>")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="Two", slug="same", body="<p>b</p>")
    assert Article.objects.count() == 1


def test_published_article_without_publication_time_is_refused(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="One", slug="one", body="<p>a</p>", status="published")


def test_body_is_sanitised_on_save(db):
    article = Article.objects.create(
        headline="One", slug="one", body='<p onclick="x()">Hi<script>alert(1)</script></p>'
    )
    assert article.body == "<p>Hi</p>"
