from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from articles.models import Article
from events.models import Delegation, Exhibition, Meeting, Outcome
from people.models import Organisation, Person
from seeds.synthetic import generate_archive


class _Rollback(Exception):
    pass


def generated_rows(seed: int) -> list[tuple]:
    """Generate an archive, read it back, and roll it away."""
    try:
        with transaction.atomic():
            generate_archive(articles=60, seed=seed)
            rows = list(
                Article.objects.order_by("slug").values_list(
                    "slug", "headline", "body", "status", "published_at", "meetings__slug"
                )
            )
            raise _Rollback
    except _Rollback:
        return rows


def test_same_seed_gives_the_same_archive(db):
    first = generated_rows(seed=7)
    assert len(first) == 60
    assert generated_rows(seed=7) == first
    assert generated_rows(seed=8) != first


def test_generated_archive_has_realistic_proportions_and_derived_columns(db):
    counts = generate_archive(articles=300, seed=3)
    assert counts["articles"] == Article.objects.count() == 300
    assert Meeting.objects.count() == 100  # one meeting per three articles
    assert Article.objects.published().count() > 250  # mostly published, some drafts
    assert Article.objects.unpublished().exists()
    # bulk_create skips save(): the folded columns must still be filled.
    person = Person.objects.filter(name__contains="ə").first() or Person.objects.first()
    assert Person.objects.matching(person.name).filter(pk=person.pk).exists()
    meeting = Meeting.objects.first()
    assert meeting.pair_key == "-".join(
        sorted([meeting.host_country.code.lower(), meeting.guest_country.code.lower()])
    )
    # The meeting's folded text is PostgreSQL's to compute (a generated column).
    assert Meeting.objects.matching(meeting.title).filter(pk=meeting.pk).exists()
    assert Article.objects.matching("cooperation").exists()


def test_generated_archive_is_tagged_like_a_real_desk(db):
    generate_archive(articles=600, seed=4)
    assert Person.objects.count() >= 40 and Organisation.objects.count() >= 20
    assert not Person.objects.filter(positions=None).exists()  # everyone holds a position
    assert Person.objects.filter(name__regex="[əşğçöüıİ]").count() > Person.objects.count() / 2
    assert Delegation.objects.count() == 50  # every fourth of the 200 meetings
    assert 20 < Outcome.objects.count() < 120
    # Exhibitions come in yearly editions of each series.
    series = Exhibition.objects.values("series").distinct().count()
    assert Exhibition.objects.count() == series * 14
    article = Article.objects.prefetch_related("meetings", "people", "topics", "countries").last()
    meeting = article.meetings.get()
    assert {str(c.country) for c in article.countries.all()} == {
        str(meeting.host_country),
        str(meeting.guest_country),
    }
    assert set(meeting.participations.values_list("person", flat=True)) == {
        p.pk for p in article.people.all()
    }
    assert 2 <= article.topics.count() <= 3
    # The desk's own pair is reported far more often than the average pair.
    pairs = Counter(Meeting.objects.values_list("pair_key", flat=True))
    assert pairs["az-tr"] > 3 * sum(pairs.values()) / len(pairs)


def test_command_refuses_to_generate_the_same_seed_twice(db):
    call_command("generate_archive", "--articles", "10", "--seed", "5", verbosity=0)
    with pytest.raises(CommandError, match="already in this database"):
        call_command("generate_archive", "--articles", "10", "--seed", "5")
    assert Article.objects.count() == 10


def _indexes_and_foreign_keys() -> set[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "UNION SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype='f'"
        )
        return set(cursor.fetchall())


def test_postgres_loading_puts_back_every_index_and_foreign_key(db):
    before = _indexes_and_foreign_keys()
    generate_archive(articles=30, seed=9)
    assert _indexes_and_foreign_keys() == before
    # The full-text index is in use again: a search plan names it.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert "article_search_document" in Article.objects.matching("cooperation").explain()


def test_load_seeds_after_generate_archive_on_an_empty_database(db):
    call_command("generate_archive", "--articles", "20", "--seed", "5", verbosity=0)
    call_command("load_seeds", verbosity=0)
    assert Article.objects.filter(slug="azerbaijan-turkiye-defence-talks-adex-2024").exists()
    from events.models import Topic

    topic = Topic.objects.get(name="Military-technical cooperation")
    assert topic.slug == "military-technical-cooperation"
    assert topic.description  # the seed file's description, written over the generated topic


def test_generate_archive_after_load_seeds(seeded):
    from events.models import Topic

    seeded_topics = Topic.objects.count()
    call_command("generate_archive", "--articles", "20", "--seed", "5", verbosity=0)
    assert Topic.objects.filter(name="Military-technical cooperation").count() == 1
    assert Topic.objects.count() > seeded_topics
    call_command("load_seeds", verbosity=0)  # and again: nothing to refuse
