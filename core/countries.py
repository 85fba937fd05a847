"""Country pairs: the canonical order used in URLs and for grouping meetings."""

from functools import lru_cache

from django.utils.translation import get_language
from django_countries import countries


def is_country_code(code: str) -> bool:
    return bool(code) and code.upper() in countries


def canonical_pair(a: str, b: str) -> tuple[str, str]:
    """The two codes lower-cased in alphabetical order: ('TR', 'az') -> ('az', 'tr')."""
    first, second = sorted((a.lower(), b.lower()))
    return first, second


def pair_key(a: str, b: str) -> str:
    return "-".join(canonical_pair(a, b))


def country_name(code: str) -> str:
    """The country's name in the active language.

    Remembered per language: django-countries looks the translation up again on every call,
    and a page of meetings names a country a few hundred times.
    """
    return _name_in(code.upper(), get_language())


@lru_cache(maxsize=4096)
def _name_in(code: str, language: str | None) -> str:
    return countries.name(code) or code
