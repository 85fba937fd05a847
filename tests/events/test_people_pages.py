"""The official's page is stored whole (events/people_pages.py, core.fragments): every kind
of edit it shows reaches the stored page in the same transaction, in all three languages; the
articles mentioning the official are read with it; and what is served is what rendering it
now gives."""

from django.core.cache import cache

from articles.services import article_withdraw
from core import fragments
from core.models import Fragment
from events import people_pages
from events.models import Delegation, Exhibition, Meeting, Participation
from events.services import delegation_save, exhibition_save, meeting_save, meeting_withdraw
from people.models import Organisation, Person, Position
from people.services import organisation_save, person_save, position_save
from tests.articles.factories import ArticleFactory
from tests.core.fragments import assert_stored_parts_are_current

GULER = "yasar-guler"
SEED_MEETING = "hasanov-guler-talks-adex-2024"


def page(client, slug: str = GULER, prefix: str = "") -> str:
    return client.get(f"{prefix}/officials/{slug}/").content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def assert_current():
    assert_stored_parts_are_current(people_pages.PAGES)


def test_every_edit_the_page_shows_reaches_the_stored_page(seeded, client):
    guler = Person.objects.get(slug=GULER)
    assert_current()

    # The official's own name, and a counterpart's, which "Met most often" shows.
    hasanov = Person.objects.get(slug="zakir-hasanov")
    hasanov.name = "Zakir Həsənov Renamed"
    person_save(person=hasanov)
    assert "Zakir Həsənov Renamed" in section(page(client), "met-most")
    assert_current()

    # A position retitled, and its organisation renamed.
    position = Position.objects.get(person=guler, title__startswith="Minister of National")
    position.title = "Minister of National Defence (retitled)"
    position_save(position=position)
    organisation = Organisation.objects.get(pk=position.organisation_id)
    organisation.name = "Ministry Renamed"
    organisation_save(organisation=organisation)
    positions = section(page(client), "positions")
    assert "Minister of National Defence (retitled)" in positions
    assert "Ministry Renamed" in positions
    assert_current()

    # A role changed, and the exhibition of the meeting renamed.
    meeting = Meeting.objects.get(slug=SEED_MEETING)
    participation = Participation.objects.get(meeting=meeting, person=guler)

    def demote():
        participation.role = "member"
        participation.save()

    meeting_save(meeting=meeting, related=demote)
    exhibition = Exhibition.objects.get(pk=meeting.exhibition_id)
    exhibition.name = "ADEX Renamed"
    exhibition_save(exhibition=exhibition)
    attended = section(page(client), "meetings")
    assert "ADEX Renamed" in attended and "Delegation member" in attended
    assert_current()

    # A delegation renamed, on the page of the official heading it.
    delegation = Delegation.objects.get()
    delegation.name = "Delegation Renamed"
    delegation_save(delegation=delegation)
    assert "Delegation Renamed" in section(page(client, delegation.head.slug), "delegations")
    assert_current()

    # The meeting withdrawn: no longer attended, nor counted among meetings together.
    meeting_withdraw(meeting=meeting)
    assert meeting.title not in section(page(client), "meetings")
    assert_current()


def test_the_articles_mentioning_the_official_are_read_with_the_stored_page(seeded, client):
    guler = Person.objects.get(slug=GULER)
    article = ArticleFactory(published=True, headline="Güler in Ankara", people=[guler])
    assert "Güler in Ankara" in section(page(client), "articles")
    assert "Güler in Ankara" in section(page(client, prefix="/az"), "articles")
    article_withdraw(article=article)
    assert "Güler in Ankara" not in page(client)
    assert_current()


def test_the_page_is_served_from_the_stored_row_and_is_the_page_rendered_now(seeded, client):
    guler = Person.objects.get(slug=GULER)
    paths = [f"{prefix}/officials/{GULER}/" for prefix in ("", "/az", "/tr")]
    served = {path: client.get(path).content for path in paths}
    for row in Fragment.objects.filter(kind=people_pages.KIND, object_id=guler.pk):
        row.parts = {**row.parts, "document": f"<p>stored page</p>{fragments.slot('articles')}"}
        row.save()
    cache.clear()  # the rows were changed behind the change log's back
    html = page(client)
    assert html.startswith("<p>stored page</p>") and 'id="articles"' in html

    # Without the rows (a deploy changed the templates, say), the page renders itself: the
    # same bytes in every language.
    Fragment.objects.filter(kind=people_pages.KIND).delete()
    cache.clear()
    assert {path: client.get(path).content for path in paths} == served


def assert_organisations_current():
    assert_stored_parts_are_current(people_pages.ORGANISATION_PAGES)


def test_every_edit_an_organisations_page_shows_reaches_the_stored_page(seeded, client):
    delegation = Delegation.objects.get()
    organisation = Organisation.objects.get(pk=delegation.organisation_id)
    url = organisation.get_absolute_url()
    assert_organisations_current()

    # Its people: one renamed, and one's title changed.
    position = Position.objects.filter(organisation=organisation).first()
    person = Person.objects.get(pk=position.person_id)
    person.name = "Renamed Official"
    person_save(person=person)
    assert "Renamed Official" in section(client.get(url).content.decode(), "people")
    position.title = "Retitled Post"
    position_save(position=position)
    assert "Retitled Post" in section(client.get(url).content.decode(), "people")
    assert_organisations_current()

    # The delegation it sent, renamed; a body placed under it, renamed.
    delegation.name = "Delegation Renamed"
    delegation_save(delegation=delegation)
    assert "Delegation Renamed" in section(client.get(url).content.decode(), "delegations")
    child = Organisation.objects.exclude(pk=organisation.pk).first()
    child.parent = organisation
    organisation_save(organisation=child)
    child.name = "Body Renamed"
    organisation_save(organisation=child)
    assert "Body Renamed" in section(client.get(url).content.decode(), "structure")
    # ...and the body's own page names it as its parent, renamed too.
    organisation.name = "Parent Renamed"
    organisation_save(organisation=organisation)
    assert "Parent Renamed" in client.get(child.get_absolute_url()).content.decode()
    assert_organisations_current()


def test_the_articles_mentioning_an_organisation_are_read_with_its_stored_page(seeded, client):
    organisation = Organisation.objects.first()
    article = ArticleFactory(
        published=True, headline="A report on it", organisations=[organisation]
    )
    url = organisation.get_absolute_url()
    assert "A report on it" in section(client.get(url).content.decode(), "articles")
    article_withdraw(article=article)
    assert "A report on it" not in client.get(url).content.decode()
    paths = [f"{prefix}{url}" for prefix in ("", "/az", "/tr")]
    served = {path: client.get(path).content for path in paths}
    Fragment.objects.filter(kind=people_pages.ORGANISATION_KIND).delete()
    cache.clear()
    assert {path: client.get(path).content for path in paths} == served
