"""Drafts never leak: not on a page, feed, sitemap, search, API response or export.

Unpublished articles are created with unique words in their headlines, tagged with everything
the published seed story is tagged with (so any page that forgot to filter would list them),
then every public address is fetched — the URLconf's routes, everything they link to, the
sitemap sections, the feeds, every API list page by page — and the export is written. None
of their headlines, slugs or ids may appear; the same words are visible to editors in the
admin, which shows the check looks where the words would be.
"""

import html
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article, ArticleCountry, ArticleStatus
from events.models import Meeting, MeetingStatus, Outcome, Participation
from tests.acceptance import site_map
from tests.acceptance.inert import crawl

HIDDEN = {
    "draft": "Qz7101 draft headline",
    "in review": "Qz7102 in-review headline",
    "scheduled": "Qz7103 scheduled headline",
}


@pytest.fixture
def hidden_articles(seeded):
    story = Article.objects.published().get()
    states = {
        "draft": {"status": ArticleStatus.DRAFT},
        "in review": {"status": ArticleStatus.IN_REVIEW},
        # Its time has not come: its job will publish it, readers must not see it yet.
        "scheduled": {
            "status": ArticleStatus.SCHEDULED,
            "published_at": timezone.now() + timedelta(days=2),
        },
    }
    hidden = []
    for state, headline in HIDDEN.items():
        article = Article.objects.create(
            headline=headline,
            slug=headline.lower().replace(" ", "-"),
            standfirst=f"{headline} standfirst.",
            body=f"<p>{headline} body.</p>",
            dateline_place=story.dateline_place,
            dateline_date=story.dateline_date,
            source=story.source,
            **states[state],
        )
        for relation in ("people", "organisations", "meetings", "exhibitions", "topics"):
            getattr(article, relation).set(getattr(story, relation).all())
        for country in story.countries.values_list("country", flat=True):
            ArticleCountry.objects.create(article=article, country=country)
        hidden.append(article)
    assert not Article.objects.published().filter(pk__in=[a.pk for a in hidden]).exists()
    return hidden


HIDDEN_MEETINGS = {
    "draft": "Qz7201 draft meeting",
    "scheduled": "Qz7202 scheduled meeting",
    "withdrawn": "Qz7203 withdrawn meeting",
}


@pytest.fixture
def hidden_meetings(seeded):
    """Unpublished meetings sharing everything with the seed story's (pair, people, topics)."""
    story = Meeting.objects.published().first()
    soon = timezone.now() + timedelta(days=2)
    states = {
        "draft": {"status": MeetingStatus.DRAFT},
        "scheduled": {"status": MeetingStatus.SCHEDULED, "published_at": soon},
        "withdrawn": {"status": MeetingStatus.WITHDRAWN, "published_at": story.published_at},
    }
    hidden = []
    for state, title in HIDDEN_MEETINGS.items():
        meeting = Meeting.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary=f"{title} summary.",
            kind=story.kind,
            cameo_code=story.cameo_code,
            date=story.date,
            host_country=story.host_country,
            guest_country=story.guest_country,
            city=story.city,
            exhibition=story.exhibition,
            **states[state],
        )
        meeting.topics.set(story.topics.all())
        for participation in story.participations.all():
            Participation.objects.create(
                meeting=meeting, person=participation.person, role=participation.role
            )
        Outcome.objects.create(meeting=meeting, kind="contract", title=f"{title} outcome")
        for article in story.articles.all():
            article.meetings.add(meeting)
        hidden.append(meeting)
    assert not Meeting.objects.published().filter(pk__in=[m.pk for m in hidden]).exists()
    return hidden


def _label(obj) -> str:
    return obj.headline if isinstance(obj, Article) else obj.title


def leaks_in(text: str, hidden) -> list[str]:
    """Hidden headlines (also with highlighting tags around words) and slugs found in text.

    The bare code word is not enough: a search page rightly repeats the query it was given.
    """
    plain = " ".join(strip_tags(html.unescape(text)).split())
    found = [_label(a) for a in hidden if _label(a) in plain or _label(a).lower() in plain]
    found += [a.slug for a in hidden if a.slug in text]
    return found


def public_addresses() -> list[str]:
    samples = site_map.published_samples()
    filled, unfilled = site_map.sample_urls(site_map.public_routes(), samples)
    assert not unfilled, unfilled
    urls = ["/", *(url for _, url in filled)]
    for route in site_map.public_routes():
        sitemaps = dict(route.defaults).get("sitemaps")
        if "section" in route.params and sitemaps:
            urls += [site_map.url_for_kwargs(route, section=name) for name in sitemaps]
        if not route.params:
            # A search box anywhere: ask every list for the hidden words too.
            urls += [
                f"{site_map.url_for(route)}?q={word}"
                for word in ("Qz7101", "qz7102 in-review", "Qz7103 scheduled", "Qz7201", "Qz7202")
            ]
    return urls


def test_no_public_page_feed_or_sitemap_shows_unpublished_articles_or_meetings(
    hidden_articles, hidden_meetings, partner_key
):
    anonymous = Client(raise_request_exception=False)
    partner = Client(
        headers={"Authorization": f"Bearer {partner_key[1]}"}, raise_request_exception=False
    )
    for reader in (anonymous, partner):
        pages = crawl(reader, public_addresses(), limit=500)
        assert len(pages) > 20
        leaks = {
            url: found
            for url, r in pages.items()
            if (found := leaks_in(_body(r), hidden_articles + hidden_meetings))
        }
        assert not leaks, leaks
        for article in hidden_articles:
            assert reader.get(f"/articles/{article.slug}/").status_code == 404
        for meeting in hidden_meetings:
            assert reader.get(f"/meetings/{meeting.slug}/").status_code == 404


def test_the_api_never_shows_unpublished_articles_or_meetings(
    hidden_articles, hidden_meetings, partner_key
):
    partner = Client(headers={"Authorization": f"Bearer {partner_key[1]}"})
    hidden_ids = {a.pk for a in hidden_articles}
    hidden_meeting_ids = {m.pk for m in hidden_meetings}
    lists = [
        site_map.url_for(route)
        for route in site_map.parameterless(site_map.api_routes())
        if route.is_api_data
    ]
    assert lists
    fetched = 0
    for start in lists:
        for query in ("", "?updated_since=2000-01-01T00:00:00Z"):
            url = start + query
            for _ in range(50):  # follow the pages to the end
                response = partner.get(url)
                assert response.status_code == 200, url
                fetched += 1
                text = response.content.decode()
                assert not leaks_in(text, hidden_articles + hidden_meetings), url
                data = response.json()
                if "/articles/" in start:
                    ids = {item.get("id") for item in _items(data)}
                    uris = " ".join(str(item.get("uri", "")) for item in _items(data))
                    assert not ids & hidden_ids, url
                    for pk in hidden_ids:
                        assert f"/api/v1/articles/{pk}/" not in uris, url
                if "/meetings/" in start:
                    ids = {item.get("id") for item in _items(data) if not item.get("removed")}
                    assert not ids & hidden_meeting_ids, url
                url = data.get("next") if isinstance(data, dict) else None
                if not url:
                    break
    assert fetched >= len(lists) * 2
    for article in hidden_articles:
        for ref in (article.pk, article.slug):
            assert partner.get(f"/api/v1/articles/{ref}/").status_code == 404
    for meeting in hidden_meetings:
        for ref in (meeting.pk, meeting.slug):
            assert partner.get(f"/api/v1/meetings/{ref}/").status_code == 404


def _body(response) -> str:
    """The response's text; a file (the favicon) streams its content."""
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _items(data):
    if isinstance(data, list):
        return data
    for key in ("results", "items", "data"):
        if isinstance(data.get(key), list):
            return data[key]
    return []


def test_the_published_export_leaves_unpublished_articles_and_meetings_out(
    hidden_articles, hidden_meetings, tmp_path
):
    path = tmp_path / "export.ndjson"
    call_command("export_archive", "-o", str(path))
    text = path.read_text()
    assert not leaks_in(text, hidden_articles + hidden_meetings)
    hidden_ids = {a.pk for a in hidden_articles}
    for line in text.splitlines():
        record = json.loads(line)
        if str(record.get("model", "")).startswith("articles."):
            fields = record.get("fields", {})
            refs = {fields.get("article"), fields.get("article_id")}
            if record["model"] == "articles.article":
                refs.add(record.get("pk"))
            assert not refs & hidden_ids, line[:200]
    # The backup export does hold them: the check above was looking in the right place.
    backup = tmp_path / "backup.ndjson"
    call_command("export_archive", "--all", "-o", str(backup))
    assert all(headline in backup.read_text() for headline in HIDDEN.values())
    assert all(title in backup.read_text() for title in HIDDEN_MEETINGS.values())


def test_editors_do_see_them_in_the_admin(hidden_articles, editor_user):
    editor = Client()
    editor.force_login(editor_user)
    page = editor.get("/admin/articles/article/").content.decode()
    assert all(headline in page for headline in HIDDEN.values())
