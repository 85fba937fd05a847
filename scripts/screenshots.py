"""Screenshots of the public pages at a desktop's and a phone's width, into docs/screenshots/.

`make screenshots` loads the seed story into the database of DATABASE_URL and runs this: it
starts the development server on a free local port, photographs each page in Chromium and
stops the server. Names are <page>-<width>.png.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = (1280, 375)
PAGES = {
    "home": "/",
    "article": "/articles/azerbaijan-turkiye-defence-talks-adex-2024/",
    "meeting": "/meetings/hasanov-guler-talks-adex-2024/",
    "official": "/officials/yasar-guler/",
    "relation": "/relations/az-tr/",
    "search": "/search/?q=Guler",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - our own local server
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_PAGE_CACHE_SECONDS": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/healthz")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for width in WIDTHS:
                phone = width < 600
                context = browser.new_context(
                    viewport={"width": width, "height": 812 if phone else 900},
                    device_scale_factor=2 if phone else 1,
                    is_mobile=phone,
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    target = OUT / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
