"""Where a pair's meetings took place, drawn on a world map cropped to the region.

The map is the @svg-maps/world package's data (events/mapdata/, CC BY 4.0), read once per
process. Meetings are placed by the country they took place in: the archive records the city
by name, not by coordinates, so the map shades countries and the list beside it names cities.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.translation import gettext

from core.countries import country_name
from events.charts import meetings_of

MAP_FILE = Path(__file__).resolve().parent / "mapdata" / "world.json"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.IGNORECASE)


def map_credit() -> str:
    return gettext("Map data: %(source)s by %(author)s, %(licence)s") % {
        "source": "@svg-maps/world",
        "author": "Victor Cazanave",
        "licence": "CC BY 4.0",
    }


def _name(country: "Country") -> str:
    """The country's name in the reader's language (django-countries' names); the map's own
    English name for a territory that has no ISO code there."""
    name = country_name(country.code)
    # A name the catalogues may hold (Kosovo is Kosova in Turkish).
    return gettext(country.name) if name == country.code.upper() else name


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    path: str
    box: tuple[float, float, float, float]  # min x, min y, max x, max y


def _bounds(path: str) -> tuple[float, float, float, float]:
    """The bounding box of a path written, as this map's are, in relative m ... z commands."""
    xs, ys = [], []
    x = y = start_x = start_y = 0.0
    for part in re.split(r"(?=[mMzZ])", path):
        if not part:
            continue
        command, numbers = part[0], [float(n) for n in _NUMBER.findall(part[1:])]
        if command in "zZ":
            x, y = start_x, start_y
            continue
        for index in range(0, len(numbers) - 1, 2):
            dx, dy = numbers[index], numbers[index + 1]
            if command == "M" and index == 0:
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            if index == 0:
                start_x, start_y = x, y
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@cache
def _outline(code: str, tolerance: float) -> str:
    """A country's outline simplified for a view of a given scale (cached per scale)."""
    return _simplified(world()[code].path, tolerance)


def _simplified(path: str, tolerance: float) -> str:
    """The path with points closer than tolerance to the last kept one dropped and the rest
    rounded to one decimal: a region's map at a tenth of the bytes, the shapes unchanged
    at page scale."""
    out = []
    x = y = start_x = start_y = 0.0
    for part in re.split(r"(?=[mMzZ])", path):
        if not part:
            continue
        command, numbers = part[0], [float(n) for n in _NUMBER.findall(part[1:])]
        if command in "zZ":
            out.append("z")
            x, y = start_x, start_y
            continue
        points = []
        for index in range(0, len(numbers) - 1, 2):
            if command == "M" and index == 0:
                x, y = numbers[0], numbers[1]
            else:
                x, y = x + numbers[index], y + numbers[index + 1]
            points.append((x, y))
        kept = [points[0]]
        for point in points[1:-1]:
            if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
                kept.append(point)
        if len(points) > 1:
            kept.append(points[-1])
        start_x, start_y = points[0]
        out.append("M" + " ".join(f"{px:.1f},{py:.1f}" for px, py in kept))
    return "".join(out)


@cache
def world() -> dict[str, Country]:
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return {
        item["id"]: Country(item["id"], item["name"], item["path"], _bounds(item["path"]))
        for item in data["locations"]
    }


def _view(codes: list[str], margin: float = 0.35) -> tuple[float, float, float, float]:
    boxes = [world()[c].box for c in codes if c in world()]
    if not boxes:
        return 0, 0, 1010, 666
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width, height = x1 - x0, y1 - y0
    pad = max(width, height) * margin + 8
    x0, y0, width, height = x0 - pad, y0 - pad, width + 2 * pad, height + 2 * pad
    # Never narrower than 3:2, so a small region still shows its neighbours.
    if width < height * 1.5:
        x0 -= (height * 1.5 - width) / 2
        width = height * 1.5
    return x0, y0, width, height


def meetings_map_svg(*, pair_codes: tuple[str, str], places: dict[str, int], title: str) -> str:
    """An inline SVG image: the region around the two countries and the places they met,
    the countries meetings took place in shaded and labelled with their counts."""
    codes = [c.lower() for c in (*pair_codes, *places)]
    x0, y0, width, height = _view(codes)
    shown = [
        country
        for country in world().values()
        if country.box[2] >= x0
        and country.box[0] <= x0 + width
        and country.box[3] >= y0
        and country.box[1] <= y0 + height
    ]
    stroke = max(width / 600, 0.05)
    # Detail finer than about a third of a pixel on a 48rem-wide map is not drawn.
    tolerance = round(width / 250, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {width:.1f} '
        f'{height:.1f}" role="img" aria-labelledby="map-title" class="map">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{width:.1f}" height="{height:.1f}" '
        'fill="#e8eef4"/>',
    ]
    pair = {c.lower() for c in pair_codes}
    for country in shown:
        count = places.get(country.code.upper(), 0)
        fill = "#0b4f8a" if count else ("#c9d3de" if country.code in pair else "#f7f7f4")
        path = (
            f'<path d="{_outline(country.code, tolerance)}" fill="{fill}" stroke="#7a8794" '
            f'stroke-width="{stroke:.2f}"><title>'
            f"{escape(meetings_of(_name(country), count) if count else _name(country))}"
            "</title></path>"
        )
        parts.append(path)
    font = width / 22
    for code, count in places.items():
        country = world().get(code.lower())
        if not country:
            continue
        cx, cy = (country.box[0] + country.box[2]) / 2, (country.box[1] + country.box[3]) / 2
        label = f"{escape(_name(country))} ({count})"
        parts.append(
            f'<text x="{cx:.1f}" y="{cy - font * 0.8:.1f}" font-size="{font:.1f}" '
            f'text-anchor="middle" fill="#16202a" stroke="#fff" stroke-width="{font / 5:.2f}" '
            f'paint-order="stroke" font-family="system-ui, sans-serif" font-weight="700">'
            f"{label}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
