"""Related articles on an article page: which articles, and in what order."""

from datetime import timedelta

from django.utils import timezone

from articles import models as article_models
from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory, TopicFactory
from tests.people.factories import PersonFactory


def aged(days: int, **fields) -> Article:
    """A published article `days` old."""
    return ArticleFactory(
        published=True, published_at=timezone.now() - timedelta(days=days), **fields
    )


def related_ids(article: Article) -> list[int]:
    return Article.objects.published().related_ids(article)


def related_headlines(article: Article) -> list[str]:
    headlines = dict(Article.objects.values_list("pk", "headline"))
    return [headlines[pk] for pk in related_ids(article)]


def test_a_shared_meeting_ranks_above_shared_people_and_shared_topics(db):
    meeting, person, other_person, topic = (
        MeetingFactory(published=True),
        PersonFactory(),
        PersonFactory(),
        TopicFactory(),
    )
    story = aged(
        0, headline="Story", meetings=[meeting], people=[person, other_person], topics=[topic]
    )
    aged(300, headline="Same meeting, oldest", meetings=[meeting])
    aged(200, headline="Both people", people=[person, other_person])
    aged(100, headline="One person", people=[person])
    aged(150, headline="One person and the topic", people=[person], topics=[topic])
    aged(1, headline="The topic, newest", topics=[topic])
    aged(2, headline="Unrelated")

    assert related_headlines(story) == [
        "Same meeting, oldest",
        "Both people",
        "One person and the topic",
        "One person",
        "The topic, newest",
    ]


def test_equally_close_articles_come_newest_first(db):
    topic = TopicFactory()
    story = aged(0, headline="Story", topics=[topic])
    for days in (5, 1, 3):
        aged(days, headline=f"{days} days old", topics=[topic])

    assert related_headlines(story) == ["1 days old", "3 days old", "5 days old"]


def test_more_shared_topics_rank_higher_among_the_newest_sharing_one(db):
    first, second = TopicFactory(), TopicFactory()
    story = aged(0, headline="Story", topics=[first, second])
    aged(1, headline="One topic", topics=[first])
    aged(2, headline="Both topics", topics=[first, second])

    assert related_headlines(story) == ["Both topics", "One topic"]


def test_only_the_newest_articles_sharing_a_topic_are_candidates(db, monkeypatch):
    monkeypatch.setattr(article_models, "RELATED_BY_TOPIC_LIMIT", 2)
    topic, person = TopicFactory(), PersonFactory()
    story = aged(0, headline="Story", topics=[topic], people=[person])
    for days in (1, 2, 3):
        aged(days, headline=f"Topic, {days} days old", topics=[topic])
    aged(400, headline="Person, old", people=[person])

    # Every article sharing a person counts, however old; of those sharing only a topic, the
    # newest two.
    assert related_headlines(story) == ["Person, old", "Topic, 1 days old", "Topic, 2 days old"]


def test_related_leaves_out_the_article_itself_drafts_and_scheduled_ones(db):
    topic = TopicFactory()
    story = aged(0, headline="Story", topics=[topic])
    ArticleFactory(published=False, headline="Draft", topics=[topic])
    ArticleFactory(
        published=True,
        headline="Scheduled",
        published_at=timezone.now() + timedelta(days=1),
        topics=[topic],
    )
    aged(1, headline="Published", topics=[topic])

    assert related_headlines(story) == ["Published"]


def test_an_article_with_no_meetings_people_or_topics_has_no_related_articles(db):
    story = aged(0, headline="Story")
    aged(1, headline="Another", topics=[TopicFactory()])

    assert related_headlines(story) == []


def test_related_reads_prefetched_relations_and_agrees_without_them(db, django_assert_num_queries):
    meeting, person, topic = MeetingFactory(published=True), PersonFactory(), TopicFactory()
    story = aged(0, headline="Story", meetings=[meeting], people=[person], topics=[topic])
    aged(3, headline="Meeting", meetings=[meeting])
    aged(2, headline="Person", people=[person])
    aged(1, headline="Topic", topics=[topic])
    prefetched = Article.objects.prefetch_related("meetings", "people", "topics").get(pk=story.pk)

    with django_assert_num_queries(1):
        ids = related_ids(prefetched)
    assert ids == related_ids(Article.objects.get(pk=story.pk))
    assert related_headlines(prefetched) == ["Meeting", "Person", "Topic"]


def test_article_page_lists_related_articles_closest_first(db, client):
    meeting, topic = MeetingFactory(published=True), TopicFactory()
    story = aged(0, headline="Story", meetings=[meeting], topics=[topic])
    aged(1, headline="Sharing the topic", topics=[topic])
    aged(9, headline="Reporting the same meeting", meetings=[meeting])

    html = client.get(story.get_absolute_url()).content.decode()

    related = html[html.index('id="related-articles"') :]
    assert related.index("Reporting the same meeting") < related.index("Sharing the topic")


def test_related_articles_are_limited_and_keep_their_order(db):
    topic = TopicFactory()
    story = aged(0, headline="Story", topics=[topic])
    for days in (4, 2, 3, 1):
        aged(days, headline=f"{days} days old", topics=[topic])

    related = Article.objects.published().related_ids(story, limit=2)

    assert related == related_ids(story)[:2]
    assert len(related_ids(story)) == 4
