"""Real Chromium (Debian's package) driven by Playwright against the live test server.

Locally, a machine without Chromium or axe-core skips these tests; CI sets REQUIRE_BROWSER=1
(.ci/run) so that a browser that cannot start fails the run instead.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import load_seed_story

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = Path(settings.BASE_DIR) / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(
    os.environ.get("BROWSER_ARTIFACTS", Path(settings.BASE_DIR) / ".cache" / "artifacts")
)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason} (run scripts/ensure-browser.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process (each test gets its own context): a launch costs about a
    second. Its event loop runs until the process ends, hence DJANGO_ALLOW_ASYNC_UNSAFE above."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    if not AXE.exists():
        _unavailable(f"axe-core is not installed at {AXE}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        except Exception as error:  # noqa: BLE001 - any launch failure means "no browser"
            _unavailable(f"Chromium did not start: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def seeded_server(transactional_db, live_server):
    """The live server with the seed story loaded (committed, so its thread sees it)."""
    load_seed_story()
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the current page, tersely described."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        # Only violations are collected: the passes' details would double the run's time.
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
