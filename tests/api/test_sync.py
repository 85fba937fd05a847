"""Incremental sync: a partner pages through with updated_since while editors keep working."""

import random

import pytest

from articles.models import Article
from articles.services import article_publish, article_withdraw
from events.models import Topic
from people.models import Person
from tests.api.factories import make_article, make_person


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
                delivered.append(article_id(doc))
                if doc["pubstatus"] == "canceled":
                    self.copy.pop(article_id(doc), None)
                else:
                    self.copy[article_id(doc)] = doc["version"]
            between_pages()
            if page["next"] is None:
                break
            url = page["next"]
        assert len(delivered) == len(set(delivered)), "an item was delivered twice in a pass"
        self.since = page["until"]


def published_versions(api) -> dict:
    docs = api.get("/api/v1/articles/?page_size=500").json()["results"]
    return {article_id(d): d["version"] for d in docs}


def test_partner_ends_with_exactly_the_published_set(db, api):
    articles = [make_article() for _ in range(10)]
    drafts = [make_article(published=False) for _ in range(3)]
    topic = Topic.objects.create(name="Air defence", slug="air-defence")
    edits = iter(
        [
            lambda: article_withdraw(article=articles[0]),  # seen on page 1, then withdrawn
            lambda: article_publish(article=drafts[0]),
            lambda: articles[9].topics.add(topic),  # not seen yet: moves past the pass
            lambda: Article.objects.get(pk=articles[1].pk).delete(),
            lambda: setattr(articles[2], "headline", "Corrected") or articles[2].save(),
            lambda: make_article(),
        ]
    )
    partner = Partner(api)
    partner.sync_pass(between_pages=lambda: next(edits, lambda: None)())
    more = iter(
        [
            lambda: article_publish(article=articles[0]),  # republished
            lambda: article_withdraw(article=drafts[0]),
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
    pool = [make_article(published=rng.random() < 0.7) for _ in range(25)]

    def edit():
        for _ in range(rng.randint(0, 3)):
            article = Article.objects.filter(pk=rng.choice(pool).pk).first()
            action = rng.random()
            if article is None:
                pool.append(make_article(published=rng.random() < 0.5))
            elif action < 0.3:
                article_publish(article=article)
            elif action < 0.55:
                article_withdraw(article=article)
            elif action < 0.8:
                article.headline += "!"
                article.save()
            elif action < 0.9:
                article.delete()
            else:
                pool.append(make_article())

    partner = Partner(api, page_size=rng.randint(2, 5))
    for _ in range(3):
        partner.sync_pass(between_pages=edit)
    partner.sync_pass()
    assert partner.copy == published_versions(api)


def test_a_withdrawn_article_comes_back_as_a_canceled_ninjs_tombstone(db, api):
    article = make_article(headline="Soon withdrawn")
    since = api.get("/api/v1/articles/").json()["until"]
    article_withdraw(article=article)
    results = api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]
    assert results == [
        {
            "uri": f"http://127.0.0.1:8000/api/v1/articles/{article.pk}/",
            "standard": results[0]["standard"],
            "type": "text",
            "versioncreated": results[0]["versioncreated"],
            "pubstatus": "canceled",
            "altids": [{"role": "id", "value": str(article.pk)}],
        }
    ]


def test_deleted_reference_data_comes_back_as_a_tombstone(db, api):
    person = make_person()
    since = api.get("/api/v1/officials/").json()["until"]
    pk = person.pk
    person.delete()
    results = api.get(f"/api/v1/officials/?updated_since={since}").json()["results"]
    assert [(r["id"], r["removed"]) for r in results] == [(pk, True)]
    # Without updated_since a list shows only what exists.
    assert api.get("/api/v1/officials/").json()["results"] == []


def test_a_draft_deleted_or_edited_is_never_reported(db, api):
    since = api.get("/api/v1/articles/").json()["until"]
    draft = make_article(published=False)
    draft.headline = "still a draft"
    draft.save()
    draft.delete()
    assert api.get(f"/api/v1/articles/?updated_since={since}").json()["results"] == []


def test_a_child_or_link_change_moves_the_parent(seeded, api):
    since = api.get("/api/v1/officials/").json()["until"]
    person = Person.objects.get(slug="kerim-valiyev")
    person.aliases.create(name="K. Valiyev (test spelling)")
    changed = api.get(f"/api/v1/officials/?updated_since={since}").json()["results"]
    assert [p["slug"] for p in changed] == ["kerim-valiyev"]
    assert "K. Valiyev (test spelling)" in {a["name"] for a in changed[0]["aliases"]}

    since = api.get("/api/v1/articles/").json()["until"]
    article = Article.objects.get()
    article.topics.remove(*article.topics.all()[:1])
    assert len(api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]) == 1

    since = api.get("/api/v1/articles/").json()["until"]
    Person.objects.get(slug="cahit-bagci").save()  # a rename shows inside the article
    assert len(api.get(f"/api/v1/articles/?updated_since={since}").json()["results"]) == 1


def test_a_scheduled_article_is_delivered_when_it_appears(db, api, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    make_article()
    scheduled = make_article(published_at=timezone.now() + timedelta(minutes=10))
    partner = Partner(api)
    partner.sync_pass()
    assert scheduled.pk not in partner.copy

    # Its time comes with no save: nothing changes its updated_at, which the last pass
    # already went beyond.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=11))
    partner.sync_pass()
    assert scheduled.pk in partner.copy
    assert partner.copy == published_versions(api)

    later = api.get(f"/api/v1/articles/?updated_since={partner.since}").json()["results"]
    assert later == []


def test_scheduled_articles_appearing_during_a_pass_are_neither_lost_nor_doubled(
    db, api, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    real_now = timezone.now
    start = real_now()
    for minutes in (1, 2, 3, 4, 5, 6):
        make_article(published_at=start + timedelta(minutes=minutes))
    for _ in range(6):
        make_article()
    clock = {"minutes": 0}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(minutes=clock["minutes"]))

    def tick():
        clock["minutes"] += 1

    partner = Partner(api, page_size=2)
    partner.sync_pass(between_pages=tick)
    partner.sync_pass(between_pages=tick)
    assert 6 < len(partner.copy) < 12
    clock["minutes"] = 10
    partner.sync_pass()
    assert len(partner.copy) == 12
    assert partner.copy == published_versions(api)
