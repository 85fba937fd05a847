"""Writes of articles and sources: their text and the article's editorial state.

Every save the desk makes goes through one of these (the admin's save, actions, revert and
restore included), each in one transaction, and each publishes what it changes
(core.changes).
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Article, ArticleStatus, Source
from core.admin import deleted_object_restore
from core.changes import delete_row, publishing, save_row
from core.lifecycle import mark_published, mark_scheduled, mark_withdrawn

Related = Callable[[], None] | None
RESTORED_WITH_ARTICLE = ("countries",)


def article_save(*, article: Article, related: Related = None) -> Article:
    """Save an article (then `related`: tags, countries) and publish what it changes.

    Its publication state is whatever the article carries; the functions below change it.
    """
    return save_row("article", article, related=related)


def article_delete(*, article: Article) -> None:
    delete_row("article", article)


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now, or with the given (past) time; republishing keeps the first time."""
    mark_published(article, at=at)
    return article_save(article=article)


@transaction.atomic
def article_schedule(*, article: Article, at: datetime) -> Article:
    """Publish at a time to come: a job queued for that time publishes it (articles.tasks)."""
    from articles.tasks import article_publish_scheduled  # the job calls back into this module

    mark_scheduled(article, at=at)
    article_save(article=article)
    # Queued in this transaction (the job is a row in the same database): no schedule without
    # its job, no job without its schedule.
    article_publish_scheduled.using(run_after=at).enqueue(article_id=article.pk, at=at.isoformat())
    return article


@transaction.atomic
def article_withdraw(*, article: Article) -> Article:
    """Take it away from readers and partners; its first publication time is kept."""
    mark_withdrawn(article)
    return article_save(article=article)


# The name other code used before withdrawal was a state of its own.
article_unpublish = article_withdraw


@transaction.atomic
def article_submit_for_review(*, article: Article) -> Article:
    """Hand it to a senior editor to publish; it stays unpublished meanwhile."""
    if article.status == ArticleStatus.PUBLISHED:
        raise ValidationError("A published article is not sent for review; withdraw it first.")
    if article.status == ArticleStatus.SCHEDULED:
        article.published_at = None
    article.status = ArticleStatus.IN_REVIEW
    return article_save(article=article)


def article_restore(*, record, user=None) -> dict:
    """Bring a deleted article back (with its countries) from its history record."""
    pk = record.id
    with publishing("article", [pk]):
        return deleted_object_restore(record=record, user=user, children=RESTORED_WITH_ARTICLE)


def source_save(*, source: Source, related: Related = None) -> Source:
    return save_row("source", source, related=related)


def source_delete(*, source: Source) -> None:
    delete_row("source", source)
