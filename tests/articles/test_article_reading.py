"""An article reads like an article: names linked at first mention, the original report's
address, the inferred date as a note."""

import re

from articles.models import Article
from articles.services import article_save

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"


def _body(html: str) -> str:
    return html[html.index('<div class="body">') : html.index('<footer class="credit">')]


def test_first_mention_of_each_tagged_name_links_to_its_page(seeded, client):
    body = _body(client.get(ARTICLE).content.decode())

    for url, words in (
        ("/officials/zakir-hasanov/", "Zakir Həsənov"),
        ("/officials/yasar-guler/", "Yaşar Güler"),
        ("/officials/kerim-valiyev/", "Kərim Vəliyev"),
        ("/officials/cahit-bagci/", "Cahit Bağcı"),
        ("/officials/haluk-gorgun/", "Haluk Görgün"),
        ("/organisations/azeri-press-news-agency/", "Azeri-Press News Agency"),
        ("/exhibitions/adex-2024/", "Azerbaijan International Defence Exhibition"),
    ):
        links = re.findall(rf'<a href="{re.escape(url)}">([^<]*)</a>', body)
        assert links == [words], (url, links)
    # Later mentions stay plain: 'Həsənov later received ...' is not a second link.
    assert body.count("/officials/zakir-hasanov/") == 1


def _edit(related=None, **fields):
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    for name, value in fields.items():
        setattr(article, name, value(article) if callable(value) else value)
    article_save(article=article, related=related and (lambda: related(article)))


def test_only_tagged_names_are_linked_and_links_are_not_nested(seeded, client):
    _edit(
        body=lambda article: article.body.replace(
            "Yaşar Güler", '<a href="https://example.org/">Yaşar Güler</a>', 1
        ),
        related=lambda article: article.people.remove(*article.people.filter(slug="cahit-bagci")),
    )

    body = _body(client.get(ARTICLE).content.decode())

    assert "/officials/cahit-bagci/" not in body
    assert "Cahit Bağcı" in body
    assert '<a href="https://example.org/" rel="noopener">Yaşar Güler</a>' in body
    assert '<a href="/officials/yasar-guler/">' not in body.split("example.org")[0]


def test_the_original_report_and_the_inferred_date_are_explained(seeded, client):
    html = client.get(ARTICLE).content.decode()
    credit = html[html.index('<footer class="credit">') :]

    assert "Date inferred: the original report does not give the full date" in credit
    assert 'href="/method/#dates"' in credit
    # The seed story records no address for the APA report itself: the page says so and
    # links the agency's site rather than showing an empty link.
    assert 'href="https://apa.az/"' in credit


def test_the_original_reports_address_is_shown_and_linked(seeded, client):
    _edit(source_url="https://apa.az/en/example-report-1")
    html = client.get(ARTICLE).content.decode()
    assert (
        'Original report: <a class="url" href="https://apa.az/en/example-report-1" '
        'rel="noopener">https://apa.az/en/example-report-1</a>'
    ) in html
