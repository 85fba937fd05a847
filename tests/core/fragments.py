"""Checks shared by the tests of each kind of stored page parts (core.fragments)."""

from django.utils import translation

from core import fragments
from core.models import Fragment

LANGUAGES = ("en-gb", "az", "tr")


def stored(kind: str) -> dict[tuple[int, str], dict]:
    """The current parts stored of `kind`, by (object id, language)."""
    return {
        (row.object_id, row.language): row.parts
        for row in Fragment.objects.filter(kind=kind)
        if row.stamp == fragments.stamp(kind, row.language)
    }


def assert_stored_parts_are_current(spec: fragments.FragmentKind) -> None:
    """What is stored for each public row is what rendering it now gives, in every language,
    and nothing is stored for any other row."""
    rows = list(spec.prefetch(spec.public()).order_by("pk"))
    expected = {}
    for language in LANGUAGES:
        with translation.override(language):
            for pk, parts in fragments.render_stored(spec.kind, rows).items():
                expected[(pk, language)] = parts
    assert stored(spec.kind) == expected
