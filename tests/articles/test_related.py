"""Related articles on an article page: which articles, and in what order."""

from datetime import timedelta

from django.utils import timezone

from articles import models as article_models
from articles.models import Article
from tests.site import page_builders as build


def aged(days: int, **fields) -> Article:
    """A published article `days` old."""
    return build.article(published_at=timezone.now() - timedelta(days=days), **fields)


def related_headlines(article: Article) -> list[str]:
    return [a.headline for a in Article.objects.published().related_to(article)]


def test_a_shared_meeting_ranks_above_shared_people_and_shared_topics(db):
    meeting, person, other_person, topic = (
        build.meeting(),
        build.person(),
        build.person(),
        build.topic(),
    )
    story = aged(0, headline="Story")
    story.meetings.add(meeting)
    story.people.add(person, other_person)
    story.topics.add(topic)
    by_meeting = aged(300, headline="Same meeting, oldest")
    by_meeting.meetings.add(meeting)
    by_two_people = aged(200, headline="Both people")
    by_two_people.people.add(person, other_person)
    by_person = aged(100, headline="One person")
    by_person.people.add(person)
    by_person_and_topic = aged(150, headline="One person and the topic")
    by_person_and_topic.people.add(person)
    by_person_and_topic.topics.add(topic)
    by_topic = aged(1, headline="The topic, newest")
    by_topic.topics.add(topic)
    aged(2, headline="Unrelated")

    assert related_headlines(story) == [
        "Same meeting, oldest",
        "Both people",
        "One person and the topic",
        "One person",
        "The topic, newest",
    ]


def test_equally_close_articles_come_newest_first(db):
    topic = build.topic()
    story = aged(0, headline="Story")
    story.topics.add(topic)
    for days in (5, 1, 3):
        aged(days, headline=f"{days} days old").topics.add(topic)

    assert related_headlines(story) == ["1 days old", "3 days old", "5 days old"]


def test_more_shared_topics_rank_higher_among_the_newest_sharing_one(db):
    first, second = build.topic(), build.topic()
    story = aged(0, headline="Story")
    story.topics.add(first, second)
    aged(1, headline="One topic").topics.add(first)
    aged(2, headline="Both topics").topics.add(first, second)

    assert related_headlines(story) == ["Both topics", "One topic"]


def test_only_the_newest_articles_sharing_a_topic_are_candidates(db, monkeypatch):
    monkeypatch.setattr(article_models, "RELATED_BY_TOPIC_LIMIT", 2)
    topic, person = build.topic(), build.person()
    story = aged(0, headline="Story")
    story.topics.add(topic)
    story.people.add(person)
    for days in (1, 2, 3):
        aged(days, headline=f"Topic, {days} days old").topics.add(topic)
    aged(400, headline="Person, old").people.add(person)

    # Every article sharing a person counts, however old; of those sharing only a topic, the
    # newest two.
    assert related_headlines(story) == ["Person, old", "Topic, 1 days old", "Topic, 2 days old"]


def test_related_leaves_out_the_article_itself_drafts_and_scheduled_ones(db):
    topic = build.topic()
    story = aged(0, headline="Story")
    story.topics.add(topic)
    build.article(published=False, headline="Draft").topics.add(topic)
    build.article(headline="Scheduled", published_at=timezone.now() + timedelta(days=1)).topics.add(
        topic
    )
    aged(1, headline="Published").topics.add(topic)

    assert related_headlines(story) == ["Published"]


def test_an_article_with_no_meetings_people_or_topics_has_no_related_articles(db):
    story = aged(0, headline="Story")
    aged(1, headline="Another").topics.add(build.topic())

    assert related_headlines(story) == []


def test_related_reads_prefetched_relations_and_agrees_without_them(db, django_assert_num_queries):
    meeting, person, topic = build.meeting(), build.person(), build.topic()
    story = aged(0, headline="Story")
    story.meetings.add(meeting)
    story.people.add(person)
    story.topics.add(topic)
    aged(3, headline="Meeting").meetings.add(meeting)
    aged(2, headline="Person").people.add(person)
    aged(1, headline="Topic").topics.add(topic)
    prefetched = Article.objects.prefetch_related("meetings", "people", "topics").get(pk=story.pk)

    with django_assert_num_queries(1):
        assert related_headlines(prefetched) == ["Meeting", "Person", "Topic"]
    assert related_headlines(Article.objects.get(pk=story.pk)) == ["Meeting", "Person", "Topic"]


def test_article_page_lists_related_articles_closest_first(db, client):
    meeting, topic = build.meeting(), build.topic()
    story = aged(0, headline="Story")
    story.meetings.add(meeting)
    story.topics.add(topic)
    aged(1, headline="Sharing the topic").topics.add(topic)
    aged(9, headline="Reporting the same meeting").meetings.add(meeting)

    html = client.get(story.get_absolute_url()).content.decode()

    related = html[html.index('id="related-articles"') :]
    assert related.index("Reporting the same meeting") < related.index("Sharing the topic")
