"""Small builders for the API tests; the seed story covers the full picture."""

from itertools import count

from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.services import article_save
from people.models import Person
from people.services import person_save

_serial = count(1)


def make_article(*, published: bool = True, headline: str = "", **fields) -> Article:
    n = next(_serial)
    values = {
        "headline": headline or f"Test report {n}",
        "slug": f"test-report-{n}",
        "body": f"<p>Body of test report {n}.</p>",
        "status": ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT,
        "published_at": timezone.now() if published else None,
    }
    values |= fields
    if values["status"] == ArticleStatus.PUBLISHED and values["published_at"] > timezone.now():
        # A time still to come is a schedule: its job publishes it (articles.tasks).
        values["status"] = ArticleStatus.SCHEDULED
    return article_save(article=Article(**values))


def make_person(**fields) -> Person:
    n = next(_serial)
    values = {"name": f"Test Official {n}", "slug": f"test-official-{n}", "country": "AZ"}
    return person_save(person=Person(**(values | fields)))
