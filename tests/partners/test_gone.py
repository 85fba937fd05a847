"""410 Gone for what was published once; 404, the same as for no item at all, for a draft."""

from articles.models import Article
from articles.services import article_delete, article_withdraw
from people.services import person_delete
from tests.articles.factories import ArticleFactory
from tests.people.factories import PersonFactory


def test_withdrawn_article_is_410_with_its_tombstone(db, api):
    article = ArticleFactory(published=True)
    assert api.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    article_withdraw(article=Article.objects.get(pk=article.pk))
    for ref in (article.pk, article.slug):
        gone = api.get(f"/api/v1/articles/{ref}/")
        assert gone.status_code == 410, ref
        body = gone.json()
        assert body["pubstatus"] == "canceled"
        assert body["uri"].endswith(f"/api/v1/articles/{article.pk}/")
        assert body["altids"] == [{"role": "id", "value": str(article.pk)}]
        assert "headlines" not in body and "bodies" not in body


def test_deleted_items_are_410_by_id(db, api):
    article, person = ArticleFactory(published=True), PersonFactory()
    person_id = person.pk  # delete() empties the instance's pk
    article_delete(article=Article.objects.get(pk=article.pk))
    person_delete(person=person)
    assert api.get(f"/api/v1/articles/{article.pk}/").json()["pubstatus"] == "canceled"
    gone = api.get(f"/api/v1/officials/{person_id}/")
    assert gone.status_code == 410
    assert gone.json() == {
        "id": person_id,
        "uri": gone.json()["uri"],
        "pubstatus": "canceled",
    }
    assert gone.json()["uri"].endswith(f"/api/v1/officials/{person_id}/")


def test_a_draft_is_404_exactly_like_an_id_that_never_existed(db, api):
    draft = ArticleFactory(published=False, headline="Secret draft")
    missing_id = draft.pk + 1000
    answers = [
        api.get(f"/api/v1/articles/{draft.pk}/"),
        api.get(f"/api/v1/articles/{draft.slug}/"),
        api.get(f"/api/v1/articles/{missing_id}/"),
        api.get("/api/v1/articles/no-such-slug/"),
    ]
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert b"Secret" not in answers[0].content
