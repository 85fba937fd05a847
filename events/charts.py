"""Figures drawn on the server as inline SVG: no script, no external file, links that work."""

from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from events.relations import Network, Pair

WIDTH = 360
ROW = 36
TOP = 56
LEFT_X, RIGHT_X = 140, 220


def network_svg(network: Network, *, pair: Pair) -> str:
    """Officials of the first country on the left, the second's on the right, most meetings
    first; a line for each pair of them who met, thicker for more meetings together. Every
    name links to the official's page."""
    sides = {pair.first: [], pair.second: []}
    for node in network.nodes:
        sides[node["side"]].append(node)
    rows = max(len(sides[pair.first]), len(sides[pair.second]), 1)
    height = TOP + rows * ROW + 8
    where = {}
    for x, side in ((LEFT_X, pair.first), (RIGHT_X, pair.second)):
        for index, node in enumerate(sides[side]):
            where[node["id"]] = (x, TOP + index * ROW + ROW / 2)
    first_name, second_name = pair.names
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="group" aria-labelledby="network-title" class="network" '
        f'font-family="system-ui, sans-serif">',
        '<title id="network-title">'
        + escape(
            gettext(
                "Who met whom: officials of %(first)s and %(second)s who took part in the same"
                " meetings"
            )
            % {"first": first_name, "second": second_name}
        )
        + "</title>",
        f'<text x="{LEFT_X}" y="24" text-anchor="end" font-size="15" font-weight="700" '
        f'fill="#16202a">{escape(first_name)}</text>',
        f'<text x="{RIGHT_X}" y="24" font-size="15" font-weight="700" '
        f'fill="#16202a">{escape(second_name)}</text>',
    ]
    for a, b, together in network.edges:
        (x1, y1), (x2, y2) = where[a], where[b]
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#0b4f8a" '
            f'stroke-opacity="0.55" stroke-width="{1 + min(together, 8)}"/>'
        )
    for node in network.nodes:
        x, y = where[node["id"]]
        left = node["side"] == pair.first
        label_x = x - 14 if left else x + 14
        anchor = "end" if left else "start"
        radius = 5 + min(node["meetings"], 10) * 0.6
        meetings = node["meetings"]
        parts.append(
            f'<a href="{escape(node["url"])}">'
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="#a3261b"/>'
            f'<text x="{label_x}" y="{y + 5}" text-anchor="{anchor}" font-size="14" '
            f'fill="#0b4f8a" text-decoration="underline">{escape(node["name"])}</text>'
            f"<title>{escape(meetings_of(node['name'], meetings))}</title></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def meetings_of(name: str, count: int) -> str:
    """'Zakir Həsənov: 2 meetings', in the reader's language (the charts' tooltips)."""
    return ngettext("%(name)s: %(count)s meeting", "%(name)s: %(count)s meetings", count) % {
        "name": name,
        "count": count,
    }
