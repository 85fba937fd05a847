"""The site's sections, for the nav: which one the current page belongs to."""

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()

# The nav's sections, in order: (key, label, address). A page belongs to the section whose
# address its path starts with; delegations are part of the meetings section.
SECTIONS = (
    ("articles", "Articles", "/articles/"),
    ("meetings", "Meetings", "/meetings/"),
    ("relations", "Relations", "/relations/"),
    ("officials", "Officials", "/officials/"),
    ("organisations", "Organisations", "/organisations/"),
    ("exhibitions", "Exhibitions", "/exhibitions/"),
    ("topics", "Topics", "/topics/"),
)
ALSO = {"/delegations/": "meetings"}


@register.simple_tag
def nav_sections(path: str) -> list[dict]:
    """The nav's links, the one containing path marked current."""
    current = next((key for prefix, key in ALSO.items() if path.startswith(prefix)), None)
    return [
        {
            "key": key,
            "label": label,
            "url": url,
            "current": current == key or path.startswith(url),
        }
        for key, label, url in SECTIONS
    ]


@register.simple_tag
def absolute_static(path: str) -> str:
    """A static file's absolute address on the public site (for og:image)."""
    return settings.SITE_URL + static(path)
