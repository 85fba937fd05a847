"""Writes that change an article: its text and its editorial state.

Every save the desk makes goes through one of these (the admin's save, actions, revert and
restore included), each in one transaction.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus
from core.admin import deleted_object_restore


@transaction.atomic
def article_save(*, article: Article) -> Article:
    """Save the article's fields as they are; its publication state stays as it was."""
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now, or with the given (past) time; republishing keeps the first time.

    A scheduled article published early takes the present as its time.
    """
    if at is not None and at > timezone.now():
        raise ValidationError("A time still to come is a schedule, not a publication.")
    if at is not None:
        article.published_at = at
    elif article.published_at is None or article.status == ArticleStatus.SCHEDULED:
        article.published_at = timezone.now()
    article.status = ArticleStatus.PUBLISHED
    article.save()
    return article


@transaction.atomic
def article_schedule(*, article: Article, at: datetime) -> Article:
    """Publish at a time to come: a job queued for that time publishes it."""
    if at <= timezone.now():
        raise ValidationError("Choose a time still to come, or publish now.")
    from articles.tasks import article_publish_scheduled  # the job calls back into this module

    article.status = ArticleStatus.SCHEDULED
    article.published_at = at
    article.save()
    # Queued in this transaction (the job is a row in the same database): no schedule without
    # its job, no job without its schedule.
    article_publish_scheduled.using(run_after=at).enqueue(article_id=article.pk, at=at.isoformat())
    return article


@transaction.atomic
def article_withdraw(*, article: Article) -> Article:
    """Take it away from readers and partners; its first publication time is kept."""
    article.status = ArticleStatus.WITHDRAWN
    if article.published_at is not None and article.published_at > timezone.now():
        article.published_at = None  # a schedule withdrawn was never published
    article.save()
    return article


@transaction.atomic
def article_submit_for_review(*, article: Article) -> Article:
    """Hand it to a senior editor to publish; it stays unpublished meanwhile."""
    if article.status == ArticleStatus.SCHEDULED:
        article.published_at = None
    if article.status == ArticleStatus.PUBLISHED:
        raise ValidationError("A published article is not sent for review; withdraw it first.")
    article.status = ArticleStatus.IN_REVIEW
    article.save()
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    article.delete()


def article_restore(*, record, user=None) -> dict:
    """Bring a deleted article back (with its countries) from its history record."""
    return deleted_object_restore(record=record, user=user, children=("countries",))
