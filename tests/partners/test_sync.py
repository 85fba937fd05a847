"""Incremental sync from the change log: a partner reads everything once, then `updated_since`."""

import random

import pytest

from articles.models import Article
from articles.services import article_delete, article_publish, article_save, article_unpublish
from events.models import Topic
from events.services import topic_save
from people.models import Person, PersonAlias
from people.services import person_delete, person_save
from tests.articles.factories import ArticleFactory
from tests.people.factories import PersonFactory


def article_id(doc: dict) -> int:
    return int(next(a["value"] for a in doc["altids"] if a["role"] == "id"))


class Partner:
    """A partner's copy of our articles, kept up to date the way the docs tell them to."""

    def __init__(self, api, page_size=3):
        self.api, self.page_size, self.copy, self.since = api, page_size, {}, None

    def sync_pass(self, between_pages=lambda: None) -> None:
        url = f"/api/v1/articles/?page_size={self.page_size}"
        if self.since:
            url += f"&updated_since={self.since}"
        delivered = []
        while True:
            response = self.api.get(url)
            assert response.status_code == 200, response.content
            page = response.json()
            for doc in page["results"]:
                delivered.append((article_id(doc), doc.get("version")))
                if doc["pubstatus"] == "canceled":
                    self.copy.pop(article_id(doc), None)
                else:
                    self.copy[article_id(doc)] = doc["version"]
            between_pages()
            if page["next"] is None:
                break
            url = page["next"]
        assert len(delivered) == len(set(delivered)), "a version was delivered twice in a pass"
        self.since = page["until"]
        self.last_pass = [pk for pk, _ in delivered]


def published_versions(api) -> dict:
    docs = api.get("/api/v1/articles/?page_size=500").json()["results"]
    return {article_id(d): d["version"] for d in docs}


def test_partner_ends_with_exactly_the_published_set(db, api):
    articles = [ArticleFactory(published=True) for _ in range(10)]
    drafts = [ArticleFactory(published=False) for _ in range(3)]
    topic = topic_save(topic=Topic(name="Air defence", slug="air-defence"))

    def tag_last():
        article_save(article=articles[9], related=lambda: articles[9].topics.add(topic))

    def correct():
        articles[2].headline = "Corrected"
        article_save(article=articles[2])

    edits = iter(
        [
            lambda: article_unpublish(article=articles[0]),  # seen on page 1, then withdrawn
            lambda: article_publish(article=drafts[0]),
            tag_last,
            lambda: article_delete(article=Article.objects.get(pk=articles[1].pk)),
            correct,
            lambda: ArticleFactory(published=True),
        ]
    )
    partner = Partner(api)
    partner.sync_pass(between_pages=lambda: next(edits, lambda: None)())
    more = iter(
        [
            lambda: article_publish(article=articles[0]),  # republished
            lambda: article_unpublish(article=drafts[0]),
            lambda: article_publish(article=drafts[1]),
        ]
    )
    partner.sync_pass(between_pages=lambda: next(more, lambda: None)())
    partner.sync_pass()  # a quiet pass after the editors stop
    assert partner.copy == published_versions(api)
    assert drafts[2].pk not in partner.copy


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_editing_during_sync_never_leaves_gaps_or_duplicates(db, api, seed):
    rng = random.Random(seed)
    pool = [ArticleFactory(published=rng.random() < 0.7) for _ in range(25)]

    def edit():
        for _ in range(rng.randint(0, 3)):
            article = Article.objects.filter(pk=rng.choice(pool).pk).first()
            action = rng.random()
            if article is None:
                pool.append(ArticleFactory(published=rng.random() < 0.5))
            elif action < 0.3:
                article_publish(article=article)
            elif action < 0.55:
                article_unpublish(article=article)
            elif action < 0.8:
                article.headline += "!"
                article_save(article=article)
            elif action < 0.9:
                article_delete(article=article)
            else:
                pool.append(ArticleFactory(published=True))

    partner = Partner(api, page_size=rng.randint(2, 5))
    for _ in range(3):
        partner.sync_pass(between_pages=edit)
    partner.sync_pass()
    assert partner.copy == published_versions(api)


def test_a_withdrawn_article_comes_back_as_a_canceled_tombstone(db, api):
    article = ArticleFactory(published=True, headline="Soon withdrawn")
    since = api.get("/api/v1/articles/").json()["until"]
    article_unpublish(article=article)
    results = api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]
    assert results == [
        {
            "uri": f"http://127.0.0.1:8000/api/v1/articles/{article.pk}/",
            "standard": results[0]["standard"],
            "type": "text",
            "pubstatus": "canceled",
            "altids": [{"role": "id", "value": str(article.pk)}],
        }
    ]


def test_deleted_reference_data_comes_back_as_a_tombstone(db, api):
    person = PersonFactory()
    since = api.get("/api/v1/officials/").json()["until"]
    pk = person.pk
    person_delete(person=person)
    results = api.get(f"/api/v1/officials/?updated_since={since}").json()["results"]
    assert results == [
        {"id": pk, "uri": f"http://127.0.0.1:8000/api/v1/officials/{pk}/", "pubstatus": "canceled"}
    ]
    # Without updated_since a list shows only what exists.
    assert api.get("/api/v1/officials/").json()["results"] == []


def test_a_draft_deleted_or_edited_is_never_reported(db, api):
    since = api.get("/api/v1/articles/").json()["until"]
    draft = ArticleFactory(published=False)
    draft.headline = "still a draft"
    article_save(article=draft)
    article_delete(article=draft)
    assert api.get(f"/api/v1/articles/?updated_since={since}").json()["results"] == []
    assert api.get("/api/v1/articles/?updated_since=2000-01-01").json()["results"] == []


def test_a_child_or_link_change_reaches_the_documents_showing_it(seeded, api):
    since = api.get("/api/v1/officials/").json()["until"]
    person = Person.objects.get(slug="kerim-valiyev")
    person_save(
        person=person,
        related=lambda: PersonAlias.objects.create(person=person, name="K. Valiyev (test)"),
    )
    changed = api.get(f"/api/v1/officials/?updated_since={since}").json()["results"]
    assert [p["slug"] for p in changed] == ["kerim-valiyev"]
    assert "K. Valiyev (test)" in {a["name"] for a in changed[0]["aliases"]}

    since = api.get("/api/v1/articles/").json()["until"]
    article = Article.objects.get()
    article_save(article=article, related=lambda: article.topics.remove(article.topics.first()))
    assert len(api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]) == 1

    since = api.get("/api/v1/articles/").json()["until"]
    person = Person.objects.get(slug="cahit-bagci")
    person_save(person=person)  # saved unchanged: no document changes
    assert api.get(f"/api/v1/articles/?updated_since={since}").json()["results"] == []
    person.name = "Cahit Bağcı (renamed)"
    person_save(person=person)  # the new name shows inside the article
    (doc,) = api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]
    assert "Cahit Bağcı (renamed)" in {p["name"] for p in doc["people"]}


def test_an_iso_time_starts_a_first_incremental_pass(db, api):
    ArticleFactory(published=True, headline="Earlier")
    response = api.get("/api/v1/articles/?updated_since=2000-01-01T00:00:00Z").json()
    assert [doc["headlines"][0]["value"] for doc in response["results"]] == ["Earlier"]
    assert api.get(f"/api/v1/articles/?updated_since={response['until']}").json()["results"] == []


def test_a_bad_updated_since_or_cursor_is_a_400_naming_the_field(db, api):
    response = api.get("/api/v1/articles/?updated_since=yesterday")
    assert response.status_code == 400
    assert "updated_since" in response.json()["error"]["fields"]
    response = api.get("/api/v1/articles/?cursor=WyJsb2ciLDEsMl0")  # a log position, not a page
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_an_object_changed_during_a_pass_comes_once_and_its_last_state_next(db, api):
    articles = [ArticleFactory(published=True) for _ in range(6)]
    partner = Partner(api, page_size=2)
    partner.sync_pass()
    for article in articles:  # a pass of three pages
        article.headline += " (corrected)"
        article_save(article=article)
    # Delivered on the pass's first page, then withdrawn, back, withdrawn... while the
    # partner reads the rest.
    flipping = Article.objects.get(pk=articles[0].pk)

    def flip():
        if flipping.is_published():
            article_unpublish(article=flipping)
        else:
            article_publish(article=flipping)

    partner.sync_pass(between_pages=flip)
    # Each once (a tombstone has no version to tell two apart): the changes made while the
    # partner paged through are the next pass's.
    assert sorted(partner.last_pass) == sorted(a.pk for a in articles)

    partner.sync_pass()
    assert partner.last_pass == [flipping.pk]
    assert partner.copy == published_versions(api)
