"""Background jobs for articles: scheduled publication (django-tasks, run by db_worker)."""

from datetime import datetime

from django.db import transaction
from django_tasks import task

from articles.models import Article, ArticleStatus
from articles.services import article_publish


@task()
def article_publish_scheduled(*, article_id: int, at: str) -> str:
    """Publish the article queued by article_schedule, if it is still scheduled for that time.

    A job left behind by a reschedule, a withdrawal or an early publication does nothing.
    """
    scheduled_for = datetime.fromisoformat(at)
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            return "gone"
        if article.status != ArticleStatus.SCHEDULED or article.published_at != scheduled_for:
            return "stale"
        article._change_reason = "Published at its scheduled time"
        article_publish(article=article, at=scheduled_for)
    return "published"
