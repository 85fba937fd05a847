"""Writes of articles and sources; each publishes what it changes (core.changes)."""

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus, Source
from core.changes import delete_row, publishing, save_row

Related = Callable[[], None] | None


def article_save(*, article: Article, related: Related = None) -> Article:
    """Save an article (then `related`: tags, countries) and publish what it changes."""
    return save_row("article", article, related=related)


def article_delete(*, article: Article) -> None:
    delete_row("article", article)


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now (or at a given time); keeps an earlier publication time when republishing."""
    article.status = ArticleStatus.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    return article_save(article=article)


@transaction.atomic
def article_withdraw(*, article: Article) -> Article:
    """Withdraw from readers and partners; the article goes back to draft."""
    article.status = ArticleStatus.DRAFT
    return article_save(article=article)


article_unpublish = article_withdraw


def article_schedule(*, article: Article, at: datetime) -> Article:
    """Publish at a later time: the article leaves the public set until then."""
    with publishing("article", [article.pk]):
        article.status = ArticleStatus.PUBLISHED
        article.published_at = at
        article.save()
    return article


def source_save(*, source: Source, related: Related = None) -> Source:
    return save_row("source", source, related=related)


def source_delete(*, source: Source) -> None:
    delete_row("source", source)
