"""{% linked_body article %}: the body with the first mention of each tag linked."""

from django import template
from django.utils.safestring import mark_safe

from search.body_links import link_first_mentions

register = template.Library()


@register.simple_tag
def linked_body(article) -> str:
    """The article's stored HTML body, with its tagged names linked at first mention.

    The article should come with people and organisations (and their aliases) and exhibitions
    (and their series) prefetched: the view's queryset does that.
    """
    return mark_safe(  # noqa: S308 - the body is editors' HTML, shown as stored; links are escaped
        link_first_mentions(
            article.body,
            people=article.people.all(),
            organisations=article.organisations.all(),
            exhibitions=article.exhibitions.all(),
        )
    )
