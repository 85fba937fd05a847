"""Writes for tag suggestions: find and store them, accept them, dismiss them."""

from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, ArticleCountry
from articles.services import article_save
from core.text import html_to_text
from search import linking
from search.models import TagSuggestion

_FIELD = {
    linking.PERSON: "person_id",
    linking.ORGANISATION: "organisation_id",
    linking.EXHIBITION: "exhibition_id",
    linking.COUNTRY: "country",
}
_RELATED = ("person", "organisation", "exhibition")


def article_plain_text(article: Article) -> str:
    """Headline, standfirst and body as plain text, one block per line."""
    body = html_to_text(article.body)
    return "\n".join(part for part in (article.headline, article.standfirst, body) if part)


def _target_key(suggestion: TagSuggestion) -> tuple[str, int | str]:
    kind = suggestion.kind
    return kind, getattr(suggestion, _FIELD[kind])


@transaction.atomic
def tag_suggestions_refresh(*, article: Article) -> list[TagSuggestion]:
    """Match the article's current text against every known name; store what it names.

    Suggestions the text no longer supports are removed unless an editor dismissed them,
    so a dismissal sticks. Returns the pending suggestions (not tagged, not dismissed).
    """
    found = linking.suggest(article_plain_text(article), on=article.story_date)
    existing = {_target_key(s): s for s in article.tag_suggestions.all()}
    current = set()
    for item in found:
        key = (item.target.kind, item.target.key)
        current.add(key)
        if key not in existing:
            TagSuggestion.objects.create(
                article=article,
                matched_text=item.matched[:255],
                **{_FIELD[item.target.kind]: item.target.key},
            )
    stale = [s.pk for key, s in existing.items() if key not in current and not s.dismissed]
    TagSuggestion.objects.filter(pk__in=stale).delete()
    return list(article.tag_suggestions.pending().select_related(*_RELATED))


@transaction.atomic
def tag_suggestions_accept(*, article: Article, suggestions: Iterable[TagSuggestion]) -> int:
    """Tag the article with what the suggestions name; returns how many were accepted.

    The article is saved afterwards, so its history shows the new tags and who added them.
    """
    accepted, people, organisations, exhibitions = [], [], [], []
    for suggestion in suggestions:
        if suggestion.article_id != article.pk:
            continue
        if suggestion.person_id:
            people.append(suggestion.person_id)
        elif suggestion.organisation_id:
            organisations.append(suggestion.organisation_id)
        elif suggestion.exhibition_id:
            exhibitions.append(suggestion.exhibition_id)
        else:
            ArticleCountry.objects.get_or_create(article=article, country=suggestion.country)
        accepted.append(suggestion.target_name)
    # One add per relation: each add is one entry in the article's history.
    for relation, ids in (
        (article.people, people),
        (article.organisations, organisations),
        (article.exhibitions, exhibitions),
    ):
        if ids:
            relation.add(*ids)
    if accepted:
        reason = "Accepted suggested tags: " + ", ".join(accepted)
        # The history column holds 100 characters.
        article._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
    article_save(article=article)
    return len(accepted)


def tag_suggestions_dismiss(*, article: Article, suggestions: Iterable[TagSuggestion]) -> int:
    """Turn suggestions down so they are not offered again for this article."""
    pks = [s.pk for s in suggestions if s.article_id == article.pk]
    return TagSuggestion.objects.filter(pk__in=pks).update(dismissed=True)
