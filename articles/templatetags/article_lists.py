"""The articles sections of the pages of the apps below `articles` (an official's, an
organisation's, a meeting's, an exhibition's and a topic's pages).

Those apps' views cannot import Article (the import graph points one way), so their templates
ask for the section here:
`{% load article_lists %}{% articles_mentioning person recent as articles %}`.
"""

from django import template

from articles.cards import with_cards
from articles.models import Article

register = template.Library()


def _latest():
    # The lists show the articles' stored cards: nothing else of their rows is read.
    return Article.objects.published().latest().only("pk")


@register.simple_tag
def articles_mentioning(person, limit: int):
    return with_cards(_latest().mentioning(person)[:limit])


@register.simple_tag
def articles_mentioning_organisation(organisation, limit: int):
    return with_cards(_latest().mentioning_organisation(organisation)[:limit])


@register.simple_tag
def articles_covering(exhibition, limit: int):
    return with_cards(_latest().covering_exhibition(exhibition)[:limit])


@register.simple_tag
def articles_tagged(topic, limit: int):
    return with_cards(_latest().tagged(topic)[:limit])


@register.simple_tag
def articles_reporting(meeting):
    """Every published article reporting the meeting, newest first."""
    return with_cards(_latest().reporting_on(meeting))
