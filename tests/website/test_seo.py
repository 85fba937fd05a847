"""For other machines: robots.txt, the sitemap, canonical URLs, Open Graph and JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.articles.factories import ArticleFactory
from website.sitemaps import ArticleSitemap

ARTICLE = "/articles/azerbaijan-turkiye-defence-talks-adex-2024/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    assert found, f"no {prop} meta tag"
    return found.group(1)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin_and_api(db, client, settings):
    settings.SITE_URL = "https://archive.example"

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: https://archive.example/sitemap.xml" in lines


def test_sitemap_lists_public_pages_and_published_articles_only(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"
    ArticleFactory(published=False, slug="secret-draft")

    index = client.get("/sitemap.xml")

    assert index.status_code == 200
    base = "https://archive.example"
    sections = [loc.text for loc in ET.fromstring(index.content).iter(f"{SITEMAP_NS}loc")]
    assert base + "/sitemap-articles.xml" in sections
    locations = set()
    for section in sections:
        assert section.startswith(base + "/sitemap-")
        response = client.get(section.removeprefix(base))
        assert response.status_code == 200
        locations |= {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP_NS}loc")}
    for path in (
        "/",
        ARTICLE,
        "/relations/az-tr/",
        "/meetings/hasanov-guler-talks-adex-2024/",
        "/officials/yasar-guler/",
        "/organisations/turkiye-presidency-of-defence-industries/",
        "/exhibitions/adex-2024/",
        "/delegations/turkiye-defence-industry-delegation-adex-2024/",
        "/topics/joint-production/",
    ):
        assert base + path in locations
    assert not any("secret-draft" in loc for loc in locations)


def test_article_page_has_canonical_url_open_graph_and_news_article(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"

    html = client.get(ARTICLE + "?utm_source=mail").content.decode()

    canonical = "https://archive.example" + ARTICLE
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert meta(html, "og:url") == canonical
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title").startswith("Azerbaijan and Türkiye defence chiefs")
    assert meta(html, "og:description").startswith("Zakir Həsənov and Yaşar Güler met")
    assert meta(html, "description")
    assert meta(html, "article:published_time") == "2024-09-24T16:00:00+00:00"
    [data] = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Azerbaijan and Türkiye defence chiefs")
    assert data["datePublished"] == "2024-09-24T16:00:00+00:00"
    assert data["mainEntityOfPage"] == canonical
    assert data["dateline"] == "Baku"
    assert data["sourceOrganization"]["name"] == "Azeri-Press News Agency"
    assert {"Yaşar Güler", "Zakir Həsənov"} <= {p["name"] for p in data["mentions"]}


def test_json_ld_cannot_close_its_script_element(db, client):
    hostile = 'Talks </script><script>alert("x")</script> <!-- & more'
    article = ArticleFactory(
        published=True, headline=hostile, standfirst="</SCRIPT> in a standfirst"
    )

    html = client.get(article.get_absolute_url()).content.decode()

    head = html.split("</head>")[0]
    assert "<script>alert" not in head
    assert head.count("</script>") == 1  # only the JSON-LD block's own end tag
    assert "</SCRIPT>" not in head.split('application/ld+json">')[1]
    [data] = json_ld(html)
    assert data["headline"] == hostile  # escaped for HTML, unchanged for JSON readers


def test_list_pages_have_a_canonical_url_without_filters(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"

    html = client.get("/articles/?q=guler&utm_campaign=x").content.decode()

    assert '<link rel="canonical" href="https://archive.example/articles/">' in html
    assert meta(html, "og:type") == "website"
    assert json_ld(html) == []


@pytest.mark.parametrize("path", ["/", "/relations/", "/relations/az-tr/"])
def test_own_pages_have_title_description_and_open_graph(seeded, client, path):
    html = client.get(path).content.decode()

    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert len(title) > 20
    assert len(meta(html, "description")) > 40
    assert meta(html, "og:title")
    assert meta(html, "og:url").endswith(path)


def test_relation_page_open_graph_names_the_pair(seeded, client):
    html = client.get("/relations/az-tr/").content.decode()

    assert meta(html, "og:title") == "Azerbaijan–Türkiye relations"
    assert "<title>Azerbaijan–Türkiye relations" in html


def test_sitemap_index_pages_large_sections(db, client, settings):
    settings.SITE_URL = "https://archive.example"
    for _ in range(3):
        ArticleFactory(published=True)
    ArticleSitemap.limit = 2
    try:
        index = client.get("/sitemap.xml").content.decode()
        second_page = client.get("/sitemap-articles.xml?p=2")
    finally:
        del ArticleSitemap.limit

    assert "https://archive.example/sitemap-articles.xml?p=2" in index
    assert second_page.status_code == 200
    assert client.get("/sitemap-articles.xml?p=9").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_person_page_has_person_json_ld(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"

    html = client.get("/officials/yasar-guler/").content.decode()

    [data] = json_ld(html)
    assert data["@type"] == "Person"
    assert data["name"] == "Yaşar Güler"
    assert data["url"] == "https://archive.example/officials/yasar-guler/"
    assert "Yasar Guler" in data["alternateName"]
    assert data["jobTitle"] == ["Minister of National Defence of Türkiye"]
    assert data["nationality"]["name"] == "Türkiye"
    assert meta(html, "og:type") == "profile"
    assert meta(html, "og:title") == "Yaşar Güler"


def test_meeting_page_has_event_json_ld(seeded, client):
    html = client.get("/meetings/hasanov-guler-talks-adex-2024/").content.decode()

    [data] = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Həsənov and Güler hold defence talks at ADEX 2024"
    assert data["startDate"] == "2024-09-24"
    assert data["location"]["address"]["addressLocality"] == "Baku"
    assert data["superEvent"]["name"] == "ADEX 2024"
    assert {"Yaşar Güler", "Zakir Həsənov"} <= {p["name"] for p in data["attendee"]}


def test_exhibition_page_has_event_json_ld(seeded, client):
    html = client.get("/exhibitions/adex-2024/").content.decode()

    [data] = json_ld(html)
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2024-09-24", "2024-09-26")
    assert data["location"]["name"] == "Baku Expo Center"
    assert data["organizer"]["name"] == "Ministry of Defence Industry of the Republic of Azerbaijan"


def test_topic_page_links_its_feed(seeded, client):
    html = client.get("/topics/joint-production/").content.decode()

    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*Joint production" '
        r'href="/feeds/topics/joint-production/">',
        html,
    )
