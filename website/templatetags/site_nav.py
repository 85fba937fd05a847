"""The site's sections, for the nav: which one the current page belongs to."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The nav's sections, in order: (key, label, address). A page belongs to the section whose
# address its path starts with; delegations are part of the meetings section.
SECTIONS = (
    ("articles", _("Articles"), "/articles/"),
    ("meetings", _("Meetings"), "/meetings/"),
    ("relations", _("Relations"), "/relations/"),
    ("officials", _("Officials"), "/officials/"),
    ("organisations", _("Organisations"), "/organisations/"),
    ("exhibitions", _("Exhibitions"), "/exhibitions/"),
    ("topics", _("Topics"), "/topics/"),
)
ALSO = {"/delegations/": "meetings"}


def language_prefix() -> str:
    """The address prefix of the active interface language: "" for English, "/az", "/tr"."""
    code = get_language() or settings.LANGUAGE_CODE
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def unprefixed(path: str) -> str:
    """path without the interface language's prefix ("/az/articles/" -> "/articles/")."""
    prefix = language_prefix()
    return path[len(prefix) :] if prefix and path.startswith(prefix + "/") else path


def html_lang(code: str) -> str:
    """The lang/hreflang value of an interface language: "en" for the site's en-gb (one
    English for every reader), "az", "tr"."""
    return code.split("-")[0]


@register.simple_tag
def interface_lang() -> str:
    """The lang attribute of the page in the active interface language."""
    return html_lang(get_language() or settings.LANGUAGE_CODE)


OG_LOCALES = {"en": "en_GB", "az": "az_AZ", "tr": "tr_TR"}


@register.simple_tag
def og_locale() -> str:
    """The Open Graph locale of the page's interface language."""
    return OG_LOCALES[interface_lang()]


@register.simple_tag
def language_links(request) -> list[dict]:
    """One entry per interface language: its name, hreflang code, this page's address in it
    (relative and absolute) and whether it is the active one. The English page is x-default."""
    active = get_language() or settings.LANGUAGE_CODE
    here = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(here, code)
        links.append(
            {
                "code": html_lang(code),
                "name": name,
                "url": url,
                "absolute": settings.SITE_URL + url,
                "current": code == active,
            }
        )
    return links


@register.simple_tag
def nav_sections(path: str) -> list[dict]:
    """The nav's links, the one containing path marked current."""
    prefix = language_prefix()
    path = unprefixed(path)
    current = next((key for prefix, key in ALSO.items() if path.startswith(prefix)), None)
    return [
        {
            "key": key,
            "label": label,
            "url": prefix + url,
            "current": current == key or path.startswith(url),
        }
        for key, label, url in SECTIONS
    ]


@register.simple_tag
def absolute_static(path: str) -> str:
    """A static file's absolute address on the public site (for og:image)."""
    return settings.SITE_URL + static(path)
