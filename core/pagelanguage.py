"""The language of a page answered before LocaleMiddleware has run (bad input, outage)."""

from django.conf import settings
from django.http import HttpRequest
from django.template import loader
from django.utils import translation


def render_in_page_language(request: HttpRequest, template: str, context=None) -> str:
    """Render `template` in the language of the address's prefix (/az/, /tr/; none is English).

    The bad-input and outage pages are answered by middleware that runs before the locale is
    set, and without a request context, which could itself need the database.
    """
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        return loader.render_to_string(template, context)
