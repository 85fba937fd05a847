from django import template

from search.highlight import highlight as highlight_text
from search.highlight import snippet as snippet_text

register = template.Library()


@register.filter
def highlight(text, terms):
    """{{ article.headline|highlight:terms }}: escaped, with matching words in <mark>."""
    return highlight_text(str(text or ""), list(terms or []))


@register.filter
def snippet(markup, terms):
    """{{ article.body|snippet:terms }}: a short highlighted excerpt around the first match."""
    return snippet_text(str(markup or ""), list(terms or []))
