"""A reader's journey through the seed story in real Chromium, with axe-core on every page."""

import re

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser

MEETING = "/meetings/hasanov-guler-talks-adex-2024/"
GULER = "/officials/yasar-guler/"
ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"
HEADLINE = (
    "Azerbaijan and Türkiye defence chiefs discuss deeper military cooperation at ADEX in Baku"
)


def _follow(page, name: str, path: str) -> None:
    """Click the first link in the main content with this accessible name; land on path."""
    page.locator("main").get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(re.compile(re.escape(path) + r"$"))


def test_reader_goes_from_home_to_the_article(seeded_server, page):
    page.goto(seeded_server.url + "/")
    assert_accessible(page)

    _follow(page, "Azerbaijan–Türkiye", "/relations/az-tr/")
    assert page.get_by_role("heading", level=1).inner_text() == "Azerbaijan–Türkiye relations"
    assert_accessible(page)

    _follow(page, "Həsənov and Güler hold defence talks at ADEX 2024", MEETING)
    main = page.locator("main")
    assert "Həsənov and Güler hold defence talks at ADEX 2024" in main.inner_text()
    assert "inferred" in main.inner_text().lower()
    assert_accessible(page)

    _follow(page, "Yaşar Güler", GULER)
    assert "Yaşar Güler" in page.get_by_role("heading", level=1).inner_text()
    assert "Minister of National Defence of Türkiye" in page.locator("main").inner_text()
    assert_accessible(page)

    _follow(page, HEADLINE, ARTICLE)
    assert page.get_by_role("heading", level=1).inner_text() == HEADLINE
    assert_accessible(page)


def test_reader_filters_officials_by_a_name_without_diacritics(seeded_server, page):
    page.goto(seeded_server.url + "/officials/")
    assert_accessible(page)

    form = page.get_by_role("form", name="Filter the list")
    form.get_by_label(re.compile(r"^Name")).fill("Guler")
    form.get_by_label(re.compile(r"^Country")).select_option("TR")
    form.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"[?&]q=Guler.*country=TR|[?&]country=TR.*q=Guler"))

    results = page.locator("main")
    assert results.get_by_role("link", name="Yaşar Güler").count() >= 1
    assert results.get_by_role("link", name="Zakir Həsənov").count() == 0
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/", "/relations/az-tr/", MEETING, GULER, ARTICLE, "/articles/", "/officials/"]
)
def test_pages_fit_a_phone_screen(seeded_server, phone_page, path):
    response = phone_page.goto(seeded_server.url + path)

    assert response.status == 200
    # Nothing wider than the 375-px screen: no sideways scrolling to read.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone_page)
    name = path.strip("/").replace("/", "-") or "home"
    assert screenshot(phone_page, f"375px-{name}").stat().st_size > 0
