"""Country pairs: the canonical order used in URLs and for grouping meetings."""

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
    return countries.name(code.upper()) or code.upper()
