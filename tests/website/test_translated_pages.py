"""The footer pages and the error pages read in the reader's language, every sentence of them.

The catalogue tests prove every marked string is translated; these prove nothing a reader
sees on these pages was left unmarked: no sentence of the English page survives on the
Azerbaijani or Turkish one.
"""

import re
from html import unescape

import pytest

# Text-bearing elements of the page body (the navigation and footer are covered elsewhere).
TEXT = re.compile(r"<(h1|h2|p|dd|dt|td|li|caption|title)\b[^>]*>(.*?)</\1>", re.S)


def sentences(html: str) -> set[str]:
    main = html.split('<main id="content"', 1)[-1].split("</main>", 1)[0]
    head_title = re.findall(r"<title>(.*?)</title>", html, re.S)
    found = set()
    for text in [body for _, body in TEXT.findall(main)] + head_title:
        plain = " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())
        # Words, not codes, names or numbers: a column name or "Zakir Həsənov" stays as is.
        if len(re.findall(r"[^\W\d_]{3,}", plain)) >= 4:
            found.add(plain)
    return found


@pytest.mark.parametrize("language", ["az", "tr"])
@pytest.mark.parametrize(
    "path, status",
    [
        ("/about/", 200),
        ("/method/", 200),
        ("/no-such-page/", 404),
        ("/articles/?q=%00", 400),
    ],
)
def test_no_english_sentence_is_left_on_the_page(db, client, language, path, status):
    english = client.get(path)
    translated = client.get(f"/{language}{path}")
    assert english.status_code == translated.status_code == status

    english_html = english.content.decode()
    translated_html = translated.content.decode()
    assert f'<html lang="{language}">' in translated_html
    english_sentences = sentences(english_html)
    assert len(english_sentences) >= 2  # the check has something to compare
    assert english_sentences & sentences(translated_html) == set()


def test_links_and_addresses_survive_translation(db, client, settings):
    for language in ("az", "tr"):
        html = client.get(f"/{language}/about/").content.decode()
        assert f'href="mailto:{settings.CONTACT_EMAIL}"' in html
        assert f'href="/{language}/method/"' in html and 'href="/api/docs/"' in html


@pytest.mark.parametrize("language", ["az", "tr"])
def test_the_bad_request_page_links_to_the_readers_language(client, db, language):
    response = client.get(f"/{language}/articles/?q=%00")

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a href="/{language}/">' in html and f'<a href="/{language}/search/">' in html
