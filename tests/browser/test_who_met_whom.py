"""Who met whom at a glance, in Chromium at a phone's and a desktop's width: the host first,
cards that name the pair and the principals, and a participants table that never splits a word."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

TALKS = "/meetings/hasanov-guler-talks-adex-2024/"
CONTRACTS = "/meetings/hasanov-ssb-delegation-adex-2024/"

# Every word (split on spaces and hyphens) of every table cell in main, with the number of
# lines its glyphs occupy: more than one means the browser broke the word in the middle.
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const words = /[^\\s\\-\\u2010-\\u2015]+/g;
      let match;
      while ((match = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


def _rows(page) -> list[str]:
    return page.locator("table.participants tbody tr").all_inner_texts()


@pytest.mark.parametrize("width", [375, 1280])
def test_participants_host_first_and_no_word_broken(seeded_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(seeded_server.url + TALKS)
        rows = _rows(page)
        assert len(rows) == 4
        assert rows[0].startswith("Zakir Həsənov") and "Host" in rows[0]
        assert rows[1].startswith("Yaşar Güler") and "Guest" in rows[1]
        # Then the others, the host's side first.
        assert rows[2].startswith("Kərim Vəliyev") and rows[3].startswith("Cahit Bağcı")
        assert page.evaluate(BROKEN_WORDS_JS) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)

        page.goto(seeded_server.url + CONTRACTS)
        assert _rows(page)[0].startswith("Zakir Həsənov")
        assert page.evaluate(BROKEN_WORDS_JS) == []
    finally:
        context.close()


def test_broken_word_check_can_fail(browser, page):
    page.set_content(
        '<!doctype html><html lang="en"><main><table><tr><td style="width:3em;'
        'overflow-wrap:anywhere">Azerbaijan</td></tr></table></main></html>'
    )
    assert page.evaluate(BROKEN_WORDS_JS) == ["Azerbaijan"]


def test_meeting_cards_say_who_hosted_whom_and_the_principals(seeded_server, phone_page):
    phone_page.goto(seeded_server.url + "/meetings/")
    card = phone_page.locator("li.meeting-card").filter(has_text="hold defence talks")
    # The text as written (the kicker's capitals are only its style).
    assert card.locator(".kicker").text_content() == "Azerbaijan hosting Türkiye"
    principals = card.locator(".principal").all_inner_texts()
    assert principals == ["Zakir Həsənov host, Azerbaijan", "Yaşar Güler guest, Türkiye"]
    assert card.get_by_role("link", name="Zakir Həsənov").get_attribute("href") == (
        "/officials/zakir-hasanov/"
    )
    assert_accessible(phone_page)

    phone_page.goto(seeded_server.url + "/")
    home_card = phone_page.locator("li.meeting-card").filter(has_text="hold defence talks")
    assert home_card.locator(".principal").first.inner_text().startswith("Zakir Həsənov")


def test_met_most_often_puts_the_counterpart_first_on_a_tie(seeded_server, page):
    # Həsənov met four people once each: Güler (his counterpart) first, then the rest of the
    # other side, then his own side.
    page.goto(seeded_server.url + "/officials/zakir-hasanov/")
    names = page.locator("section[aria-labelledby=met-most] li a").all_inner_texts()
    assert names == ["Yaşar Güler", "Cahit Bağcı", "Haluk Görgün", "Kərim Vəliyev"]
