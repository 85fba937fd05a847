import html

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def topic_counts(topics: list[tuple[str, str, int]]) -> SafeString:
    """One year of the relation page's topics table: '<a href="…">Name</a> (3), …'.

    Joined in Python: a long-recorded pair has hundreds of (year, topic) cells, and the
    template engine's lookups and escaping for each cost ~10 ms a page at 100k articles.
    """
    return mark_safe(
        ", ".join(
            f'<a href="{html.escape(url)}">{html.escape(name)}</a> ({int(count)})'
            for name, url, count in topics
        )
    )


@register.filter
def network_lines(edges: list[tuple[int, int, int]], nodes: list[dict]) -> list[str]:
    """The who-met-whom lines as sentences: 'Zakir Həsənov and Yaşar Güler: 1 meeting'."""
    names = {node["id"]: node["name"] for node in nodes}
    return [
        ngettext(
            "%(first)s and %(second)s: %(count)s meeting",
            "%(first)s and %(second)s: %(count)s meetings",
            n,
        )
        % {"first": names[a], "second": names[b], "count": n}
        for a, b, n in sorted(edges, key=lambda e: (-e[2], names[e[0]], names[e[1]]))
    ]


@register.filter
def pair_rows(pairs: list) -> SafeString:
    """The relation index's rows, one per (pair, meetings): its link and its count.

    Written in Python: every pair that has met is a row (over a thousand at scale), and a
    `{% url %}` and its lookups per row through the template engine cost tens of ms a page.
    """
    # The address of one pair, reversed once (with the language prefix), the codes put in.
    around = reverse("relations:detail", kwargs={"a": "xx", "b": "yy"}).partition("xx-yy")
    return mark_safe(
        "".join(
            f'<tr><td><a href="{around[0]}{html.escape(pair.key)}{around[2]}">'
            f"{html.escape(pair.label)}</a></td><td>{int(count)}</td></tr>"
            for pair, count in pairs
        )
    )
