"""Each kind of edit changes the version of exactly the documents that show what it changed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus, Source
from articles.services import (
    article_publish,
    article_save,
    article_schedule,
    article_withdraw,
    source_save,
)
from core.models import Change, Document
from events.models import Meeting, Participation, Topic
from events.services import (
    meeting_delete,
    meeting_publish,
    meeting_save,
    topic_delete,
    topic_save,
)
from people.models import Organisation, Person
from people.services import organisation_save, person_save


def versions() -> dict:
    return {(d.kind, d.object_id): d.version for d in Document.objects.all()}


def changed_by(edit) -> set:
    before = versions()
    edit()
    after = versions()
    return {key for key, version in after.items() if before.get(key, 0) != version}


@pytest.fixture
def world(db):
    w = {}
    w["org"] = organisation_save(
        organisation=Organisation(name="Agency", slug="agency", kind="media", country="AZ")
    )
    w["other_org"] = organisation_save(
        organisation=Organisation(name="Ministry", slug="ministry", kind="ministry", country="AZ")
    )
    w["source"] = source_save(source=Source(name="Agency wire", slug="wire", organisation=w["org"]))
    w["host"] = person_save(person=Person(name="Host Person", slug="host", country="AZ"))
    w["guest"] = person_save(person=Person(name="Guest Person", slug="guest", country="TR"))
    w["t1"] = topic_save(topic=Topic(name="Air defence", slug="air-defence"))
    w["t2"] = topic_save(topic=Topic(name="Naval drills", slug="naval-drills"))
    meeting_fields = dict(kind="talks", cameo_code="046", host_country="AZ", guest_country="TR")
    day = timezone.now().date()
    w["m1"] = meeting_publish(
        meeting=meeting_save(
            meeting=Meeting(title="Talks", slug="talks", date=day, **meeting_fields)
        )
    )
    w["m2"] = meeting_publish(
        meeting=meeting_save(
            meeting=Meeting(title="Visit", slug="visit", date=day, **meeting_fields)
        )
    )

    def m1_parts():
        Participation.objects.create(meeting=w["m1"], person=w["host"], role="host", side="AZ")
        Participation.objects.create(meeting=w["m1"], person=w["guest"], role="guest", side="TR")
        w["m1"].topics.add(w["t1"])

    meeting_save(meeting=w["m1"], related=m1_parts)

    def article(slug, *, published=True, links=()):
        obj = Article(
            headline=f"Report {slug}",
            slug=slug,
            body=f"<p>Text of {slug}.</p>",
            status=ArticleStatus.PUBLISHED if published else ArticleStatus.DRAFT,
            published_at=timezone.now() if published else None,
        )

        def tag():
            for relation, items in links:
                getattr(obj, relation).add(*items)

        return article_save(article=obj, related=tag)

    w["a1"] = article(
        "a1",
        links=[("topics", [w["t1"]]), ("meetings", [w["m1"]]), ("people", [w["host"]])],
    )
    w["a1"].source = w["source"]
    article_save(article=w["a1"])
    w["a2"] = article("a2", links=[("topics", [w["t2"]]), ("meetings", [w["m2"]])])
    w["a3"] = article("a3")
    w["d1"] = article("d1", published=False, links=[("topics", [w["t1"]]), ("meetings", [w["m1"]])])
    return w


def test_deleting_a_topic_changes_the_topic_and_the_articles_tagged_with_it(world):
    pk = world["t2"].pk
    assert changed_by(lambda: topic_delete(topic=world["t2"])) == {
        ("topic", pk),
        ("article", world["a2"].pk),
    }
    assert not Document.objects.get(kind="topic", object_id=pk).public


def test_deleting_a_meeting_changes_it_and_the_articles_reporting_it(world):
    pk = world["m2"].pk
    assert changed_by(lambda: meeting_delete(meeting=world["m2"])) == {
        ("meeting", pk),
        ("article", world["a2"].pk),
    }


def test_changing_a_participants_role_changes_the_meeting_and_its_articles(world):
    def edit():
        meeting_save(
            meeting=world["m1"],
            related=lambda: Participation.objects.filter(
                meeting=world["m1"], person=world["host"]
            ).update(role="attendee"),
        )

    # The draft reporting the meeting has no public document to change.
    assert changed_by(edit) == {("meeting", world["m1"].pk), ("article", world["a1"].pk)}


def test_renaming_a_sources_organisation_changes_the_articles_from_that_source(world):
    org = world["org"]
    org.name = "Agency, renamed"
    assert changed_by(lambda: organisation_save(organisation=org)) == {
        ("organisation", org.pk),
        ("article", world["a1"].pk),
    }


def test_re_embargoing_an_article_takes_it_out_of_the_public_set(world):
    later = timezone.now() + timedelta(days=1)
    assert changed_by(lambda: article_schedule(article=world["a3"], at=later)) == {
        ("article", world["a3"].pk)
    }
    change = Change.objects.filter(kind="article", object_id=world["a3"].pk).latest("id")
    assert change.action == "left"


def test_removing_a_tag_changes_only_that_article(world):
    a1 = world["a1"]
    assert changed_by(
        lambda: article_save(article=a1, related=lambda: a1.topics.remove(world["t1"]))
    ) == {("article", a1.pk)}


def test_editing_text_changes_the_article_and_a_draft_edit_changes_nothing(world):
    a1, d1 = world["a1"], world["d1"]
    a1.body = "<p>Corrected text.</p>"
    assert changed_by(lambda: article_save(article=a1)) == {("article", a1.pk)}
    d1.body = "<p>Secret draft words.</p>"
    assert changed_by(lambda: article_save(article=d1)) == set()


def test_publishing_and_withdrawing_change_only_that_article(world):
    d1 = world["d1"]
    assert changed_by(lambda: article_publish(article=d1)) == {("article", d1.pk)}
    assert changed_by(lambda: article_withdraw(article=d1)) == {("article", d1.pk)}
    actions = list(
        Change.objects.filter(kind="article", object_id=d1.pk).values_list("action", flat=True)
    )
    assert actions == ["entered", "left"]


def test_saving_without_a_change_changes_no_version(world):
    assert changed_by(lambda: article_save(article=world["a1"])) == set()
    assert changed_by(lambda: meeting_save(meeting=world["m1"])) == set()
    assert changed_by(lambda: person_save(person=world["host"])) == set()


def test_a_renamed_person_reaches_every_article_naming_them(world):
    host = world["host"]
    host.name = "Host Person, renamed"
    assert changed_by(lambda: person_save(person=host)) == {
        ("official", host.pk),
        ("article", world["a1"].pk),
    }


def test_the_version_grows_by_one_exactly_when_the_bytes_change(world):
    a1 = world["a1"]
    doc = Document.objects.get(kind="article", object_id=a1.pk)
    a1.headline = "New headline"
    article_save(article=a1)
    after = Document.objects.get(kind="article", object_id=a1.pk)
    assert after.version == doc.version + 1
    assert bytes(after.body) != bytes(doc.body)
    article_save(article=a1)
    assert bytes(Document.objects.get(pk=doc.pk).body) == bytes(after.body)


def test_a_large_fan_out_runs_in_a_background_task_after_commit(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from core import changes

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(changes, "FANOUT_INLINE_LIMIT", 0)
    t1 = world["t1"]
    t1.name = "Air and missile defence"
    before = versions()
    with django_capture_on_commit_callbacks() as callbacks:
        topic_save(topic=t1)
    # The topic at once, in the editor's request; what shows it, once the task has run.
    assert {k for k, v in versions().items() if before.get(k) != v} == {("topic", t1.pk)}
    for callback in callbacks:
        callback()
    assert {k for k, v in versions().items() if before.get(k) != v} == {
        ("topic", t1.pk),
        ("article", world["a1"].pk),
    }


def test_documents_are_written_in_the_sites_language_whatever_the_requests(seeded):
    """An edit made while a page under /az/ is being answered renders the same document: the
    countries keep their English names in every partner's copy."""
    from django.utils import translation

    from core.changes import publish

    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    document = Document.objects.get(kind="article", object_id=article.pk)
    assert b'"Azerbaijan"' in document.body
    with translation.override("az"):
        assert publish("article", [article.pk]) == []  # the same bytes: no new version
    document.refresh_from_db()
    assert b'"Azerbaijan"' in document.body and "Azərbaycan".encode() not in document.body
