"""The home and relation pages in a real browser: accessible, readable on a phone."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_home_and_relation_pages_pass_axe(seeded_server, page):
    for path in ("/", "/relations/", "/relations/az-tr/"):
        response = page.goto(seeded_server.url + path)
        assert response.status == 200
        assert_accessible(page)


def test_relation_timeline_network_and_map_render_with_links(seeded_server, page):
    page.goto(seeded_server.url + "/relations/az-tr/")

    year = page.locator("#year-2024")
    assert year.is_visible()
    assert page.locator("#year-2024 + ol.timeline > li").count() == 2
    network = page.locator("svg.network")
    assert network.bounding_box()["width"] > 300
    page.locator("svg.network a", has_text="Yaşar Güler").click()
    page.wait_for_url("**/officials/yasar-guler/")
    page.go_back()
    assert page.locator("svg.map path").count() > 10
    assert page.locator("svg.map text", has_text="Azerbaijan (2)").is_visible()
    assert_accessible(page)


def test_relation_page_fits_a_phone(seeded_server, phone_page):
    phone_page.goto(seeded_server.url + "/relations/az-tr/")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    # The network's names stay legible when the figure is scaled to a phone's width.
    sizes = phone_page.locator("svg.network text").evaluate_all(
        "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 11, sizes
    assert_accessible(phone_page)
    assert screenshot(phone_page, "relation-az-tr-375px").stat().st_size > 0


def test_the_axe_check_catches_a_violation(browser, page):
    # The check itself must be able to fail: an image without a text alternative.
    page.set_content('<!doctype html><html lang="en"><title>t</title><img src="x.png"></html>')

    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
