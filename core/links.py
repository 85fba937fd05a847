"""Detail-page addresses by slug, reversed once per view rather than once per object.

`reverse()` matches the URL patterns and checks the result against the route's regex on
every call: some 50 µs, which a list of 50 rows with a link each pays 50 times. The address
of a slug route is the same text around the slug every time, so that text is reversed once
(per URL configuration and script prefix) and the slug put between.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's <slug:...> converter accepts; anything else goes through reverse() itself
# (and fails there as it always did).
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "slug-placeholder-0"


@lru_cache(maxsize=128)
def _around_slug(viewname: str, urlconf, prefix: str, language: str | None) -> tuple[str, str]:
    # The language is part of the key: under /az/ and /tr/ the address carries its prefix.
    before, _, after = reverse(viewname, urlconf, kwargs={"slug": _PLACEHOLDER}).partition(
        _PLACEHOLDER
    )
    return before, after


def slug_url(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}), quickly."""
    if not _SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    # The request's URLconf if it has one, else the setting (which tests may override).
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _around_slug(viewname, urlconf, get_script_prefix(), get_language())
    return before + slug + after


def web_url(obj) -> str:
    """The absolute address of an object's public page."""
    return f"{settings.SITE_URL}{obj.get_absolute_url()}"
