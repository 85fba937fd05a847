"""XSS payloads typed into the real admin forms render inert on every public page, feed,
JSON-LD block and API response.

An editor's account can be phished, and copy is pasted from wires and press releases: the
archive must treat whatever an editor enters as text (escaped) or as sanitised markup (the
article body, cleaned with nh3). Each field gets a marker so the test can also see that the
field really was rendered where it checked.
"""

import json
import re

import pytest
from django.test import Client

from articles.models import Article
from events.models import Meeting, Topic
from people.models import Organisation, Person, PersonAlias
from tests.acceptance import site_map
from tests.acceptance.inert import crawl, problems_in
from tests.admin_pages import fill, inline_prefix, open_form, submit

# Short enough for a 120-character name; together they cover the classic breakouts:
# element injection, attribute breakout, </script> inside JSON-LD, SVG handlers, templates.
SHORT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "</script><script>alert(3)</script>",
    "'><svg onload=alert(4)>",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
# For the long text fields: the above plus links, frames, styles and encoded tricks.
LONG = SHORT + [
    '<a href="javascript:alert(5)">click</a>',
    '<a href=" JaVaScRiPt:alert(6)">spaced</a>',
    '<iframe src="javascript:alert(7)"></iframe>',
    "<style>body{background:url(javascript:alert(8))}</style>",
    '<a href="data:text/html,<script>alert(9)</script>">data</a>',
    '<p onclick="alert(10)" style="x:expression(alert(11))">para</p>',
    "<object data=javascript:alert(12)></object><embed src=javascript:alert(13)>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(14)">',
    "&lt;script&gt;alert(15)&lt;/script&gt;",
    "<base href=//evil.example/><meta http-equiv=refresh content=0;url=//evil.example/>",
]


def payload(marker: str, long: bool) -> str:
    return f"{marker} " + " ".join(LONG if long else SHORT)


def edit_in_admin(app, obj, changes: dict, inline_changes=None):
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    form = fill(app, open_form(app, url), **changes)
    for model, field, value in inline_changes or ():
        form[f"{inline_prefix(model, type(obj))}-0-{field}"] = value
    submit(form)


@pytest.fixture
def poisoned(seeded, editor_user, browser_for):
    """The seed story with payloads entered through the admin as a desk editor would."""
    editor = browser_for(editor_user)
    article = Article.objects.published().first()
    person = Person.objects.filter(aliases__isnull=False).first()
    meeting = Meeting.objects.filter(articles=article).first()
    topic = Topic.objects.filter(articles=article).first() or Topic.objects.first()
    organisation = Organisation.objects.filter(articles=article).first() or (
        Organisation.objects.first()
    )
    edit_in_admin(
        editor,
        article,
        {
            "headline": payload("MarkHeadline", long=False)[:255],
            "standfirst": payload("MarkStandfirst", long=True),
            "body": "<p>" + payload("MarkBody", long=True) + "</p>",
            "byline": payload("MarkByline", long=False)[:255],
            "dateline_place": payload("MarkDateline", long=False)[:120],
        },
    )
    edit_in_admin(
        editor,
        person,
        {
            "name": payload("MarkName", long=False)[:200],
            "honorific": payload("MarkHon", long=False)[:100],
            "notes": payload("MarkNotes", long=True),
        },
        inline_changes=[(PersonAlias, "name", payload("MarkAlias", long=False)[:200])],
    )
    edit_in_admin(
        editor,
        meeting,
        {
            "title": payload("MarkTitle", long=False)[:255],
            "summary": payload("MarkSummary", long=True),
            "venue": payload("MarkVenue", long=False)[:255],
            "city": payload("MarkCity", long=False)[:120],
        },
    )
    edit_in_admin(
        editor,
        topic,
        {
            "name": payload("MarkTopic", long=False)[:120],
            "description": payload("MarkTopicText", long=True),
        },
    )
    edit_in_admin(editor, organisation, {"name": payload("MarkOrg", long=False)[:255]})
    return {"article": article, "person": person, "meeting": meeting}


def test_payloads_render_inert_everywhere(poisoned, partner_key):
    reader = Client(raise_request_exception=False)
    filled, unfilled = site_map.sample_urls(site_map.public_routes(), site_map.published_samples())
    assert not unfilled
    start = ["/", *(url for _, url in filled), "/search/?q=MarkHeadline", "/search/?q=MarkName"]
    pages = crawl(reader, start, limit=400)
    partner = Client(headers={"Authorization": f"Bearer {partner_key[1]}"})
    for route, url in site_map.sample_urls(site_map.api_routes(), site_map.published_samples())[0]:
        if route.is_api_data:
            pages[url] = partner.get(url)

    problems = {url: found for url, response in pages.items() if (found := problems_in(response))}
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())
    errors = {url: r.status_code for url, r in pages.items() if r.status_code >= 500}
    assert not errors, errors

    everything = "\n".join(
        r.content.decode("utf-8", "replace") for r in pages.values() if not r.streaming
    )
    # The payloads were on the pages checked (escaped), not missing from them ...
    for marker in ("MarkHeadline", "MarkStandfirst", "MarkBody", "MarkName", "MarkTitle"):
        assert marker in everything, f"{marker} was not rendered anywhere checked"
    # ... and the internal notes never are.
    assert "MarkNotes" not in everything


def test_article_page_escapes_the_headline_and_keeps_json_ld_valid(poisoned):
    article = Article.objects.get(pk=poisoned["article"].pk)
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(" not in page
    assert problems_in(response) == []
    # The JSON-LD block carries the headline as data: parsed back, it is the text typed.
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert blocks, "the article page has no JSON-LD block"
    data = json.dumps([json.loads(block) for block in blocks], ensure_ascii=False)
    assert "MarkHeadline" in data and "<script>alert(1)</script>" in data
    # The body was cleaned when saved, before any template saw it.
    assert "onerror" not in article.body and "javascript:" not in article.body.lower()
    assert "<script" not in article.body and "<iframe" not in article.body
