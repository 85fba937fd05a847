"""The home and relation pages in a real browser: accessible, readable on a phone."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_home_and_relation_pages_pass_axe(seeded_server, page):
    for path in ("/", "/relations/", "/relations/az-tr/"):
        response = page.goto(seeded_server.url + path)
        assert response.status == 200
        assert_accessible(page)


def test_relation_chart_loads_as_an_image(seeded_server, page):
    page.goto(seeded_server.url + "/relations/az-tr/")

    chart = page.locator("figure.chart img")
    assert chart.get_attribute("alt").startswith("Bar chart of meetings and agreements")
    # naturalWidth is 0 when the image failed to load or to decode.
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0


def test_relation_page_fits_a_phone(seeded_server, phone_page):
    phone_page.goto(seeded_server.url + "/relations/az-tr/")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert screenshot(phone_page, "relation-az-tr-375px").stat().st_size > 0


def test_the_axe_check_catches_a_violation(browser, page):
    # The check itself must be able to fail: an image without a text alternative.
    page.set_content('<!doctype html><html lang="en"><title>t</title><img src="x.png"></html>')

    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
