"""Writes that change an article's editorial state."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now (or at a given time); keeps an earlier publication time when republishing."""
    article.status = ArticleStatus.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save()
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Withdraw from readers and partners; the article goes back to draft."""
    article.status = ArticleStatus.DRAFT
    article.save()
    return article
