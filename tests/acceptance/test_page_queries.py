"""Constant cost: every list and detail page runs the same number of SQL queries for 1 or 50
related rows (select_related / prefetch_related, no query per row)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Delegation, Participation
from people.models import Position
from tests.site import page_builders as build


def queries(client, url: str) -> tuple[int, str]:
    # The builders write rows directly, not through the services that raise the page cache's
    # version: measure the page as it is built, never a cached copy.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


DETAILS = {
    # builder, and a mark each of the 50 related rows leaves on the large page
    "article": (build.rich_article, '<span class="title">Adviser</span>'),
    "person": (build.rich_person, '<span class="what">Post '),
    "organisation": (build.rich_organisation, "<td>Officer "),
    "meeting": (build.rich_meeting, '<td data-label="Role">Delegation member'),
    "exhibition": (build.rich_exhibition, '<h3 class="item-title"><a href="/meetings/'),
    "delegation": (build.rich_delegation, '<h3 class="item-title"><a href="/meetings/'),
    "topic": (build.rich_topic, '<a href="/topics/subject-'),
}


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_detail_pages_cost_the_same_for_1_and_50_related_rows(db, client, kind):
    builder, mark = DETAILS[kind]
    small, large = builder(1), builder(50)

    small_count, _ = queries(client, small.get_absolute_url())
    large_count, html = queries(client, large.get_absolute_url())

    assert large_count == small_count, f"{kind}: {small_count} queries for 1, {large_count} for 50"
    assert small_count <= 16
    assert html.count(mark) >= 50, f"{kind}: the 50 related rows are not all on the page"


def test_a_meeting_page_shows_all_its_rows_and_no_drafts(db, client):
    meeting = build.rich_meeting(50)  # 50 published and 50 draft articles report it

    _, html = queries(client, meeting.get_absolute_url())

    assert html.count("Protocol ") == 50
    assert html.count('<h3 class="item-title"><a href="/articles/') == 50


def _article(i):
    build.article(source=build.source(), countries=("AZ",)).topics.add(build.topic())


def _person(i):
    official = build.person()
    Position.objects.create(person=official, organisation=build.organisation(), title="Envoy")


def _organisation(i):
    build.organisation(parent=build.organisation())


def _meeting(i):
    meeting = build.meeting(exhibition=build.exhibition())
    for role in ("host", "guest"):
        Participation.objects.create(meeting=meeting, person=build.person(), role=role)


def _exhibition(i):
    build.meeting(exhibition=build.exhibition())


def _delegation(i):
    Delegation.objects.create(
        name=f"Group {i}",
        slug=f"list-group-{i}",
        country="AZ",
        head=build.person(),
        organisation=build.organisation(),
    )


def _topic(i):
    build.topic(parent=build.topic())


LISTS = {
    "/articles/": _article,
    "/articles/?country=az&q=report": _article,
    "/officials/": _person,
    "/officials/?country=az": _person,
    "/organisations/": _organisation,
    "/meetings/": _meeting,
    "/meetings/?country=tr&date_from=2000-01-01": _meeting,
    "/exhibitions/": _exhibition,
    "/delegations/": _delegation,
    "/topics/": _topic,
}


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_pages_cost_the_same_for_1_and_50_rows(db, client, url):
    make = LISTS[url]
    make(0)
    one, _ = queries(client, url)
    for i in range(1, 50):
        make(i)
    fifty, html = queries(client, url)

    assert fifty == one, f"{url}: {one} queries for 1 row, {fifty} for 50"
    assert one <= 10
    assert 'class="item-title"' in html
