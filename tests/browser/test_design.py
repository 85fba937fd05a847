"""The design system in Chromium at 375 and 1280 px: the heading scale, the nav, the footer,
filter panels, the favicon and social image, and axe-core on every public page."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
# Every kind of public page, with the nav section it belongs to (None: no section).
PAGES = {
    "/": None,
    "/articles/": "Articles",
    "/articles/azerbaijan-turkiye-defence-talks-adex-2024/": "Articles",
    "/meetings/": "Meetings",
    "/meetings/hasanov-guler-talks-adex-2024/": "Meetings",
    "/delegations/": "Meetings",
    "/relations/": "Relations",
    "/relations/az-tr/": "Relations",
    "/officials/": "Officials",
    "/officials/yasar-guler/": "Officials",
    "/organisations/": "Organisations",
    "/exhibitions/": "Exhibitions",
    "/exhibitions/adex-2024/": "Exhibitions",
    "/topics/": "Topics",
    "/topics/defence-industry/": "Topics",
    "/search/?q=Guler": None,
    "/about/": None,
    "/method/": None,
}

HEADING_SIZES_JS = """
() => [...document.querySelectorAll('h1, h2, h3, h4')]
  .filter(h => h.getClientRects().length)
  .map(h => [h.tagName, parseFloat(getComputedStyle(h).fontSize)])
"""


def _context(browser, width):
    phone = width < 600
    return browser.new_context(
        viewport={"width": width, "height": 850}, is_mobile=phone, device_scale_factor=1
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_has_one_largest_h1_a_marked_section_and_no_axe_violation(
    seeded_server, browser, width
):
    context = _context(browser, width)
    page = context.new_page()
    try:
        for path, section in PAGES.items():
            response = page.goto(seeded_server.url + path)
            assert response.status == 200, path
            sizes = page.evaluate(HEADING_SIZES_JS)
            h1 = [size for tag, size in sizes if tag == "H1"]
            assert len(h1) == 1, (path, sizes)
            others = [size for tag, size in sizes if tag != "H1"]
            assert all(size < h1[0] for size in others), (path, width, sizes)

            current = page.locator('nav[aria-label="Sections"] a[aria-current="page"]')
            if section:
                assert current.all_inner_texts() == [section], path
            else:
                assert current.count() == 0, path
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert_accessible(page)
    finally:
        context.close()


def test_the_nav_is_one_line_on_a_phone(seeded_server, browser):
    context = _context(browser, 375)
    page = context.new_page()
    try:
        page.goto(seeded_server.url + "/meetings/")
        tops = page.locator('nav[aria-label="Sections"] li').evaluate_all(
            "items => items.map(li => Math.round(li.getBoundingClientRect().top))"
        )
        assert len(set(tops)) == 1, tops
        # The current section is scrolled into reach, and each link is a comfortable target.
        heights = page.locator('nav[aria-label="Sections"] a').evaluate_all(
            "links => links.map(a => a.getBoundingClientRect().height)"
        )
        assert min(heights) >= 24
    finally:
        context.close()


def test_header_nav_main_and_footer_share_one_grid(seeded_server, page):
    page.goto(seeded_server.url + "/officials/yasar-guler/")
    lefts = {
        selector: page.locator(selector).first.evaluate(
            "el => Math.round(el.getBoundingClientRect().left"
            " + parseFloat(getComputedStyle(el).paddingLeft))"
        )
        for selector in (".masthead .wrap", ".site-nav .wrap", "main", ".site-footer .wrap")
    }
    assert len(set(lefts.values())) == 1, lefts
    assert lefts["main"] > 64  # centred on a wide screen, not flush left


def test_footer_links_about_method_api_and_contact(seeded_server, page):
    page.goto(seeded_server.url + "/")
    footer = page.locator("footer.site-footer")
    for name, path in (
        ("About", "/about/"),
        ("Method: how meetings are coded", "/method/"),
        ("Partner API", "/api/docs/"),
    ):
        assert footer.get_by_role("link", name=name).get_attribute("href") == path
    page.goto(seeded_server.url + "/about/")
    assert page.locator("#contact + p a[href^='mailto:']").count() == 1
    page.goto(seeded_server.url + "/method/")
    text = page.locator("main").inner_text()
    for term in ("host", "guest", "inferred", "CAMEO", "Corroborated", "several"):
        assert term in text


def test_filters_fold_on_a_phone_and_take_day_month_year(seeded_server, browser):
    context = _context(browser, 375)
    page = context.new_page()
    try:
        page.goto(seeded_server.url + "/meetings/")
        panel = page.locator("details.filter-panel")
        assert panel.get_attribute("open") is None
        # Results come first: the first card is within the first screen.
        assert page.locator("li.meeting-card").first.bounding_box()["y"] < 700
        panel.locator("summary").click()
        form = page.get_by_role("form", name="Filter the list")
        assert form.get_by_label("From").get_attribute("placeholder") == "DD-MM-YYYY"
        # The pair as two menus of countries, in the group "Country pair".
        pair = form.get_by_role("group", name="Country pair")
        pair.get_by_label("First country").select_option("tr")
        pair.get_by_label("Second country").select_option("az")
        form.get_by_label("From").fill("24-09-2024")
        form.get_by_label("Until").fill("23-09-2024")
        form.get_by_role("button", name="Filter").click()
        page.wait_for_url(re.compile(r"date_from=24-09-2024"))
        # Until before From: the form's error, written in words.
        assert "The end date is before the start date." in page.locator("main").inner_text()
        form = page.get_by_role("form", name="Filter the list")
        form.get_by_label("Until").fill("24-09-2024")
        form.get_by_role("button", name="Filter").click()
        page.wait_for_url(re.compile(r"date_to=24-09-2024"))
        assert page.locator("li.meeting-card").count() == 2
        pair = form.get_by_role("group", name="Country pair")
        assert pair.get_by_label("First country").input_value() == "tr"
        assert pair.get_by_label("Second country").input_value() == "az"
    finally:
        context.close()

    # On a wide screen the panel is open and the search facets are visible.
    context = _context(browser, 1280)
    page = context.new_page()
    try:
        page.goto(seeded_server.url + "/meetings/")
        assert page.locator("details.filter-panel").get_attribute("open") is not None
        page.goto(seeded_server.url + "/search/?q=Guler")
        assert page.get_by_role("link", name=re.compile(r"^Türkiye")).is_visible()
    finally:
        context.close()


def test_search_facets_fold_on_a_phone(seeded_server, browser):
    context = _context(browser, 375)
    page = context.new_page()
    try:
        page.goto(seeded_server.url + "/search/?q=Guler")
        assert not page.get_by_role("link", name=re.compile(r"^Türkiye")).is_visible()
        first_result = page.locator(".search-results a").first.bounding_box()
        assert first_result["y"] < 850
    finally:
        context.close()


def test_favicon_and_social_image(seeded_server, page):
    icon = page.request.get(seeded_server.url + "/favicon.ico")
    assert icon.status == 200
    assert icon.headers["content-type"] == "image/x-icon"
    assert icon.body()[:4] == b"\x00\x00\x01\x00"

    page.goto(seeded_server.url + "/articles/azerbaijan-turkiye-defence-talks-adex-2024/")
    og_image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert og_image.endswith(".png")
    image = page.request.get(seeded_server.url + urlsplit(og_image).path)
    assert image.status == 200 and image.body()[:8] == b"\x89PNG\r\n\x1a\n"


# The nav's sections in each interface language (tests/website/test_i18n.py checks the rest).
SECTION_NAMES = {
    "az": {
        "Articles": "Məqalələr",
        "Meetings": "Görüşlər",
        "Relations": "Münasibətlər",
        "Officials": "Rəsmi şəxslər",
        "Organisations": "Təşkilatlar",
        "Exhibitions": "Sərgilər",
        "Topics": "Mövzular",
    },
    "tr": {
        "Articles": "Makaleler",
        "Meetings": "Görüşmeler",
        "Relations": "İlişkiler",
        "Officials": "Yetkililer",
        "Organisations": "Kuruluşlar",
        "Exhibitions": "Fuarlar",
        "Topics": "Konular",
    },
}


@pytest.mark.parametrize("language", ["az", "tr"])
def test_every_public_page_in_azerbaijani_and_turkish_is_marked_and_accessible(
    seeded_server, browser, language
):
    # At 1280 px every page; the phone width once per language (the header with the switcher).
    context = _context(browser, 1280)
    page = context.new_page()
    try:
        for path, section in PAGES.items():
            response = page.goto(f"{seeded_server.url}/{language}{path}")
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            current = page.locator('nav.site-nav a[aria-current="page"]')
            expected = [SECTION_NAMES[language][section]] if section else []
            assert current.all_inner_texts() == expected, path
            switcher = page.locator(f'header a[hreflang="{language}"]')
            assert switcher.get_attribute("aria-current") == "true"
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path
            assert_accessible(page)
    finally:
        context.close()
    context = _context(browser, 375)
    page = context.new_page()
    try:
        page.goto(f"{seeded_server.url}/{language}/meetings/hasanov-guler-talks-adex-2024/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(page)
    finally:
        context.close()


def test_the_standalone_error_page_wears_the_sites_masthead(seeded_server, page):
    # 400, 500 and 503 are drawn without a view (nothing may need the database there).
    page.goto(seeded_server.url + "/")
    colour = "el => getComputedStyle(el).backgroundColor"
    home = page.locator(".masthead").evaluate(colour)

    response = page.goto(seeded_server.url + "/articles/?q=%00")

    assert response.status == 400
    assert page.locator(".masthead").evaluate(colour) == home
    assert page.locator(".masthead .brand").inner_text() == "Bilateral Relations Archive"
    left = "el => Math.round(el.getBoundingClientRect().left)"
    assert page.locator(".masthead .wrap").evaluate(left) == page.locator("main").evaluate(left)
