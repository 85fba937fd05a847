"""Background jobs for articles: scheduled publication (django-tasks, run by db_worker)."""

from django_tasks import task

from articles.models import Article
from articles.services import article_publish
from core.lifecycle import publish_if_still_scheduled


@task()
def article_publish_scheduled(*, article_id: int, at: str) -> str:
    """Publish the article queued by article_schedule, if it is still scheduled for that time."""
    return publish_if_still_scheduled(
        Article, article_id, at, lambda article, when: article_publish(article=article, at=when)
    )
