"""Renders the favicon (ICO with a PNG inside) and the social image (og:image) from SVG with
Chromium, so the repository needs no image library. Run after changing static/img/*.svg:

    .venv/bin/python scripts/make_brand_images.py
"""

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "static" / "img"

SOCIAL = """<!doctype html><html><body style="margin:0">
<div style="width:1200px;height:630px;background:#0f2540;color:#fff;display:flex;
flex-direction:column;justify-content:center;padding:0 96px;box-sizing:border-box;
font-family:Georgia,'DejaVu Serif',serif">
<div style="display:flex;align-items:center;gap:28px">
<img src="data:image/svg+xml;utf8,{favicon}" width="120" height="120">
<div style="font-size:64px;font-weight:700;line-height:1.1">Bilateral Relations<br>Archive</div>
</div>
<div style="margin-top:48px;font:32px/1.4 'DejaVu Sans',sans-serif;color:#d5dbe1;
max-width:960px">Who met whom, where and when, in which role, about what and with what outcome.
</div>
<div style="margin-top:40px;height:6px;width:160px;background:#e0574b"></div>
</div></body></html>"""


def ico_from_png(png: bytes, size: int) -> bytes:
    """An ICO file holding one PNG image (supported by every current browser)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 6 + 16)
    return header + entry + png


def main() -> None:
    favicon = (IMG / "favicon.svg").read_text(encoding="utf-8").strip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 32, "height": 32})
        page.set_content(f'<html><body style="margin:0">{favicon}</body></html>')
        png = page.screenshot(clip={"x": 0, "y": 0, "width": 32, "height": 32})
        (IMG / "favicon.ico").write_bytes(ico_from_png(png, 32))
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(SOCIAL.format(favicon=favicon.replace("#", "%23").replace('"', "'")))
        page.screenshot(path=str(IMG / "og-image.png"))
        browser.close()


if __name__ == "__main__":
    main()
