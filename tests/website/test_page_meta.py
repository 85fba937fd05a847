"""Each detail page describes itself (title, description, Open Graph, JSON-LD) from its own
view; website/seo.py only renders what the view gives."""

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.detail import SingleObjectMixin

from core.pagemeta import SITE_DESCRIPTION, SITE_NAME, PageMetaMixin


def _view_classes(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _view_classes(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "view_class"):
            yield pattern.callback.view_class


def test_every_detail_view_provides_its_page_meta():
    detail_views = {
        view
        for view in _view_classes(get_resolver().url_patterns)
        if issubclass(view, SingleObjectMixin)
    }
    # Public detail pages and the editors' previews of them, at least these.
    names = {view.__name__ for view in detail_views}
    assert {
        "ArticleDetailView",
        "PersonDetailView",
        "OrganisationDetailView",
        "MeetingDetailView",
        "ExhibitionDetailView",
        "DelegationDetailView",
        "TopicDetailView",
    } <= names
    public = {
        view
        for view in detail_views
        if view.__module__.split(".")[0] in {"articles", "people", "events"}
    }
    assert all(issubclass(view, PageMetaMixin) for view in public), sorted(
        view.__name__ for view in public if not issubclass(view, PageMetaMixin)
    )


def _meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    assert found, f"no {prop} meta tag"
    return found.group(1)


def _json_ld_types(html: str) -> list[str]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block)["@type"] for block in blocks]


@pytest.mark.parametrize(
    ("path", "title", "og_type", "json_ld"),
    [
        (
            "/articles/azerbaijan-turkiye-defence-talks-adex-2024/",
            None,
            "article",
            ["NewsArticle"],
        ),
        ("/officials/yasar-guler/", "Yaşar Güler", "profile", ["Person"]),
        (
            "/organisations/turkiye-presidency-of-defence-industries/",
            None,
            "website",
            ["GovernmentOrganization"],
        ),
        (
            "/meetings/hasanov-guler-talks-adex-2024/",
            "Həsənov and Güler hold defence talks at ADEX 2024",
            "website",
            ["Event"],
        ),
        ("/exhibitions/adex-2024/", "ADEX 2024", "website", ["Event"]),
        ("/delegations/turkiye-defence-industry-delegation-adex-2024/", None, "website", []),
        ("/topics/joint-production/", "Joint production", "website", []),
        ("/relations/az-tr/", "Azerbaijan–Türkiye relations", "website", []),
    ],
)
def test_each_detail_page_type_has_its_own_metadata(
    seeded, client, settings, path, title, og_type, json_ld
):
    settings.SITE_URL = "https://archive.example"

    html = client.get(path).content.decode()

    og_title = _meta(html, "og:title")
    assert og_title != SITE_NAME
    if title:
        assert og_title == title
    assert _meta(html, "og:description") not in ("", SITE_DESCRIPTION)
    assert _meta(html, "og:type") == og_type
    assert _meta(html, "og:url") == "https://archive.example" + path
    assert _json_ld_types(html) == json_ld


def test_organisation_page_json_ld_names_its_acronym_and_parent(seeded, client, settings):
    settings.SITE_URL = "https://archive.example"

    html = client.get("/organisations/turkiye-presidency-of-defence-industries/").content.decode()

    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["name"] == "Presidency of Defence Industries"
    assert "SSB" in data["alternateName"]
    assert (
        data["url"]
        == "https://archive.example/organisations/turkiye-presidency-of-defence-industries/"
    )
